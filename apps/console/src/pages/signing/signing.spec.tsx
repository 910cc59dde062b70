import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { permissionMatrix } from '../../../../../services/gateway/src/authorization/permission-matrix';
import { answerFetch, renderAt } from '../../test-support/render';
import { CertificatePage } from './signing';

const ORIGINAL = '11111111-1111-4111-8111-111111111111';
const SUPPLEMENT = '22222222-2222-4222-8222-222222222222';
const REPLACEMENT = '33333333-3333-4333-8333-333333333333';
const base = { kind: 'calibration-certificate', itemId: 'item-1', supplementTo: null, replaces: null, replacedBy: null, amendmentReason: null, voidedAt: null };
const original = { ...base, id: ORIGINAL, number: 'HD-2026-000001', status: 'issued', issuedAt: '2026-11-20T08:00:00.000Z' };
const content = { item: { description: 'Gauge block 50 mm' }, results: [{ resultId: 'r1', quantity: 'L', point: '50 mm', nominal: '50', measuredValue: '50.00012', referenceValue: null, error: '0.00012', correction: null, unit: 'mm', expandedUncertainty: '0.00005', uncertaintyUnit: 'mm', coverageFactor: '2', coverageProbability: null, adjustment: 'not-adjusted', limit: null }] };

function serve(roles: string[], list: object[], extra: Record<string, Parameters<typeof answerFetch>[0][string]> = {}) {
  sessionStorage.setItem('calchain.token', 'token');
  return answerFetch({
    '/identity/me': { body: { user: 'u-1', institution: 'lab-east', network: 'net', site: null, roles, via: 'oidc' } },
    '/console-api/permissions': { body: permissionMatrix },
    [`/api/certificates/certificates/${ORIGINAL}`]: { body: { ...list.find((c) => (c as { id: string }).id === ORIGINAL), content } },
    [`/api/certificates/certificates/${ORIGINAL}/history`]: { body: [] },
    [`/api/certificates/certificates/${ORIGINAL}/documents/pdf`]: { body: {} },
    '/api/certificates/certificates?itemId=item-1': { body: list },
    ...extra,
  });
}

beforeAll(() => {
  Object.assign(URL, { createObjectURL: () => 'blob:pdf', revokeObjectURL: () => undefined });
});

describe('signing: supplement and reissue of an issued certificate (R-6.4.4, issue 12)', () => {
  it('a signatory may start a supplement or a replacement; the supplement needs the original to be correct and posts its lines', async () => {
    const calls = serve(['authorised-signatory'], [original], {
      [`/api/certificates/certificates/${ORIGINAL}/supplements`]: { status: 201, body: { id: SUPPLEMENT, status: 'draft' } },
    });
    renderAt(`/signing/certificates/${ORIGINAL}`, '/signing/certificates/:id', <CertificatePage />, { session: true });
    await userEvent.click(await screen.findByRole('button', { name: '补充…' }));
    expect(screen.getByRole('button', { name: '替代（重新出具）…' })).toBeInTheDocument();
    const form = screen.getByRole('form', { name: '补充件' });
    await userEvent.type(within(form).getByLabelText('原因'), '漏写环境条件');
    await userEvent.type(within(form).getByLabelText('补充内容'), '校准时温度 20.3 °C{enter}相对湿度 45 %');
    const submit = within(form).getByRole('button', { name: '生成补充件草稿' });
    expect(submit).toBeDisabled(); // not until the original is confirmed correct
    await userEvent.click(within(form).getByLabelText('原证书所述内容均正确，仅有信息遗漏'));
    await userEvent.click(submit);
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({
      path: `/api/certificates/certificates/${ORIGINAL}/supplements`,
      body: { reason: '漏写环境条件', originalWasCorrect: true, remarks: ['校准时温度 20.3 °C', '相对湿度 45 %'] },
    });
  });

  it('a replacement sends corrected results only when a value was corrected', async () => {
    const calls = serve(['authorised-signatory'], [original], {
      [`/api/certificates/certificates/${ORIGINAL}/reissue`]: { status: 201, body: { id: REPLACEMENT, status: 'draft' } },
    });
    renderAt(`/signing/certificates/${ORIGINAL}`, '/signing/certificates/:id', <CertificatePage />, { session: true });
    await userEvent.click(await screen.findByRole('button', { name: '替代（重新出具）…' }));
    const form = screen.getByRole('form', { name: '替代证书' });
    await userEvent.type(within(form).getByLabelText('原因'), '测得值录入错误');
    const value = within(form).getByLabelText('测得值 50 mm');
    expect(value).toHaveValue('50.00012');
    await userEvent.clear(value);
    await userEvent.type(value, '50.00010');
    expect(screen.getByTestId('results-changed')).toHaveTextContent('将按更正后的结果出具。');
    await userEvent.click(within(form).getByRole('button', { name: '生成替代证书草稿' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const body = calls.find((c) => c.method === 'POST')?.body as { reason: string; results: { measuredValue: string }[]; remarks?: string[] };
    expect(body.reason).toBe('测得值录入错误');
    expect(body.results[0].measuredValue).toBe('50.00010');
    expect(body.remarks).toBeUndefined();
  });

  it('shows the chain with statuses: a void original names its replacement, and no amendment is offered on it', async () => {
    const list = [
      { ...original, status: 'void', replacedBy: REPLACEMENT, voidedAt: '2026-11-25T08:00:00.000Z' },
      { ...base, id: SUPPLEMENT, number: 'HD-2026-000002', status: 'issued', supplementTo: ORIGINAL, issuedAt: '2026-11-21T08:00:00.000Z', amendmentReason: '漏写环境条件' },
      { ...base, id: REPLACEMENT, number: 'HD-2026-000003', status: 'issued', replaces: ORIGINAL, issuedAt: '2026-11-25T08:00:00.000Z', amendmentReason: '测得值录入错误' },
    ];
    serve(['authorised-signatory'], list);
    renderAt(`/signing/certificates/${ORIGINAL}`, '/signing/certificates/:id', <CertificatePage />, { session: true });
    const chain = await screen.findByTestId('certificate-chain');
    const rows = [...chain.querySelectorAll('tbody tr')].map((r) => [r.getAttribute('data-relation'), r.getAttribute('data-status'), r.querySelector('td')?.textContent]);
    expect(rows).toEqual([['original', 'void', 'HD-2026-000001'], ['supplement', 'issued', 'HD-2026-000002'], ['replacement', 'issued', 'HD-2026-000003']]);
    expect(within(chain).getByText('已被 HD-2026-000003 替代')).toBeInTheDocument();
    expect(screen.getByTestId('amendment-notice')).toHaveTextContent('已被 HD-2026-000003 替代');
    expect(screen.queryByRole('button', { name: '补充…' })).not.toBeInTheDocument();
  });

  it('a checker and a regulator see the certificate but no amendment buttons', async () => {
    for (const roles of [['checker'], ['regulator']]) {
      const calls = serve(roles, [original]);
      const { unmount } = renderAt(`/signing/certificates/${ORIGINAL}`, '/signing/certificates/:id', <CertificatePage />, { session: true });
      expect(await screen.findByTestId('certificate-status')).toHaveTextContent('已签发');
      await waitFor(() => expect(calls.some((c) => c.path.endsWith('?itemId=item-1'))).toBe(true));
      await waitFor(() => expect(screen.queryByText('加载中…')).not.toBeInTheDocument());
      expect(screen.queryByRole('button', { name: '补充…' })).not.toBeInTheDocument();
      expect(screen.queryByRole('button', { name: '替代（重新出具）…' })).not.toBeInTheDocument();
      unmount();
    }
  });
});
