import { approvedRecord, result } from '../../../test/fixtures';
import { contentFromRecord } from './content';
import { TEST_REPORT_DCC_NOTE } from './dcc-xml';
import { issuedContent } from './issued-content';

const inst = { id: 'lab', name: '华东计量院' };
const none = { calibratorName: null, checkerName: null, replaces: null, supplementTo: null };
const rule = { rule: 'simple' as const, guardBand: null, agreedAt: '2026-01-01T00:00:00.000Z', contractNumber: 'HT-1' };

describe('the content a draft is issued with (shared by signing and the draft preview)', () => {
  it('R-6.4.1 R-6.4.2.3 states conformity under the agreed rule; a failing verification becomes a result notice', () => {
    const draft = { ...contentFromRecord(approvedRecord({ serviceKind: 'verification', results: [result({ error: '0.009', limit: '±0.005' })] }), inst), decisionRule: rule };
    const c = issuedContent(draft, { ...none, calibratorName: '陈校准' });
    expect(c.kind).toBe('verification-result-notice');
    expect(c.statements.map((s) => s.conformity)).toEqual(['fail']);
    expect(c.persons).toMatchObject({ calibratorName: '陈校准', checkerName: null });
    expect(draft.kind).toBe('verification-certificate'); // the draft itself is left as it was
    expect(draft.statements).toEqual([]);
  });

  it('R-6.4.3 R-6.4.4 adds the test report note and the amendment remarks after the draft\'s own', () => {
    const draft = { ...contentFromRecord(approvedRecord(), inst, 'test-report'), remarks: ['mine'] };
    expect(issuedContent(draft, { ...none, replaces: 'HD-2026-000001' }).remarks).toEqual(['mine', TEST_REPORT_DCC_NOTE, '本证书代替证书 No. HD-2026-000001；证书 No. HD-2026-000001 作废 (R-6.4.4.3)']);
    expect(issuedContent({ ...draft, kind: 'calibration-certificate' }, { ...none, supplementTo: 'HD-2026-000002' }).remarks).toEqual(['mine', '证书 No. HD-2026-000002 的补充 (R-6.4.4.1)']);
    expect(draft.remarks).toEqual(['mine']);
  });
});
