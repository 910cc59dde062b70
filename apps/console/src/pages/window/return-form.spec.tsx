import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { permissionMatrix } from '../../../../../services/gateway/src/authorization/permission-matrix';
import { answerFetch, renderAt } from '../../test-support/render';
import { Handling } from './return-checklist';
import { ReturnForm } from './return-form';
import { ContractItem } from './types';

const item = { itemId: 'i-1', instrumentType: '量块 50 mm', serialNumber: 'GB-1' } as ContractItem;
const handling: Handling = {
  intake: { label: 'IL-2026-000001', channel: 'delivered', condition: '完好', conditionAcceptable: true, accessories: [{ name: '木盒', quantity: 1 }, { name: '说明书', quantity: 2 }], documents: ['上次证书'], receivedAt: '2026-11-20T08:00:00Z' },
  return: null,
};

function serve(roles: string[]) {
  sessionStorage.setItem('calchain.token', 'token');
  return answerFetch({
    '/identity/me': { body: { user: 'u-1', institution: 'lab-east', network: 'net', site: null, roles, via: 'oidc' } },
    '/console-api/permissions': { body: permissionMatrix },
    '/api/intake/customers/cust-1': { body: { id: 'cust-1', code: 'ACME', name: 'ACME', contacts: [{ id: 'contact-1', name: '李雷', role: null }] } },
    '/api/intake/items/i-1/return': { status: 201, body: {} },
  });
}

describe('return of an item to the customer with its checklist (R-6.2.5, issue 12)', () => {
  it('the clerk ticks off the intake checklist, sees any difference at once, and records the hand-over to a contact', async () => {
    const calls = serve(['intake-clerk']);
    renderAt('/', '/', <ReturnForm item={item} customerId="cust-1" handling={handling} />, { session: true });
    await userEvent.click(await screen.findByText('返还客户'));
    const form = screen.getByRole('form', { name: '返还客户 量块 50 mm GB-1' });
    expect(screen.queryByTestId('return-differences')).not.toBeInTheDocument();

    await userEvent.click(within(form).getByLabelText('已返还: 木盒'));
    expect(screen.getByTestId('return-differences')).toHaveTextContent('“木盒”（1）已收样但未返还');
    await userEvent.click(within(form).getByLabelText('已返还: 木盒'));
    expect(screen.queryByTestId('return-differences')).not.toBeInTheDocument();

    await within(form).findByRole('option', { name: '李雷' });
    await userEvent.selectOptions(within(form).getByLabelText('交接对象'), 'contact-1');
    await userEvent.type(within(form).getByLabelText('签字交接单'), 'HO-2026-0042');
    await userEvent.click(within(form).getByRole('button', { name: '登记返还' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({
      path: '/api/intake/items/i-1/return',
      body: { accessories: [{ name: '木盒', quantity: 1 }, { name: '说明书', quantity: 2 }], documents: ['上次证书'], handedOverTo: 'contact-1', receiverDescription: null, signatureRef: 'HO-2026-0042' },
    });
  });

  it('without a contact the receiver must be described (a courier and its waybill)', async () => {
    serve(['intake-clerk']);
    renderAt('/', '/', <ReturnForm item={item} customerId="cust-1" handling={handling} />, { session: true });
    await userEvent.click(await screen.findByText('返还客户'));
    await userEvent.type(screen.getByLabelText('签字交接单'), 'HO-1');
    expect(screen.getByRole('button', { name: '登记返还' })).toBeDisabled();
    await userEvent.type(screen.getByLabelText('接收人（姓名，或快递公司及运单号）'), '顺丰 SF1234');
    expect(screen.getByRole('button', { name: '登记返还' })).toBeEnabled();
  });

  it('a calibrator (who may write intake items for adjustments) is not offered the return', async () => {
    const calls = serve(['calibrator']);
    const { container } = renderAt('/', '/', <ReturnForm item={item} customerId="cust-1" handling={handling} />, { session: true });
    await waitFor(() => expect(calls.map((c) => c.path)).toEqual(expect.arrayContaining(['/identity/me', '/console-api/permissions'])));
    await act(() => new Promise((r) => setTimeout(r, 50))); // the session's answers applied
    expect(container).toBeEmptyDOMElement();
  });

  it('once returned it shows what went back, to whom and the signed hand-over', async () => {
    serve(['intake-clerk']);
    const returned: Handling = { ...handling, return: { accessories: handling.intake.accessories, documents: ['上次证书'], handedOverTo: 'contact-1', receiverDescription: null, signatureRef: 'docs://sha256/ab', returnedAt: '2026-11-26T08:00:00Z' } };
    renderAt('/', '/', <ReturnForm item={item} customerId="cust-1" handling={returned} />, { session: true });
    const card = await screen.findByTestId('item-returned');
    expect(card).toHaveTextContent('已返还');
    expect(card).toHaveTextContent('木盒 × 1');
    await waitFor(() => expect(card).toHaveTextContent('李雷'));
    expect(card).toHaveTextContent('docs://sha256/ab');
  });
});
