import { render, screen } from '@testing-library/react';
import i18n from 'i18next';
import { ApiError } from '../api/problem';
import { ProblemAlert } from './status';

describe('ProblemAlert shows the API problem details clearly (issue 12)', () => {
  const refusal = new ApiError({
    type: 'https://calchain.dev/problems/rule-violation', title: 'Unprocessable Entity', status: 422,
    detail: 'R-6.1.3: deviation awaiting customer consent (item 2)',
    errors: [{ field: 'items.1', rule: 'deviation-consent', message: 'deviation awaiting customer consent (item 2)', requirement: 'R-6.1.3' }],
  });

  it('names the field, rule and requirement of a 422, in Chinese by default', () => {
    render(<ProblemAlert error={refusal} />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('不符合规则，已拒绝 (422)');
    expect(alert).toHaveTextContent('R-6.1.3: deviation awaiting customer consent (item 2)');
    expect(alert.querySelector('code')?.textContent).toBe('items.1');
    expect(alert).toHaveTextContent('规则: deviation-consent');
    expect(alert).toHaveTextContent('依据条款: R-6.1.3');
  });

  it('speaks English after the switch', async () => {
    await i18n.changeLanguage('en');
    render(<ProblemAlert error={refusal} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Refused by a rule (422)');
  });

  it('tells a network failure apart from a refusal', () => {
    render(<ProblemAlert error={new ApiError({ title: 'network', status: 0, detail: 'Failed to fetch' })} />);
    expect(screen.getByRole('alert')).toHaveTextContent('无法连接平台');
  });

  it('renders nothing without an error', () => {
    const { container } = render(<ProblemAlert error={null} />);
    expect(container).toBeEmptyDOMElement();
  });
});
