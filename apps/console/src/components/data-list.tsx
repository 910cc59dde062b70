import { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, itemsOf } from '../api/client';
import { JsonView } from './json-view';
import { QueryState } from './status';

export interface Column<T> {
  key: string;
  label?: string;
  render?: (row: T) => ReactNode;
}

/** A read-only list from one gateway path with chosen columns; loading, empty and error states included. */
export function DataList<T extends object>({ path, columns, title, id, empty }: { path: string; columns: Column<T>[]; title: string; id: string; empty?: string }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: ['list', path], queryFn: () => get<unknown>(path).then(itemsOf<T>) });
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <QueryState query={query} isEmpty={(rows) => rows.length === 0} empty={empty}>
        {(rows) => (
          <div className="table-wrap">
            <table data-testid={id}>
              <thead>
                <tr>{columns.map((c) => <th key={c.key} scope="col">{c.label ?? t(`field.${c.key}`, { defaultValue: c.key })}</th>)}</tr>
              </thead>
              <tbody>
                {rows.map((row, i) => (
                  <tr key={i}>
                    {columns.map((c) => <td key={c.key}>{c.render ? c.render(row) : <JsonView value={(row as Record<string, unknown>)[c.key]} depth={1} />}</td>)}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
    </section>
  );
}

/** The whole answer of a path (summaries, statistics), shown as it comes. */
export function DataView({ path, title, id }: { path: string; title: string; id: string }) {
  const query = useQuery({ queryKey: ['view', path], queryFn: () => get<unknown>(path) });
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <QueryState query={query}>{(data) => <JsonView value={data} />}</QueryState>
    </section>
  );
}
