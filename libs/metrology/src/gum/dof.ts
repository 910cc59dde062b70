import { fail } from '../errors';

/** Degrees of freedom as given on the wire: a number, a numeric string, or "inf" / omitted for ∞. */
export function parseDof(value: unknown, field = 'dof'): number {
  if (value === undefined || value === null || value === 'inf' || value === 'Infinity' || value === '∞') return Infinity;
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!(n > 0)) fail(`${field} must be a positive number or "inf", got ${JSON.stringify(value)}`);
  return n;
}

/** JSON has no infinity: infinite dof travel as "inf". */
export const dofToJson = (dof: number): number | 'inf' => (dof === Infinity ? 'inf' : dof);
