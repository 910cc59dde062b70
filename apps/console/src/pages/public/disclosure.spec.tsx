import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { answerFetch, renderAt } from '../../test-support/render';
import { DisclosurePage } from './disclosure';
import { serviceFlowSteps } from './disclosure-sections';

const PATH = '/public/institutions/lab-east/disclosure';

/**
 * The gateway's answer as services/gateway/src/public/public.controller.ts builds it: the registry
 * record (institutionDisclosure) plus the services' public routes — equipment's measurement
 * standards (ScopeView without equipmentIds), intake's published fee schedule and time limits
 * (PublishedDocument), quality's complaint policy — with the values of the console e2e stack
 * (test/console/support/console-stack.ts) and the gateway tests.
 */
const standard = {
  standardId: '3f0c2a52-5d1e-4d0e-9f3b-1c7a0e6b9a10', code: '[2024]量标准字第001号', name: '量块标准装置 Gauge block standard', category: 'working', servesSociety: true,
  valid: true, invalidReasons: [], validUntil: '2029-05-16',
  certificates: [
    { kind: 'assessment', number: 'assessment-001', issuer: 'SAMR', issuedOn: '2026-08-19', validUntil: '2029-05-16' },
    { kind: 'authorisation', number: '(沪)法计(2024)01001号', issuer: '上海市市场监督管理局', issuedOn: '2024-03-01', validUntil: '2029-02-28' },
  ],
  items: [{
    itemId: '9a1e5c44-2b6f-4f7e-8a57-0d1f0c3b2e11', name: 'Gauge blocks', quantity: 'length', serviceKinds: ['calibration', 'verification'], methodCodes: ['JJG 146-2011'],
    ranges: [
      { lower: '0.5', upper: '100', unit: 'mm', bestMeasurementCapability: { expandedUncertainty: '0.050', unit: 'µm', coverageFactor: '2' } },
      { lower: '100', upper: '1000', unit: 'mm', bestMeasurementCapability: { expandedUncertainty: '0.50', unit: 'µm', coverageFactor: '2' } },
    ],
  }],
};

const feeSchedule = {
  institution: 'lab-east',
  entries: [
    { code: 'L-001', description: '量块 Gauge block', serviceKind: 'calibration', discipline: 'length', unitPrice: '120.00', currency: 'CNY', unit: 'per instrument', basis: '沪价费〔2019〕12号' },
    { code: 'L-002', description: '量块组 Gauge block set (83 pieces)', serviceKind: 'verification', discipline: 'length', unitPrice: '1234.50', currency: 'CNY', unit: 'per set', basis: null },
  ],
  lastReviewedOn: '2026-09-01', nextReviewDue: '2027-09-01', reviewOverdue: false, lastChangedAt: '2026-11-20T03:00:00.000Z',
};

const timeLimits = {
  institution: 'lab-east',
  entries: [
    { serviceKind: 'calibration', discipline: 'length', workingDays: 7, note: null },
    { serviceKind: 'verification', discipline: 'length', workingDays: 1, note: '现场检定另行约定' },
  ],
  lastReviewedOn: null, nextReviewDue: null, reviewOverdue: true, lastChangedAt: '2026-11-20T03:00:00.000Z',
};

const defaultFlow = ['received', 'handler-assigned', 'investigated', 'extension-agreed-in-advance', 'answered', 'closed-archived'];
const complaintPolicy = {
  institution: 'lab-east', channels: ['web-form', 'phone', 'mail', 'email', 'in-person'],
  contacts: { phone: '+86 (21) 6432-1000', email: 'complaints@east-metrology.example.cn', postalAddress: '上海市徐汇区计量路 1 号\n质量管理部（投诉） 200030', officeHours: '周一至周五 8:30–17:00' },
  flow: defaultFlow, flowKind: 'default-codes', handlingDays: 30, publishedOn: '2026-10-08',
};

