import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReviewChecks } from './contract-detail';
import { ContractItem } from './types';

const item = { itemId: 'i-1', instrumentType: 'Gauge block', serialNumber: 'GB-1' } as ContractItem;
const checks = [
  { itemId: 'i-1', check: 'scope', outcome: 'pass', requirement: 'R-4.1.2', finding: 'in scope of [2024]001', evidence: { method: 'JJG 146', candidates: [{ code: 'STD-1' }] } },
  { itemId: 'i-1', check: 'method', outcome: 'fail', requirement: 'R-5.2.3', finding: 'method JJG 146 (2011) was withdrawn', evidence: { requested: 'JJG 146 (2011)' }, customerMustBeTold: true },
];

describe('contract review shown check by check with its evidence (R-6.1.2, R-6.1.4)', () => {
  it('one row per check with outcome, requirement and finding; failures flagged for the customer', () => {
    const { container } = render(<ReviewChecks checks={checks} items={[item]} />);
    const rows = [...container.querySelectorAll<HTMLElement>('tr[data-check]')];
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByText('授权范围')).toBeInTheDocument();
    expect(within(rows[0]).getByText('R-4.1.2')).toBeInTheDocument();
    expect(within(rows[0]).getByText('通过')).toHaveClass('badge-ok');
    expect(within(rows[1]).getByText('不通过')).toHaveClass('badge-bad');
    expect(within(rows[1]).getByText('须告知客户')).toBeInTheDocument();
  });

  it('the evidence of a check opens on demand', async () => {
    render(<ReviewChecks checks={checks} items={[item]} />);
    const summary = screen.getAllByText('查看')[0];
    expect(summary.closest('details')).not.toHaveAttribute('open');
    await userEvent.click(summary);
    expect(summary.closest('details')).toHaveAttribute('open');
    expect(screen.getAllByText('JJG 146')[0]).toBeVisible();
  });
});
