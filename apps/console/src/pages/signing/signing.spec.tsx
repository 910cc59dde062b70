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

/** The component tests' fetch answers text only; a PDF is read as a blob. */
function withBlobs() {
  const answer = global.fetch;
  global.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await answer(input, init);
    return Object.assign(response, { blob: async () => new Blob([await response.text()], { type: 'application/pdf' }) });
  }) as typeof fetch;
}

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

describe('signing: the draft as a PDF before signing (issue 12, R-6.4.5)', () => {
  const DRAFT = '44444444-4444-4444-8444-444444444444';
  const draft = { ...base, id: DRAFT, number: null, status: 'draft', content, blockingIssues: [] };
  const previewPath = `/api/certificates/certificates/${DRAFT}/preview`;

  function serveDraft(roles: string[], preview: Parameters<typeof answerFetch>[0][string] = { body: '%PDF-1.3', contentType: 'application/pdf' }) {
    const calls = serve(roles, [draft], {
      [`/api/certificates/certificates/${DRAFT}`]: { body: draft },
      [`/api/certificates/certificates/${DRAFT}/history`]: { body: [] },
      [previewPath]: preview,
    });
    withBlobs();
    return calls;
  }

  it('a signatory sees the draft PDF in a frame with a download link, beside the content and the signing form', async () => {
    const calls = serveDraft(['authorised-signatory']);
    renderAt(`/signing/certificates/${DRAFT}`, '/signing/certificates/:id', <CertificatePage />, { session: true });
    const card = await screen.findByTestId('draft-pdf');
    expect(within(card).getByRole('heading', { name: '草稿 PDF — 无效' })).toBeInTheDocument();
    const frame = await within(card).findByTitle('草稿 PDF — 无效');
    expect(frame.tagName).toBe('IFRAME');
    expect(frame).toHaveAttribute('src', 'blob:pdf');
    expect(within(card).getByRole('link', { name: '下载草稿' })).toHaveAttribute('download', 'draft-44444444.pdf');
    expect(calls.filter((c) => c.path === previewPath)).toHaveLength(1);
    expect(screen.getByRole('heading', { name: '预览（签发内容）' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '签发' })).toBeInTheDocument();
  });

  it('shows the service\'s refusal of the preview as problem details, and keeps the rest of the page', async () => {
    serveDraft(['checker'], {
      status: 409, contentType: 'application/problem+json',
      body: { title: 'Conflict', status: 409, detail: 'only drafts are previewed', errors: [{ field: 'status', rule: 'preview-drafts-only', message: 'issued', requirement: 'R-6.4.4' }] },
    });
    renderAt(`/signing/certificates/${DRAFT}`, '/signing/certificates/:id', <CertificatePage />, { session: true });
    const card = await screen.findByTestId('draft-pdf');
    const alert = await within(card).findByRole('alert');
    expect(alert).toHaveTextContent('only drafts are previewed');
    expect(alert).toHaveTextContent('R-6.4.4');
    expect(within(card).queryByTitle('草稿 PDF — 无效')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '预览（签发内容）' })).toBeInTheDocument();
  });

  it('roles the gateway does not let preview drafts (intake clerk, regulator) are not offered the frame and never ask for it', async () => {
    for (const roles of [['intake-clerk'], ['regulator']]) {
      const calls = serveDraft(roles);
      const { unmount } = renderAt(`/signing/certificates/${DRAFT}`, '/signing/certificates/:id', <CertificatePage />, { session: true });
      expect(await screen.findByTestId('certificate-status')).toHaveTextContent('草稿');
      await waitFor(() => expect(calls.some((c) => c.path === '/console-api/permissions')).toBe(true));
      await waitFor(() => expect(screen.queryByText('加载中…')).not.toBeInTheDocument());
      await new Promise((r) => setTimeout(r, 100)); // the matrix has arrived and been applied
      expect(screen.queryByTestId('draft-pdf')).not.toBeInTheDocument();
      expect(calls.some((c) => c.path === previewPath)).toBe(false);
      unmount();
    }
  });
});

