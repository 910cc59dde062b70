/**
 * The personnel authorisation matrix: people down, item codes across, in each
 * cell the roles a person holds for the item. Only authorisations in force today count as held;
 * a role whose validity ends within `warnDays` is flagged, revoked and expired ones are kept aside
 * so the matrix never shows someone as authorised who is not.
 */
export interface Authorisation {
  id?: string;
  personId: string;
  itemCode: string;
  role: string;
  validFrom?: string;
  validUntil?: string;
  status?: 'active' | 'revoked' | 'expired' | string;
}

export interface MatrixCell {
  role: string;
  validUntil: string | null;
  state: 'valid' | 'expiring' | 'not-yet' | 'ended';
}

export interface AuthorisationMatrix {
  people: string[];
  items: string[];
  cell(personId: string, itemCode: string): MatrixCell[];
  /** How many distinct people hold a role in force for the item. */
  heldBy(itemCode: string): number;
}

const dayOf = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (day: string, n: number) => dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000));

export function stateOf(a: Authorisation, today: string, warnDays = 60): MatrixCell['state'] {
  if (a.status && a.status !== 'active') return 'ended';
  if (a.validUntil && a.validUntil < today) return 'ended';
  if (a.validFrom && a.validFrom > today) return 'not-yet';
  if (a.validUntil && a.validUntil <= addDays(today, warnDays)) return 'expiring';
  return 'valid';
}

const RANK: Record<MatrixCell['state'], number> = { valid: 0, expiring: 1, 'not-yet': 2, ended: 3 };

export function authorisationMatrix(rows: readonly Authorisation[], today: string, warnDays = 60): AuthorisationMatrix {
  const people = [...new Set(rows.map((r) => r.personId))];
  const items = [...new Set(rows.map((r) => r.itemCode))].sort();
  const cells = new Map<string, MatrixCell[]>();
  for (const r of rows) {
    const key = `${r.personId}\u0000${r.itemCode}`;
    const list = cells.get(key) ?? [];
    const cell: MatrixCell = { role: r.role, validUntil: r.validUntil ?? null, state: stateOf(r, today, warnDays) };
    // One entry per role: the best standing (a renewed authorisation beats the expired one).
    const same = list.findIndex((c) => c.role === r.role);
    if (same < 0) list.push(cell);
    else if (RANK[cell.state] < RANK[list[same].state] || (cell.state === list[same].state && (cell.validUntil ?? '') > (list[same].validUntil ?? ''))) list[same] = cell;
    cells.set(key, list);
  }
  for (const list of cells.values()) list.sort((a, b) => RANK[a.state] - RANK[b.state] || a.role.localeCompare(b.role));
  return {
    people,
    items,
    cell: (personId, itemCode) => cells.get(`${personId}\u0000${itemCode}`) ?? [],
    heldBy: (itemCode) => people.filter((p) => (cells.get(`${p}\u0000${itemCode}`) ?? []).some((c) => c.state === 'valid' || c.state === 'expiring')).length,
  };
}
