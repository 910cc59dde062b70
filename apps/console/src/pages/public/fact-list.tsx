import { useTranslation } from 'react-i18next';

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A served value as text, exactly as given: decimal strings stay strings (never parsed to a float). */
export const text = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? String(v) : null);

export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** "lastChangedAt" → "last changed at": a readable label for a field the console has no text for. */
export const humanise = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_]+/g, ' ').toLowerCase();

const MAX_DEPTH = 4;

/**
 * The fallback for anything the page does not recognise (a new field, a section of an unknown
 * shape): a plain definition list, never JSON text. Nesting is bounded so a hostile or huge answer
 * cannot blow up the page.
 */
export function FactList({ value, depth = 0, testId }: { value: unknown; depth?: number; testId?: string }) {
  const { t } = useTranslation();
  if (value === null || value === undefined || value === '') return <span className="muted">—</span>;
  if (typeof value === 'boolean') return <span>{value ? t('common.yes') : t('common.no')}</span>;
  if (typeof value !== 'object') return <span>{String(value)}</span>;
  if (depth >= MAX_DEPTH) return <span className="muted">…</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">{t('common.none')}</span>;
    if (value.every((v) => v === null || typeof v !== 'object')) return <span>{value.map((v) => (v === null ? '—' : String(v))).join(', ')}</span>;
    return (
      <ul className="fact-items" data-testid={testId}>
        {value.map((v, i) => <li key={i}><FactList value={v} depth={depth + 1} /></li>)}
      </ul>
    );
  }
  const entries = Object.entries(value as Obj);
  if (entries.length === 0) return <span className="muted">—</span>;
  return (
    <dl className={depth ? 'nested' : 'facts-plain'} data-testid={testId}>
      {entries.map(([k, v]) => (
        <div key={k} className="dl-row">
          <dt>{t(`field.${k}`, { defaultValue: humanise(k) })}</dt>
          <dd><FactList value={v} depth={depth + 1} /></dd>
        </div>
      ))}
    </dl>
  );
}

/** The fields of a recognised object that the page does not show itself, as a definition list (or nothing). */
export function ExtraFacts({ value, known }: { value: Obj; known: readonly string[] }) {
  const { t } = useTranslation();
  const extra = Object.fromEntries(Object.entries(value).filter(([k]) => !known.includes(k)));
  if (Object.keys(extra).length === 0) return null;
  return (
    <details className="extra-facts">
      <summary>{t('disclosure.moreDetails')}</summary>
      <FactList value={extra} depth={1} />
    </details>
  );
}
