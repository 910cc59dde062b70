import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from 'i18next';
import { answerFetch, renderAt } from '../../test-support/render';
import { EquipmentLedger, TraceabilityChain } from './equipment';

/**
 * GET /api/equipment/equipment/:id/traceability as traceChain (services/equipment/src/ledger/domain/
 * traceability.ts) builds it, with the equipment of services/equipment/test/ledger.int-spec.ts:
 * the thermometer TH-001, calibrated in the lab against the SPRT STD-001, which NIM calibrated
 * against the national primary standard of ITS-90.
 */
const TH = '6d1f4a8e-0b7c-4a51-9f0e-2c3d4e5f6a71';
const STD = '0b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e';
const HY = '7e8f9a0b-1c2d-4e3f-8a5b-6c7d8e9f0a1b';

const ledger = {
  items: [
    { id: TH, assetNumber: 'TH-001', name: 'Instrument TH-001', kind: 'instrument', status: 'in-service', usable: true, dueDate: '2027-02-19' },
    { id: STD, assetNumber: 'STD-001', name: 'SPRT', kind: 'standard-equipment', status: 'in-service', usable: true, dueDate: '2027-02-14' },
    { id: HY, assetNumber: 'HY-001', name: 'Instrument HY-001', kind: 'instrument', status: 'overdue', usable: false, dueDate: '2026-02-09' },
  ],
  total: 3, page: 1, pageSize: 200,
};

const intact: TraceabilityChain = {
  equipmentId: TH,
  intact: true,
  links: [
    {
      equipmentId: TH, assetNumber: 'TH-001', name: 'Instrument TH-001', requiredOn: '2026-11-27', broken: null,
      calibration: { calibrationId: 'c1a2b3c4-0000-4000-8000-000000000001', certificateNumber: 'LAB-2026-0200', issuer: 'East Metrology Institute', calibratedOn: '2026-08-20', validUntil: '2027-02-19' },
    },
    {
      equipmentId: STD, assetNumber: 'STD-001', name: 'SPRT', requiredOn: '2026-08-20', broken: null,
      calibration: { calibrationId: 'c1a2b3c4-0000-4000-8000-000000000002', certificateNumber: 'NIM-CAL-1', issuer: 'National Institute of Metrology', calibratedOn: '2026-02-15', validUntil: '2027-02-14' },
    },
  ],
  end: {
    kind: 'national-primary-standard', reference: 'National primary standard of ITS-90', calibratingStandard: 'NIM SPRT set', certificateNumber: 'NIM-2026-001',
    comparisonEvidence: null, broken: null,
  },
  breaks: [],
};

/** The same chain on 2027-02-20 (ledger.int-spec "finds broken links"), and the hygrometer traced to an alternative reference without evidence. */
const expired: TraceabilityChain = {
  ...intact,
  intact: false,
  links: [{ ...intact.links[0], requiredOn: '2027-02-20', broken: 'calibration-expired' }, intact.links[1]],
  breaks: [{ equipmentId: TH, reason: 'calibration-expired' }],
};
const alternative: TraceabilityChain = {
  equipmentId: HY,
  intact: false,
  links: [{
    equipmentId: HY, assetNumber: 'HY-001', name: 'Instrument HY-001', requiredOn: '2027-02-20', broken: 'calibration-expired',
    calibration: { calibrationId: 'c1a2b3c4-0000-4000-8000-000000000003', certificateNumber: 'EXT-77', issuer: 'Regional lab', calibratedOn: '2026-08-10', validUntil: '2027-02-09' },
  }],
  end: { kind: 'alternative-reference', reference: null, calibratingStandard: 'Dew-point mirror', certificateNumber: null, comparisonEvidence: null, broken: 'comparison-evidence-missing' },
  breaks: [{ equipmentId: HY, reason: 'calibration-expired' }, { equipmentId: null, reason: 'comparison-evidence-missing' }],
};
const calibrationOf = (n: number) => {
  const calibration = intact.links[n].calibration;
  if (!calibration) throw new Error('the intact chain has a calibration on every link');
  return calibration;
};

const circular: TraceabilityChain = {
  equipmentId: TH,
  intact: false,
  links: [
    { ...intact.links[0], calibration: { ...calibrationOf(0), certificateNumber: 'LAB-A1' } },
    { ...intact.links[1], calibration: { ...calibrationOf(1), certificateNumber: 'LAB-B1' } },
  ],
  end: null,
  breaks: [{ equipmentId: TH, reason: 'circular-reference' }],
};

const chainPath = (id: string) => `/api/equipment/equipment/${id}/traceability`;

function open(chains: Record<string, unknown>) {
  answerFetch({
    '/api/equipment/equipment?pageSize=200': { body: ledger },
    '/api/equipment/measurement-standards': { body: [{ standardId: 'f1e2d3c4-0000-4000-8000-000000000009', code: '[2024]量标准字第001号', name: '量块标准装置 Gauge block standard', category: 'working', valid: true, validUntil: '2029-05-15' }] },
    ...Object.fromEntries(Object.entries(chains).map(([id, body]) => [chainPath(id), { body }])),
  });
  renderAt('/equipment', '/equipment', <EquipmentLedger />);
}

async function pressTraceability(assetNumber: string) {
  const row = (await screen.findByText(assetNumber)).closest('tr') as HTMLElement;
  await userEvent.click(within(row).getByRole('button', { name: '溯源' }));
}

async function showChain(assetNumber: string) {
  await pressTraceability(assetNumber);
  return screen.findByTestId('traceability-chain');
}

