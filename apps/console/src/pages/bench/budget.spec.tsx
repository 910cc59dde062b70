import { render, screen, within } from '@testing-library/react';
import { BudgetTables } from './budget';
import { Budget, Result } from './types';

const budget: Budget = {
  resultId: '50 mm', evaluation: 'gum', model: { output: 'L', expression: 'lS + d' }, p: '0.9545',
  gum: {
    y: '50.00014', uc: '0.0000316', dofEff: '12.3', k: '2', U: '0.000063',
    budget: [
      { name: 'lS', estimate: '50.00002', u: '0.00003', dist: 'normal', c: '1', contribution: '0.00003', dof: 'inf' },
      { name: 'd', estimate: '0.00012', u: '0.0000058', dist: 'type-a', c: '1', contribution: '0.0000058', dof: '2' },
    ],
  },
  monteCarlo: null, y: '50.00014', uc: '0.0000316', k: '2', U: '0.000063', report: { value: '50.00014', U: '0.063' },
};
const result: Result = { resultId: '50 mm', quantity: 'length', point: '50 mm', measuredValue: '50.00014', error: null, unit: 'mm', expandedUncertainty: '0.063', uncertaintyUnit: 'µm', coverageFactor: '2', coverageProbability: '0.9545' };

describe('uncertainty budget table (R-6.3.2, issue 12)', () => {
  it('shows every input with u, distribution, c and contribution, then uc, k and U as decimal strings', () => {
    render(<BudgetTables budgets={[budget]} results={[result]} />);
    const table = screen.getByRole('table');
    const rows = within(table).getAllByRole('row');
    expect(within(rows[1]).getAllByRole('cell').map((c) => c.textContent)).toEqual(['50.00002', '0.00003', '正态', '1', '0.00003', 'inf']);
    expect(within(rows[2]).getByRole('rowheader')).toHaveTextContent('d');
    expect(within(rows[2]).getByText('A 类')).toBeInTheDocument();
    expect(screen.getByTestId('expanded-uncertainty')).toHaveTextContent('0.000063');
    expect(screen.getByTestId('reported-result')).toHaveTextContent('50.00014 mm, U = 0.063 µm (k = 2, p ≈ 0.9545)');
  });

  it('says so when there is no budget yet', () => {
    render(<BudgetTables budgets={[]} results={[]} />);
    expect(screen.getByText('尚无不确定度分量表。')).toBeInTheDocument();
  });
});