const disclosure = (over: Record<string, unknown> = {}, sections: Record<string, unknown> = {}) => ({
  institution: 'lab-east', name: '华东计量测试研究院 East Metrology Institute', legalStatus: 'legal-entity', authorisingEntity: null, registrationNumber: 'REG-CONSOLE-1',
  responsiblePersons: [{ name: '刘主任', function: 'legal representative' }], sites: [{ name: 'Main laboratory', address: '1 Metrology Road' }],
  serviceFlow: '委托 → 收样 → 校准 → 核验 → 批准 → 证书', serviceCommitments: '在约定时限内出具证书。', lastReviewedOn: '2026-11-17', reviewOverdue: false,
  sections: {
    measurementStandards: { requirement: 'R-4.4', available: true, content: [standard] },
    feeSchedule: { requirement: 'R-4.4', available: true, content: feeSchedule },
    timeLimits: { requirement: 'R-4.4', available: true, content: timeLimits },
    complaintPolicy: { requirement: 'R-8.3.1', available: true, content: complaintPolicy },
    ...sections,
  },
  ...over,
});

const section = (name: string) => screen.getByTestId(`section-${name}`);
const rows = (table: HTMLElement) => within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
const noJson = () => {
  expect(document.body.textContent).not.toContain('{"');
  expect(document.body.textContent).not.toContain('":');
  expect(document.querySelector('pre')).toBeNull();
};

