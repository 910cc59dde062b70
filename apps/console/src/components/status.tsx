import { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, Problem, requirementsOf } from '../api/problem';

/** The server's problem details, field by field with rule and requirement (never a bare "error"). */
export function ProblemAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const problem: Problem = error instanceof ApiError ? error.problem : { title: t('problem.unexpected'), status: 0, detail: String((error as Error)?.message ?? error) };
  const requirements = requirementsOf(problem);
  return (
    <div role="alert" className="problem">
      <strong>{problem.status === 0 ? t('problem.network') : `${t(`problem.status.${problem.status}`, { defaultValue: problem.title })} (${problem.status})`}</strong>
      {problem.detail && <p className="problem-detail">{problem.detail}</p>}
      {problem.errors && problem.errors.length > 0 && (
        <ul>
          {problem.errors.map((e, i) => (
            <li key={i}>
              {e.field && <code>{e.field}</code>} {e.message}
              {e.rule && <span className="muted"> · {t('problem.rule')}: {e.rule}</span>}
              {e.requirement && <span className="muted"> · {e.requirement}</span>}
            </li>
          ))}
        </ul>
      )}
      {requirements.length > 0 && <p className="muted">{t('problem.requirements')}: {requirements.join(', ')}</p>}
    </div>
  );
}

export function Loading({ what }: { what?: string }) {
  const { t } = useTranslation();
  return (
    <p role="status" aria-live="polite" className="loading">
      {t('common.loading')}{what ? ` ${what}` : ''}…
    </p>
  );
}

export function Empty({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return <p className="empty">{children ?? t('common.empty')}</p>;
}

/**
 * Loading, error or content: the three states every query on a page has. A background refresh
 * that fails keeps what is on screen (and what the user is typing into it) and shows the problem
 * above it; only a query that never had data is replaced by its problem.
 */
export function QueryState<T>({ query, children, empty, isEmpty }: {
  query: { isLoading: boolean; error: unknown; data: T | undefined };
  children: (data: T) => ReactNode;
  empty?: ReactNode;
  isEmpty?: (data: T) => boolean;
}) {
  if (query.isLoading) return <Loading />;
  if (query.data === undefined) return query.error ? <ProblemAlert error={query.error} /> : null;
  if (isEmpty?.(query.data)) return <Empty>{empty}</Empty>;
  return (
    <>
      {query.error ? <ProblemAlert error={query.error} /> : null}
      {children(query.data)}
    </>
  );
}

export function Badge({ tone, children }: { tone: 'ok' | 'warn' | 'bad' | 'info'; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}
