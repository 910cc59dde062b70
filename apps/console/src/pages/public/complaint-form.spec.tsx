import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes } from 'react-router';
import { answerFetch, renderAt } from '../../test-support/render';
import { ComplaintFormPage } from './complaint-form';
import { DisclosurePage } from './disclosure';

const DISCLOSURE = '/public/institutions/lab-east/disclosure';
const COMPLAINTS = '/public/institutions/lab-east/complaints';
const ROUTE = '/complaints/:institution/new';

/** The disclosure as the gateway serves it, cut to what the form reads: quality's published complaint policy. */
const disclosure = {
  institution: 'lab-east', name: '华东计量测试研究院 East Metrology Institute', legalStatus: 'legal-entity', sites: [], responsiblePersons: [],
  sections: {
    complaintPolicy: {
      requirement: 'R-8.3.1', available: true,
      content: {
        institution: 'lab-east', channels: ['web-form', 'phone'], contacts: { phone: '+86 21 6432 1000', email: null, postalAddress: null, officeHours: null },
        flow: ['received', 'handler-assigned', 'investigated', 'extension-agreed-in-advance', 'answered', 'closed-archived'], flowKind: 'default-codes', handlingDays: 30, publishedOn: '2026-10-08',
      },
    },
  },
};
/** Quality's web-form intake answer (services/quality/src/complaints/application/web-form-intake.ts), passed on by the gateway. */
const receipt = { reference: 'CMP-2026-000042', receivedAt: '2026-11-27T02:00:00.000Z', handlingDays: 30, respondBy: '2026-12-27T02:00:00.000Z', requirement: 'R-8.3.2' };
const filed = { status: 201, body: receipt };

const DESCRIPTION = '证书 HD-2026-000001 上的出厂编号与量块不符。';
/** The next of the given answers at each call: one attempt after another. */
const inTurn = <T,>(answers: T[]) => () => {
  const next = answers.shift();
  if (next === undefined) throw new Error('more requests than answers');
  return next;
};
const posts = (calls: ReturnType<typeof answerFetch>) => calls.filter((c) => c.method === 'POST');
const submit = () => screen.getByRole('button', { name: '提交投诉' });

async function fillIn(user: ReturnType<typeof userEvent.setup>, contact = 'li.lei@example.cn') {
  await user.selectOptions(screen.getByLabelText('投诉类别'), '证书或报告');
  await user.type(screen.getByLabelText('投诉事项'), '证书上的出厂编号错误');
  await user.type(screen.getByLabelText('具体情况'), DESCRIPTION);
  await user.type(screen.getByLabelText('您的姓名'), '李雷');
  await user.type(screen.getByLabelText('电话或电子邮箱'), contact);
}

