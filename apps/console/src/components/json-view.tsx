import { useTranslation } from 'react-i18next';

/**
 * Any JSON the services return, as nested definition lists and tables: a section whose shape the
 * console does not know in detail is still readable rather than hidden.
 */
export function JsonView({ value, depth = 0 }: { value: unknown; depth?: number }) {
  const { t } = useTranslation();
  if (value === null || value === undefined || value === '') return <span className="muted">—</span>;
  if (typeof value === 'boolean') return <span>{value ? t('common.yes') : t('common.no')}</span>;
  if (typeof value !== 'object') return <span>{String(value)}</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">{t('common.none')}</span>;
    const flat = value.every((v) => v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => x === null || typeof x !== 'object'));
    if (flat) {
      const columns = [...new Set(value.flatMap((v) => Object.keys(v as object)))];
      return (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>{columns.map((c) => <th key={c} scope="col">{t(`field.${c}`, { defaultValue: c })}</th>)}</tr>
            </thead>
            <tbody>
              {value.map((row, i) => (
                <tr key={i}>{columns.map((c) => <td key={c}><JsonView value={(row as Record<string, unknown>)[c]} depth={depth + 1} /></td>)}</tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    }
    return <ol>{value.map((v, i) => <li key={i}><JsonView value={v} depth={depth + 1} /></li>)}</ol>;
  }
  return (
    <dl className={depth ? 'nested' : undefined}>
      {Object.entries(value as Record<string, unknown>).map(([k, v]) => (
        <div key={k} className="dl-row">
          <dt>{t(`field.${k}`, { defaultValue: k })}</dt>
          <dd><JsonView value={v} depth={depth + 1} /></dd>
        </div>
      ))}
    </dl>
  );
}
