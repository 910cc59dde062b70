import { render, screen } from '@testing-library/react';
import i18n from 'i18next';
import { ApiError } from '../api/problem';
import { ProblemAlert, QueryState } from './status';

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

describe('QueryState keeps the page when a background refresh fails', () => {
  const failure = new ApiError({ type: 'https://calchain.dev/problems/temporarily-unavailable', title: 'Temporarily unavailable', status: 503, detail: 'Nothing was changed; try again in 5 seconds.' });

  it('shows the content with the problem above it when data is already there', () => {
    render(<QueryState query={{ isLoading: false, error: failure, data: 'the form the user is filling in' }}>{(d) => <p>{d}</p>}</QueryState>);
    expect(screen.getByText('the form the user is filling in')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Nothing was changed');
  });

  it('shows only the problem when the query never had data', () => {
    render(<QueryState query={{ isLoading: false, error: failure, data: undefined as string | undefined }}>{(d) => <p>{d}</p>}</QueryState>);
    expect(screen.getByRole('alert')).toHaveTextContent('Nothing was changed');
    expect(screen.queryByText(/form/)).toBeNull();
  });
});