describe('public complaint form (R-8.3.1, R-8.3.3)', () => {
  it('R-8.3.1 files without a token, with an Idempotency-Key, and shows the receipt: number, time limit, what happens next', async () => {
    const calls = answerFetch({ [DISCLOSURE]: { body: disclosure }, [COMPLAINTS]: filed });
    sessionStorage.setItem('calchain.token', 'should-not-be-sent');
    const logged = ['log', 'info', 'debug', 'warn', 'error'].map((m) => jest.spyOn(console, m as 'log'));
    const user = userEvent.setup();
    renderAt('/complaints/lab-east/new', ROUTE, <ComplaintFormPage />);
    // The time limit as the institution publishes it, before anything is typed.
    expect(await screen.findByTestId('complaint-time-limit')).toHaveTextContent('收到投诉后 30 日内处理完毕。');
    expect(screen.getByText('华东计量测试研究院 East Metrology Institute')).toBeInTheDocument();
    const categories = within(screen.getByLabelText('投诉类别')).getAllByRole('option').map((o) => o.textContent);
    expect(categories).toEqual(['— 请选择 —', '检定/校准结果', '证书或报告', '办理时间', '收费', '服务态度与工作作风', '器具损坏或丢失', '其他']);

    await fillIn(user);
    await user.type(screen.getByLabelText('单位名称（选填）'), '精密仪器有限公司');
    expect(screen.getByTestId('description-counter')).toHaveTextContent(`已输入 ${DESCRIPTION.length} / 8000 字`);
    // explained in plain words next to the box.
    const confidential = screen.getByRole('checkbox', { name: '要求对我的身份保密' });
    expect(confidential).toHaveAccessibleDescription(/仅指定处理本投诉的人员可见/);
    await user.click(confidential);
    await user.click(submit());

    const number = await screen.findByTestId('complaint-number');
    expect(number).toHaveTextContent('CMP-2026-000042');
    const [post] = posts(calls);
    expect(post.path).toBe(COMPLAINTS);
    expect(post.body).toEqual({
      category: 'certificate', subject: '证书上的出厂编号错误', description: DESCRIPTION, confidential: true,
      complainant: { name: '李雷', contact: 'li.lei@example.cn', organisation: '精密仪器有限公司' },
    });
    expect(post.headers['idempotency-key']).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(post.headers.authorization).toBeUndefined();
    expect(calls.filter((c) => c.path === DISCLOSURE)).toHaveLength(1);

    const shown = within(screen.getByTestId('complaint-receipt'));
    expect(shown.getByRole('heading', { name: '投诉已受理' })).toHaveFocus();
    expect(screen.getByTestId('complaint-respond-by')).toHaveTextContent(`${new Date(receipt.respondBy).toLocaleDateString('zh-CN')} (收到投诉后 30 日内)`);
    const steps = within(shown.getByTestId('complaint-flow')).getAllByRole('listitem');
    expect(steps).toHaveLength(6);
    expect(steps[0]).toHaveTextContent(/^受理登记投诉并告知投诉编号/);
    expect(shown.getByRole('button', { name: '打印' })).toBeInTheDocument();
    expect(shown.getByRole('link', { name: '返回机构信息公开' })).toHaveAttribute('href', '/disclosure/lab-east');
    // Nothing the complainant typed is kept in the browser or written to the console.
    expect(localStorage.length).toBe(0);
    expect(Object.keys(sessionStorage)).toEqual(['calchain.token']);
    expect(JSON.stringify(logged.flatMap((spy) => spy.mock.calls))).not.toMatch(/李雷|li\.lei/);
    logged.forEach((spy) => spy.mockRestore());
  });

  it('R-8.3.1 a retry after a network error and a 503 sends the same key; a double click sends one request while the button is disabled', async () => {
    const answers = [() => { throw new TypeError('Failed to fetch'); }, () => ({ status: 503, body: { title: 'Service Unavailable', status: 503, detail: 'quality unavailable' } }), () => filed];
    const attempt = inTurn(answers);
    const calls = answerFetch({ [DISCLOSURE]: { body: disclosure }, [COMPLAINTS]: () => attempt()() });
    const user = userEvent.setup();
    renderAt('/complaints/lab-east/new', ROUTE, <ComplaintFormPage />);
    await screen.findByTestId('complaint-time-limit');
    await fillIn(user);

    await user.click(submit());
    expect(await screen.findByText('无法连接平台，请检查网络后重试。')).toBeInTheDocument();
    await user.click(submit());
    expect(await screen.findByText('quality unavailable')).toBeInTheDocument();

    // The third attempt is held until the test lets it through: the button says so and takes no second press.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const answer = global.fetch;
    global.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (init?.method === 'POST') await held;
      return answer(input, init);
    }) as typeof fetch;
    await user.dblClick(submit());
    await waitFor(() => expect(screen.getByRole('button', { name: '正在提交…' })).toBeDisabled());
    release();
    expect(await screen.findByTestId('complaint-number')).toHaveTextContent('CMP-2026-000042');

    const keys = posts(calls).map((c) => c.headers['idempotency-key']);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(posts(calls).every((c) => JSON.stringify(c.body) === JSON.stringify(posts(calls)[0].body))).toBe(true);
  });

  it('R-8.3.1 a 400 problem shows its field error next to the field; the corrected form goes with a new key', async () => {
    const refused = {
      status: 400,
      body: {
        type: 'https://calchain.dev/problems/validation', title: 'Bad Request', status: 400, detail: 'The request is invalid.',
        errors: [{ field: 'complainant.contact', rule: 'custom', message: 'at least 3 characters', requirement: 'R-8.3.1' }],
      },
    };
    const answers = [refused, filed];
    const calls = answerFetch({ [DISCLOSURE]: { body: disclosure }, [COMPLAINTS]: inTurn(answers) });
    const user = userEvent.setup();
    renderAt('/complaints/lab-east/new', ROUTE, <ComplaintFormPage />);
    await screen.findByTestId('complaint-time-limit');
    await fillIn(user, 'a b');
    await user.click(submit());

    const contact = screen.getByLabelText('电话或电子邮箱');
    await waitFor(() => expect(contact).toHaveAttribute('aria-invalid', 'true'));
    expect(within(contact.closest('.field') as HTMLElement).getByRole('alert')).toHaveTextContent('at least 3 characters');
    expect(screen.getByLabelText('您的姓名')).not.toHaveAttribute('aria-invalid');
    // The whole problem too, with the requirement behind it.
    expect(screen.getByText('请求有误 (400)')).toBeInTheDocument();
    expect(screen.getByText('依据条款: R-8.3.1')).toBeInTheDocument();

    await user.clear(contact);
    await user.type(contact, '+86 138 0000 0000');
    await user.click(submit());
    expect(await screen.findByTestId('complaint-number')).toHaveTextContent('CMP-2026-000042');
    const [first, second] = posts(calls);
    expect(second.body).toMatchObject({ confidential: false, complainant: { contact: '+86 138 0000 0000', organisation: null } });
    expect(second.headers['idempotency-key']).not.toBe(first.headers['idempotency-key']);
  });

  it('R-8.3.1 a 429 says when to try again, from Retry-After or else from the problem detail', async () => {
    const tooMany = (headers?: Record<string, string>) => ({
      status: 429, headers, body: { type: 'https://calchain.dev/problems/rate-limited', title: 'Too many requests', status: 429, detail: 'At most 5 complaints a minute from one client; retry in 17 s.' },
    });
    const answers = [tooMany({ 'retry-after': '42' }), tooMany()];
    const calls = answerFetch({ [DISCLOSURE]: { body: disclosure }, [COMPLAINTS]: inTurn(answers) });
    const user = userEvent.setup();
    renderAt('/complaints/lab-east/new', ROUTE, <ComplaintFormPage />);
    await screen.findByTestId('complaint-time-limit');
    await fillIn(user);
    await user.click(submit());
    expect(await screen.findByTestId('retry-in')).toHaveTextContent('请在 42 秒后重试');
    await user.click(submit());
    await waitFor(() => expect(screen.getByTestId('retry-in')).toHaveTextContent('请在 17 秒后重试'));
    // Refused before the key was looked at: the next try is still the same submission.
    expect(new Set(posts(calls).map((c) => c.headers['idempotency-key'])).size).toBe(1);
  });

  it('switches to English: every field labelled, categories translated, the confidentiality promise in plain words', async () => {
    answerFetch({ [DISCLOSURE]: { body: disclosure } });
    const user = userEvent.setup();
    renderAt('/complaints/lab-east/new', ROUTE, <ComplaintFormPage />);
    await screen.findByTestId('complaint-time-limit');
    await user.click(screen.getByRole('button', { name: 'English' }));
    expect(await screen.findByRole('heading', { name: 'Complaint form' })).toBeInTheDocument();
    expect(screen.getByTestId('complaint-time-limit')).toHaveTextContent('A complaint is handled within 30 days of receipt.');
    for (const label of ['What is it about?', 'Subject', 'What happened', 'Your name', 'Telephone or e-mail', 'Company or organisation (optional)', 'Keep my identity confidential']) {
      expect(screen.getByLabelText(label)).toBeInTheDocument();
    }
    expect(within(screen.getByLabelText('What is it about?')).getByRole('option', { name: 'Damage to or loss of my item' })).toHaveValue('item-damage');
    expect(screen.getByLabelText('Keep my identity confidential')).toHaveAccessibleDescription(/Only the staff named to handle your complaint will see your name/);
    expect(screen.getByRole('button', { name: 'Submit complaint' })).toBeEnabled();
  });

  it('an institution the registry does not know says so instead of offering a form', async () => {
    answerFetch({ '/public/institutions/nowhere/disclosure': { status: 404, body: { title: 'Not Found', status: 404, detail: 'Institution nowhere not found' } } });
    renderAt('/complaints/nowhere/new', ROUTE, <ComplaintFormPage />);
    expect(await screen.findByText('Institution nowhere not found')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '提交投诉' })).toBeNull();
  });

  it('R-8.3.1 the disclosure\'s web-form link opens the form, which reuses the disclosure already read', async () => {
    const calls = answerFetch({ [DISCLOSURE]: { body: disclosure } });
    const user = userEvent.setup();
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter initialEntries={['/disclosure/lab-east']}>
          <Routes>
            <Route path="/disclosure/:institution" element={<DisclosurePage />} />
            <Route path={ROUTE} element={<ComplaintFormPage />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>,
    );
    await user.click(await screen.findByRole('link', { name: '网上投诉表单：提交后即时获得投诉编号和处理时限' }));
    expect(await screen.findByRole('heading', { name: '网上投诉' })).toBeInTheDocument();
    expect(screen.getByTestId('complaint-time-limit')).toHaveTextContent('收到投诉后 30 日内处理完毕。');
    expect(calls.map((c) => c.path)).toEqual([DISCLOSURE]);
  });
});
