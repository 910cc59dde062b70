import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { answerFetch, renderAt } from '../../test-support/render';
import { VerifyPage } from './verify';

const QR_ROUTE = '/api/certificates/public/certificates/:tenant/:number';
const valid = {
  exists: true, number: 'HD-2026-000001', kind: 'calibration-certificate', issuedAt: '2026-11-26T08:00:00Z', item: 'Gauge block 50 mm', status: 'valid',
  replacedBy: null, replaces: null, supplementTo: null, supplements: [], signatory: { printedName: '陈静', keyId: 'k1', algorithm: 'Ed25519' },
  signatureValid: true, documents: { json: 'a'.repeat(64), xml: 'b'.repeat(64), pdf: 'c'.repeat(64) },
};

describe('public certificate verification page, the QR target (R-6.4.3, issue 12)', () => {
  it('asks the gateway without a token and shows a valid certificate in Chinese', async () => {
    const calls = answerFetch({ '/public/certificates/verify?institution=lab-east&number=HD-2026-000001': { body: valid } });
    sessionStorage.setItem('calchain.token', 'should-not-be-sent');
    renderAt('/api/certificates/public/certificates/lab-east/HD-2026-000001', QR_ROUTE, <VerifyPage />);
    expect(await screen.findByRole('heading', { name: '证书有效' })).toBeInTheDocument();
    expect(screen.getByTestId('certificate-number')).toHaveTextContent('HD-2026-000001');
    expect(screen.getByText('校准证书')).toBeInTheDocument();
    expect(calls).toHaveLength(1);
    expect(calls[0].headers.authorization).toBeUndefined();
  });

  it('says plainly when a certificate is void, and switches to English', async () => {
    answerFetch({ '/public/certificates/verify*': { body: { ...valid, status: 'void', replacedBy: { number: 'HD-2026-000007' } } } });
    renderAt('/api/certificates/public/certificates/lab-east/HD-2026-000001', QR_ROUTE, <VerifyPage />);
    expect(await screen.findByRole('heading', { name: '证书已作废' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(await screen.findByRole('heading', { name: 'VOID — withdrawn' })).toBeInTheDocument();
    const row = screen.getByText('Replaced by').closest('div');
    expect(row).not.toBeNull();
    expect(within(row as HTMLElement).getByText('HD-2026-000007')).toBeInTheDocument();
  });

  it('R-6.4.4 a void original names its replacement as a link to verify it, and lists its supplements', async () => {
    answerFetch({ '/public/certificates/verify*': { body: { ...valid, status: 'void', replacedBy: { number: 'HD-2026-000003' }, supplements: ['HD-2026-000002'] } } });
    renderAt('/api/certificates/public/certificates/lab-east/HD-2026-000001', QR_ROUTE, <VerifyPage />);
    expect(await screen.findByRole('heading', { name: '证书已作废' })).toBeInTheDocument();
    expect(screen.getByTestId('void-hint')).toHaveTextContent('本证书已收回，替代证书为： HD-2026-000003');
    expect(within(screen.getByTestId('replaced-by')).getByRole('link', { name: 'HD-2026-000003' })).toHaveAttribute('href', '/verify?institution=lab-east&number=HD-2026-000003');
    expect(within(screen.getByTestId('supplements')).getByRole('link', { name: 'HD-2026-000002' })).toBeInTheDocument();
  });

  it('a number the institution never issued is "not found", not an error page', async () => {
    answerFetch({ '/public/certificates/verify*': { status: 404, body: { title: 'Not Found', status: 404, detail: 'Certificate HD-9 not found' } } });
    renderAt('/api/certificates/public/certificates/lab-east/HD-9', QR_ROUTE, <VerifyPage />);
    expect(await screen.findByRole('heading', { name: '查无此证书' })).toBeInTheDocument();
  });

  it('a tampered certificate (signature not verifying) is never shown as valid', async () => {
    answerFetch({ '/public/certificates/verify*': { body: { ...valid, signatureValid: false } } });
    renderAt('/api/certificates/public/certificates/lab-east/HD-2026-000001', QR_ROUTE, <VerifyPage />);
    expect(await screen.findByRole('heading', { name: '签名验证未通过' })).toBeInTheDocument();
    expect(screen.queryByText('证书有效')).not.toBeInTheDocument();
  });
});
