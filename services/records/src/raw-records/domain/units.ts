import { Dec } from '@calchain/metrology';

/**
 * Unit conversion between SI prefixes of one base unit ("mm" → "µm"), the only conversion a
 * result needs to be compared with a capability in the scope. Anything else is not comparable.
 */
const PREFIXES: Record<string, string> = {
  p: '1e-12', n: '1e-9', 'µ': '1e-6', 'μ': '1e-6', u: '1e-6', m: '1e-3', c: '1e-2', d: '1e-1', '': '1', da: '1e1', h: '1e2', k: '1e3', M: '1e6', G: '1e9',
};
const BASES = ['m', 'g', 's', 'A', 'K', 'V', 'Ω', 'Pa', 'N', 'J', 'W', 'Hz', 'L', 'l', 'F', 'H', 'T', 'Wb', 'C', 'ohm', 'bar', 'cd', 'lx', 'mol'];
/** Units that are ratios: an uncertainty in them is relative to the value. */
export const RELATIVE_UNITS: Record<string, string> = { '%': '1e-2', ppm: '1e-6', '‰': '1e-3', ppb: '1e-9' };

const normalise = (unit: string) => unit.trim().replace(/^deg\s?C$/i, '°C');

function factor(unit: string): { base: string; factor: Dec } | null {
  const u = normalise(unit);
  if (BASES.includes(u)) return { base: u, factor: new Dec(1) };
  for (const [prefix, f] of Object.entries(PREFIXES)) {
    if (prefix && u.startsWith(prefix) && BASES.includes(u.slice(prefix.length))) return { base: u.slice(prefix.length), factor: new Dec(f) };
  }
  return { base: u, factor: new Dec(1) }; // a unit without a known prefix converts only to itself
}

/** value in `from` expressed in `to`, or null when the units are not the same quantity. */
export function convert(value: string, from: string, to: string): Dec | null {
  if (normalise(from) === normalise(to)) return new Dec(value);
  const a = factor(from);
  const b = factor(to);
  if (!a || !b || a.base !== b.base) return null;
  return new Dec(value).times(a.factor).dividedBy(b.factor);
}

export const sameQuantity = (a: string, b: string) => convert('1', a, b) !== null;