const linkTexts = (chain: HTMLElement) => within(chain).getAllByTestId('trace-link').map((l) => [l.getAttribute('data-broken'), l.querySelector('.trace-head')?.textContent]);
const noJson = () => {
  expect(document.body.textContent).not.toContain('{"');
  expect(document.querySelector('pre')).toBeNull();
};

describe('equipment traceability chain (R-5.3.2, R-5.3.3)', () => {
  it('R-5.3.2 shows the chain from the equipment up to the national primary standard, with certificate, issuer and validity of each link', async () => {
    open({ [TH]: intact });
    const chain = await showChain('TH-001');
    expect(chain).toHaveAttribute('data-intact', 'true');
    expect(within(chain).getByText('溯源链完整')).toHaveClass('badge-ok');
    expect(linkTexts(chain)).toEqual([
      ['false', '本设备 TH-001 Instrument TH-001 有效'],
      ['false', '上级标准 STD-001 SPRT 有效'],
    ]);
    const [own, standard] = within(chain).getAllByTestId('trace-link');
    for (const [label, value] of [['校准证书编号', 'LAB-2026-0200'], ['校准机构', 'East Metrology Institute'], ['校准日期', '2026-08-20'], ['有效期至', '2027-02-19'], ['须有效的日期', '2026-11-27']]) {
      expect(within(own).getByText(label).closest('.dl-row')).toHaveTextContent(`${label}${value}`);
    }
    expect(within(standard).getByText('NIM-CAL-1')).toBeInTheDocument();
    expect(within(standard).getByText('National Institute of Metrology')).toBeInTheDocument();
    const end = within(chain).getByTestId('trace-end');
    expect(end).toHaveAttribute('data-broken', 'false');
    expect(end).toHaveTextContent('溯源终点 国家计量基准 有效');
    expect(within(end).getByText('溯源至').closest('.dl-row')).toHaveTextContent('National primary standard of ITS-90');
    expect(within(end).getByText('外部标准证书编号').closest('.dl-row')).toHaveTextContent('NIM-2026-001');
    expect(within(end).getByText('外部校准标准').closest('.dl-row')).toHaveTextContent('NIM SPRT set');
    expect(within(screen.getByTestId('standards')).getByText('工作计量标准')).toBeInTheDocument();
    noJson();
  });

  it('R-5.3.2 flags an expired link with a text badge and the reason the service gives, in Chinese and in English', async () => {
    open({ [TH]: expired });
    const chain = await showChain('TH-001');
    expect(chain).toHaveAttribute('data-intact', 'false');
    expect(within(chain).getByText('溯源链断开：1 处')).toHaveClass('badge-bad');
    expect(within(chain).getByTestId('traceability-breaks')).toHaveTextContent('TH-001: 校准已过期');
    expect(linkTexts(chain)).toEqual([
      ['true', '本设备 TH-001 Instrument TH-001 断链：校准已过期'],
      ['false', '上级标准 STD-001 SPRT 有效'],
    ]);
    expect(within(chain).getByText('断链：校准已过期')).toHaveClass('badge-bad');

    await act(() => i18n.changeLanguage('en'));
    expect(await within(chain).findByText('chain BROKEN: 1 break')).toHaveClass('badge-bad');
    expect(linkTexts(chain)).toEqual([
      ['true', 'This equipment TH-001 Instrument TH-001 BROKEN: calibration expired'],
      ['false', 'Standard STD-001 SPRT valid'],
    ]);
    expect(within(chain).getAllByText('Calibration certificate', { selector: 'dt' })).toHaveLength(2);
    expect(within(chain).getByTestId('trace-end')).toHaveTextContent('Outside the lab National primary standard valid');
    noJson();
  });

  it('R-5.3.3 an alternative reference without comparison evidence is a broken end of the chain', async () => {
    open({ [HY]: alternative });
    const chain = await showChain('HY-001');
    expect(within(chain).getByText('溯源链断开：2 处')).toBeInTheDocument();
    expect(within(chain).getByTestId('traceability-breaks')).toHaveTextContent('HY-001: 校准已过期溯源终点: 缺少比对证据');
    const end = within(chain).getByTestId('trace-end');
    expect(end).toHaveAttribute('data-broken', 'true');
    expect(end).toHaveTextContent('溯源终点 替代参考标准 断链：缺少比对证据');
    expect(within(end).getByText('比对证据').closest('.dl-row')).toHaveTextContent('—');
    expect(within(end).getByText('外部校准标准').closest('.dl-row')).toHaveTextContent('Dew-point mirror');
    await act(() => i18n.changeLanguage('en'));
    expect(await within(chain).findByText('BROKEN: comparison evidence missing')).toHaveClass('badge-bad');
    expect(within(chain).getByText('Alternative reference')).toBeInTheDocument();
    noJson();
  });

  it('a chain that stops inside the lab (circular reference) says it never reaches a national standard, and why', async () => {
    open({ [TH]: circular });
    const chain = await showChain('TH-001');
    const end = within(chain).getByTestId('trace-end');
    expect(end).toHaveAttribute('data-broken', 'true');
    expect(within(end).getByText('溯源链在此中断，未到达国家计量基准')).toHaveClass('badge-bad');
    expect(end).toHaveTextContent('TH-001: 循环溯源');
    noJson();
  });

  it('an answer of an unknown shape is a definition list, not JSON text', async () => {
    open({ [TH]: { equipmentId: TH, status: 'being recomputed', detail: { queuedAt: '2026-11-27T08:00:00Z' } } });
    await pressTraceability('TH-001');
    const section = await screen.findByTestId('traceability');
    expect(await within(section).findByText('being recomputed')).toBeInTheDocument();
    expect(within(section).getByText('queued at')).toBeInTheDocument();
    noJson();
  });
});