describe('signing: told before the PIN whether signing would be refused (R-5.1.3, R-6.4.5)', () => {
  const DRAFT = '55555555-5555-4555-8555-555555555555';
  const draft = { ...base, id: DRAFT, number: null, status: 'draft', content, blockingIssues: [] };
  const readinessPath = `/api/certificates/certificates/${DRAFT}/signing-readiness`;
  const signPath = `/api/certificates/certificates/${DRAFT}/sign`;
  const unauthorised = { requirement: 'R-5.1.3', rule: 'authorised-signatory', field: 'signatory', message: 'no current authorised-signatory authorisation for JJG 21-2008' };
  const noPin = { requirement: 'R-6.4.5', rule: 're-authentication', field: 'pin', message: 'the signatory has not enrolled a signing PIN' };

  function serveReadiness(roles: string[], readiness: object) {
    const calls = serve(roles, [draft], {
      [`/api/certificates/certificates/${DRAFT}`]: { body: draft },
      [`/api/certificates/certificates/${DRAFT}/history`]: { body: [] },
      [`/api/certificates/certificates/${DRAFT}/preview`]: { body: '%PDF-1.3', contentType: 'application/pdf' },
      [readinessPath]: { body: readiness },
      [signPath]: { body: { id: DRAFT, number: 'HD-2026-000009', status: 'issued' } },
    });
    withBlobs();
    return calls;
  }

  it('R-5.1.3 R-6.4.5 refused: the reasons are listed above the PIN with their requirement IDs; the PIN field and the button are disabled, the reasons their description', async () => {
    const calls = serveReadiness(['authorised-signatory'], { certificateId: DRAFT, status: 'draft', canSign: false, refusals: [noPin, unauthorised] });
    renderAt(`/signing/certificates/${DRAFT}`, '/signing/certificates/:id', <CertificatePage />, { session: true });
    const list = await screen.findByTestId('signing-refusals');
    expect(list).toHaveTextContent('签发将被拒绝：');
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual([`${noPin.message} (R-6.4.5)`, `${unauthorised.message} (R-5.1.3)`]);
    const form = screen.getByRole('form', { name: '批准并签发' });
    expect(form).toContainElement(list);
    const button = within(form).getByRole('button', { name: '签发' });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription(expect.stringContaining(unauthorised.message));
    expect(within(form).getByLabelText('签名口令')).toBeDisabled();
    await userEvent.click(button);
    expect(calls.some((c) => c.path === signPath)).toBe(false);
  });

  it('ready: nothing is listed and the signatory signs with the PIN as before', async () => {
    const calls = serveReadiness(['authorised-signatory'], { certificateId: DRAFT, status: 'draft', canSign: true, refusals: [] });
    renderAt(`/signing/certificates/${DRAFT}`, '/signing/certificates/:id', <CertificatePage />, { session: true });
    const form = await screen.findByRole('form', { name: '批准并签发' });
    await waitFor(() => expect(calls.some((c) => c.path === readinessPath)).toBe(true));
    await new Promise((r) => setTimeout(r, 50)); // the answer has been applied
    expect(screen.queryByTestId('signing-refusals')).not.toBeInTheDocument();
    const button = within(form).getByRole('button', { name: '签发' });
    expect(button).toBeEnabled();
    expect(button).not.toHaveAttribute('aria-describedby');
    await userEvent.type(within(form).getByLabelText('签名口令'), '482913');
    await userEvent.click(button);
    await waitFor(() => expect(calls.find((c) => c.path === signPath)).toMatchObject({ method: 'POST', body: { pin: '482913' } }));
  });

  it('roles that may not sign (a checker, a regulator) neither see the PIN form nor ask whether signing would be refused', async () => {
    for (const roles of [['checker'], ['regulator']]) {
      const calls = serveReadiness(roles, { certificateId: DRAFT, status: 'draft', canSign: true, refusals: [] });
      const { unmount } = renderAt(`/signing/certificates/${DRAFT}`, '/signing/certificates/:id', <CertificatePage />, { session: true });
      expect(await screen.findByTestId('certificate-status')).toHaveTextContent('草稿');
      await waitFor(() => expect(calls.some((c) => c.path === '/console-api/permissions')).toBe(true));
      await new Promise((r) => setTimeout(r, 100)); // the matrix has arrived and been applied
      expect(screen.queryByRole('form', { name: '批准并签发' })).not.toBeInTheDocument();
      expect(calls.some((c) => c.path === readinessPath)).toBe(false);
      unmount();
    }
  });
});

describe('the issue log (R-6.4.5: who signed what and when)', () => {
  it('shows each logged step in words with its actor and details, never as raw JSON', async () => {
    serve(['authorised-signatory'], [original], {
      [`/api/certificates/certificates/${ORIGINAL}/history`]: {
        body: [
          { action: 'draft-created', actor: 'system:records-events', at: '2026-11-20T07:59:00.000Z', detail: { recordVersion: 2 } },
          { action: 'signed-and-issued', actor: 'u-signatory', at: '2026-11-20T08:00:00.000Z', detail: { number: 'HD-2026-000001', meaning: '批准' } },
        ],
      },
    });
    renderAt(`/signing/certificates/${ORIGINAL}`, '/signing/certificates/:id', <CertificatePage />, { session: true });
    const log = await screen.findByTestId('issue-log');
    const rows = within(log).getAllByRole('row').slice(1).map((r) => r.textContent);
    expect(rows[0]).toContain('由批准的原始记录生成草稿');
    expect(rows[1]).toContain('已签名并发出');
    expect(rows[1]).toContain('u-signatory');
    expect(rows[1]).toContain('number: HD-2026-000001');
    expect(rows[1]).toContain('2026-11-20 08:00:00');
    expect(log.textContent).not.toContain('{"');
  });
});
