import { Dec, type DecimalLike, toDec } from '../decimal';

/**
 * SI prefixes (BIPM SI Brochure, 9th ed., table 7) as powers of ten. Both "µ" (U+00B5) and "μ"
 * (U+03BC) are in use in lab software; "u" is the ASCII stand-in some instruments export.
 */
const PREFIX_EXPONENT: Record<string, number> = {
  Q: 30, R: 27, Y: 24, Z: 21, E: 18, P: 15, T: 12, G: 9, M: 6, k: 3, h: 2, da: 1,
  d: -1, c: -2, m: -3, µ: -6, μ: -6, u: -6, n: -9, p: -12, f: -15, a: -18, z: -21, y: -24, r: -27, q: -30,
};

/** Base units a prefix may stand before; a unit outside this list is only ever compared as text. */
const PREFIXABLE = ['m', 'g', 's', 'A', 'K', 'mol', 'cd', 'Hz', 'N', 'Pa', 'J', 'W', 'C', 'V', 'F', 'Ω', 'S', 'Wb', 'T', 'H', 'L', 'l', 'bar'];

function decompose(unit: string): { base: string; exponent: number }[] {
  const u = unit.trim();
  const readings: { base: string; exponent: number }[] = [];
  if (PREFIXABLE.includes(u)) readings.push({ base: u, exponent: 0 });
  for (const [prefix, exponent] of Object.entries(PREFIX_EXPONENT)) {
    if (u.startsWith(prefix) && PREFIXABLE.includes(u.slice(prefix.length))) readings.push({ base: u.slice(prefix.length), exponent });
  }
  return readings;
}

/**
 * A value in `from` expressed in `to`, when the two differ only by an SI prefix (µm → mm is an
 * exact shift of the decimal point, so nothing is rounded). Returns null when the units are not
 * related that way: the caller must refuse rather than guess (R-6.4.2.3, R-6.4.2.2).
 */
export function rescaleToUnit(value: DecimalLike, from: string, to: string): string | null {
  if (from.trim() === to.trim()) return toDec(value).toString();
  for (const a of decompose(from)) {
    for (const b of decompose(to)) {
      if (a.base === b.base) return toDec(value).times(new Dec(10).pow(a.exponent - b.exponent)).toString();
    }
  }
  return null;
}