describe('public disclosure page (R-4.4, R-6.2.1, R-8.3.1)', () => {
  // Only the clock is fixed (a certificate counts as expired from the reader's today); timers stay real.
  beforeEach(() => {
    jest.useFakeTimers({
      now: new Date('2026-11-27T08:00:00+08:00'),
      doNotFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'nextTick', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'hrtime', 'performance'],
    });
  });
  afterEach(() => jest.useRealTimers());

  it('R-4.4 asks the gateway without a token and shows fees and time limits as tables, decimals exactly as served, in Chinese', async () => {
    const calls = answerFetch({ [PATH]: { body: disclosure() } });
    sessionStorage.setItem('calchain.token', 'should-not-be-sent');
    renderAt('/disclosure/lab-east', '/disclosure/:institution', <DisclosurePage />);
    expect(await screen.findByRole('heading', { name: '华东计量测试研究院 East Metrology Institute' })).toBeInTheDocument();
    expect(calls.map((c) => c.path)).toEqual([PATH]);
    expect(calls[0].headers.authorization).toBeUndefined();

    const fees = within(section('feeSchedule')).getByTestId('fee-schedule');
    expect(within(fees).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['项目', '服务', '收费', '计费单位', '收费依据']);
    expect(rows(fees)).toEqual([
      ['量块 Gauge blockL-001', '校准 · length', '120.00 CNY', 'per instrument', '沪价费〔2019〕12号'],
      ['量块组 Gauge block set (83 pieces)L-002', '检定 · length', '1234.50 CNY', 'per set', '—'],
    ]);
    expect(within(section('feeSchedule')).getByTestId('last-reviewed')).toHaveTextContent('上次审查：2026-09-01下次审查：2027-09-01 前最近修改：2026-11-20');

    const limits = within(section('timeLimits')).getByTestId('time-limits');
    expect(rows(limits)).toEqual([['length', '校准', '7 个工作日', '—'], ['length', '检定', '1 个工作日', '现场检定另行约定']]);
    // Never reviewed: said in words, with the overdue alarm (R-4.4 "keep them current and check them").
    expect(within(section('timeLimits')).getByTestId('last-reviewed')).toHaveTextContent('尚未审查公开信息逾期未审查');
    noJson();
  });

  it('R-4.4 R-4.1.2 shows each standard with its authorisation certificates (number, issuer, validity) and scope (item, range, CMC, method)', async () => {
    answerFetch({ [PATH]: { body: disclosure() } });
    renderAt('/disclosure/lab-east', '/disclosure/:institution', <DisclosurePage />);
    const card = within(await screen.findByTestId('measurement-standard'));
    expect(card.getByRole('heading', { name: '量块标准装置 Gauge block standard' })).toBeInTheDocument();
    expect(card.getByText('计量标准证书号: [2024]量标准字第001号')).toBeInTheDocument();
    expect(card.getByText('有效期至 2029-05-16')).toHaveClass('badge-ok');
    expect(rows(card.getByTestId('standard-certificates'))).toEqual([
      ['计量标准考核证书', 'assessment-001', 'SAMR', '2026-08-19 – 2029-05-16'],
      ['计量授权证书', '(沪)法计(2024)01001号', '上海市市场监督管理局', '2024-03-01 – 2029-02-28'],
    ]);
    expect(rows(card.getByTestId('standard-scope'))).toEqual([
      ['Gauge blockslength · 校准 / 检定', '0.5 – 100 mm', 'U = 0.050 µm (k = 2)', 'JJG 146-2011'],
      ['Gauge blockslength · 校准 / 检定', '100 – 1000 mm', 'U = 0.50 µm (k = 2)', 'JJG 146-2011'],
    ]);
    noJson();
  });

  it('R-6.2.1 R-8.3.1 shows the service flow as numbered steps, the commitments as text and the complaint channels with their time limit', async () => {
    answerFetch({ [PATH]: { body: disclosure() } });
    renderAt('/disclosure/lab-east', '/disclosure/:institution', <DisclosurePage />);
    const flow = await screen.findByTestId('service-flow');
    expect(flow.tagName).toBe('OL');
    expect(within(flow).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['委托', '收样', '校准', '核验', '批准', '证书']);
    expect(within(section('serviceFlow')).getByTestId('last-reviewed')).toHaveTextContent('上次审查：2026-11-17');
    expect(within(section('serviceCommitments')).getByText('在约定时限内出具证书。')).toBeInTheDocument();
    expect(within(section('serviceCommitments')).getByTestId('last-reviewed')).toHaveTextContent('上次审查：2026-11-17');

    const complaints = section('complaintPolicy');
    expect(within(complaints).getByTestId('complaint-time-limit')).toHaveTextContent('收到投诉后 30 日内处理完毕。');
    expect(within(complaints).getByTestId('last-reviewed')).toHaveTextContent('2026-10-08 公布');
    const channels = within(complaints).getByTestId('complaint-channels');
    expect(rows(channels)).toEqual([
      ['网上表单', '网上投诉表单：提交后即时获得投诉编号和处理时限'],
      ['电话', '+86 (21) 6432-1000'],
      ['信函', '上海市徐汇区计量路 1 号质量管理部（投诉） 200030'],
      ['电子邮件', 'complaints@east-metrology.example.cn'],
      ['当面', 'Main laboratory, 1 Metrology Road'],
    ]);
    // R-8.3.1 "effective, convenient channels": one tap opens the institution's complaint form, dials or writes.
    expect(within(channels).getByRole('link', { name: '网上投诉表单：提交后即时获得投诉编号和处理时限' })).toHaveAttribute('href', '/complaints/lab-east/new');
    expect(within(channels).getByRole('link', { name: '+86 (21) 6432-1000' })).toHaveAttribute('href', 'tel:+862164321000');
    expect(within(channels).getByRole('link', { name: 'complaints@east-metrology.example.cn' })).toHaveAttribute('href', 'mailto:complaints@east-metrology.example.cn');
    expect(within(complaints).getByTestId('complaint-office-hours')).toHaveTextContent('受理时间：周一至周五 8:30–17:00');
    // The default flow arrives as codes and is read in the reader's language, in order.
    const complaintFlow = within(complaints).getByTestId('complaint-flow');
    expect(complaintFlow.tagName).toBe('OL');
    expect(within(complaints).getByRole('heading', { name: '投诉处理流程' })).toBeInTheDocument();
    const steps = within(complaintFlow).getAllByRole('listitem').map((li) => li.textContent);
    expect(steps).toHaveLength(6);
    expect(steps[0]).toMatch(/^受理登记投诉并告知投诉编号/);
    expect(steps[3]).toBe('因特殊情况无法在时限内处理完毕的，事先向投诉人说明，并协商确定新的处理时限。');
    expect(steps[5]).toMatch(/归档保存/);
    expect(steps.join(' ')).not.toMatch(/received|handler-assigned|closed-archived/);
    noJson();
  });

  it('R-8.3.1 shows an institution\'s own flow as written; letters and visits go to the sites when no complaint address is published', async () => {
    const ownFlow = { ...complaintPolicy, channels: ['web-form', 'in-person'], contacts: { phone: null, email: null, postalAddress: null, officeHours: null }, flow: ['登记', '调查核实', '答复并归档'], flowKind: 'institution-text' };
    answerFetch({ [PATH]: { body: disclosure({}, { complaintPolicy: { requirement: 'R-8.3.1', available: true, content: ownFlow } }) } });
    renderAt('/disclosure/lab-east', '/disclosure/:institution', <DisclosurePage />);
    const complaints = within(await screen.findByTestId('section-complaintPolicy'));
    expect(rows(complaints.getByTestId('complaint-channels'))).toEqual([
      ['网上表单', '网上投诉表单：提交后即时获得投诉编号和处理时限'],
      ['信函', 'Main laboratory, 1 Metrology Road'],
      ['当面', 'Main laboratory, 1 Metrology Road'],
    ]);
    // Only the web form is a link: no number or address is published to dial or write to.
    expect(complaints.getAllByRole('link').map((a) => a.getAttribute('href'))).toEqual(['/complaints/lab-east/new']);
    expect(complaints.queryByTestId('complaint-office-hours')).toBeNull();
    expect(within(complaints.getByTestId('complaint-flow')).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['登记', '调查核实', '答复并归档']);
    noJson();
  });

  it('R-8.3.1 without sites or contacts, says so rather than inventing a channel; an older policy without contacts still reads', async () => {
    const older = { institution: 'lab-east', channels: ['web-form', 'phone', 'in-person'], handlingDays: 30, publishedOn: null };
    answerFetch({ [PATH]: { body: disclosure({ sites: [] }, { complaintPolicy: { requirement: 'R-8.3.1', available: true, content: older } }) } });
    renderAt('/disclosure/lab-east', '/disclosure/:institution', <DisclosurePage />);
    const complaints = within(await screen.findByTestId('section-complaintPolicy'));
    expect(rows(complaints.getByTestId('complaint-channels'))).toEqual([
      ['网上表单', '网上投诉表单：提交后即时获得投诉编号和处理时限'],
      ['电话', '联系方式未公布'],
      ['当面', '联系方式未公布'],
    ]);
    expect(complaints.getByTestId('last-reviewed')).toHaveTextContent('采用标准处理时限（本机构未单独公布）');
    expect(complaints.queryByTestId('complaint-flow')).toBeNull();
    noJson();
  });

  it('switches to English: labels, working days, certificate kinds and the complaint time limit', async () => {
    answerFetch({ [PATH]: { body: disclosure() } });
    renderAt('/disclosure/lab-east', '/disclosure/:institution', <DisclosurePage />);
    await screen.findByTestId('fee-schedule');
    await userEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(await screen.findByRole('heading', { name: /^Fees/ })).toBeInTheDocument();
    const fees = screen.getByTestId('fee-schedule');
    expect(within(fees).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Item', 'Service', 'Price', 'Charged', 'Price basis']);
    expect(rows(fees)[1]).toEqual(['量块组 Gauge block set (83 pieces)L-002', 'verification · length', '1234.50 CNY', 'per set', '—']);
    expect(rows(screen.getByTestId('time-limits'))).toEqual([['length', 'calibration', '7 working days', '—'], ['length', 'verification', '1 working day', '现场检定另行约定']]);
    expect(within(section('feeSchedule')).getByTestId('last-reviewed')).toHaveTextContent('Last reviewed 2026-09-01');
    expect(within(section('timeLimits')).getByTestId('last-reviewed')).toHaveTextContent('Not reviewed yet');
    expect(screen.getByRole('heading', { name: /^Measurement standards and scope/ })).toBeInTheDocument();
    expect(screen.getByText('Metrological authorisation certificate')).toBeInTheDocument();
    expect(screen.getByText('valid until 2029-05-16')).toBeInTheDocument();
    expect(screen.getByTestId('complaint-time-limit')).toHaveTextContent('A complaint is handled within 30 days of receipt.');
    expect(within(screen.getByTestId('complaint-channels')).getByText('Telephone')).toBeInTheDocument();
    expect(within(screen.getByTestId('complaint-channels')).getByRole('link', { name: 'Online complaint form: you get a reference number and the time limit at once' })).toHaveAttribute('href', '/complaints/lab-east/new');
    expect(screen.getByTestId('complaint-office-hours')).toHaveTextContent('Office hours: 周一至周五 8:30–17:00');
    expect(screen.getByRole('heading', { name: 'How a complaint is handled' })).toBeInTheDocument();
    const steps = within(screen.getByTestId('complaint-flow')).getAllByRole('listitem').map((li) => li.textContent);
    expect(steps[0]).toMatch(/^We register your complaint and give you its reference number/);
    expect(steps[3]).toBe('If the time limit cannot be kept, we tell you before it runs out and agree a new one with you.');
    expect(screen.getByRole('heading', { name: /^Service flow/ })).toBeInTheDocument();
    noJson();
  });

  it('R-4.1.2 an invalid standard says why, and an expired certificate is flagged in words', async () => {
    const expired = {
      ...standard, valid: false, validUntil: '2025-12-31',
      invalidReasons: ['assessment certificate assessment-000 expired on 2025-12-31'],
      certificates: [{ kind: 'assessment', number: 'assessment-000', issuer: 'SAMR', issuedOn: '2021-01-01', validUntil: '2025-12-31' }],
    };
    answerFetch({ [PATH]: { body: disclosure({}, { measurementStandards: { requirement: 'R-4.4', available: true, content: [expired] } }) } });
    renderAt('/disclosure/lab-east', '/disclosure/:institution', <DisclosurePage />);
    const card = within(await screen.findByTestId('measurement-standard'));
    expect(card.getByText('目前无效')).toHaveClass('badge-bad');
    expect(card.getByRole('list', { name: '无效原因' })).toHaveTextContent('assessment certificate assessment-000 expired on 2025-12-31');
    const row = card.getByRole('row', { name: /assessment-000/ });
    expect(row).toHaveAttribute('data-expired', 'true');
    expect(within(row).getByText('已过期')).toBeInTheDocument();
  });

  it('an unavailable section keeps its message; unknown sections, unknown fields and unknown shapes become definition lists, never JSON', async () => {
    answerFetch({
      [PATH]: {
        body: disclosure({ futureField: { nested: true } }, {
          feeSchedule: { requirement: 'R-4.4', available: false, content: null },
          timeLimits: { requirement: 'R-4.4', available: true, content: { ...timeLimits, calendarNote: '调休日按工作日计', entries: [{ ...timeLimits.entries[0], surcharge: { urgent: '50%' } }] } },
          complaintPolicy: { requirement: 'R-8.3.1', available: true, content: { hotline: { phone: '021-12345678', hours: '9:00–17:00' } } },
          lawsAndRegulations: { requirement: 'R-4.4', available: true, content: { laws: [{ title: '中华人民共和国计量法', articles: [22, 23] }] } },
        }),
      },
    });
    renderAt('/disclosure/lab-east', '/disclosure/:institution', <DisclosurePage />);
    expect(await within(await screen.findByTestId('section-feeSchedule')).findByText('暂时无法获取。')).toBeInTheDocument();
    // A known section with an extra field: the table as usual, the extra as a definition list.
    const limits = section('timeLimits');
    expect(rows(within(limits).getByTestId('time-limits'))).toEqual([['length', '校准', '7 个工作日', '—']]);
    expect(within(limits).getByText('calendar note').closest('.dl-row')).toHaveTextContent('调休日按工作日计');
    // A known section in a shape this page does not know: a definition list.
    const policy = within(section('complaintPolicy')).getByTestId('complaint-policy-facts');
    expect(policy.tagName).toBe('DL');
    expect(within(policy).getByText('021-12345678')).toBeInTheDocument();
    // A section the console has never heard of is still shown, readably.
    const laws = within(section('lawsAndRegulations'));
    expect(laws.getByRole('heading', { name: /laws and regulations/ })).toBeInTheDocument();
    expect(laws.getByText('中华人民共和国计量法')).toBeInTheDocument();
    expect(laws.getByText('22, 23')).toBeInTheDocument();
    noJson();
  });

  it('R-6.2.1 splits a served flow on arrows or lines into its steps', () => {
    expect(serviceFlowSteps('Order → receipt → calibration → check → approval → certificate')).toEqual(['Order', 'receipt', 'calibration', 'check', 'approval', 'certificate']);
    expect(serviceFlowSteps('1. 委托\n2. 收样\n3. 出具证书')).toEqual(['委托', '收样', '出具证书']);
    expect(serviceFlowSteps('在线委托后送样')).toEqual(['在线委托后送样']);
  });
});
