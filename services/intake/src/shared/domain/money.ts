import { Dec, roundToInterval } from '@calchain/metrology';

/**
 * Money as decimal strings, never binary floats (architecture brief, "Data"). Prices are rounded
 * to the fen (0.01) with the GB/T 8170 rule of @calchain/metrology (R-6.3.5 applies the same
 * rounding everywhere).
 */
export function linePrice(unitPrice: string, quantity: number): string {
  return roundToInterval(new Dec(unitPrice).times(quantity).toFixed(), '0.01');
}

export function sumMoney(amounts: string[]): string {
  return roundToInterval(amounts.reduce((sum, a) => sum.plus(a), new Dec(0)).toFixed(), '0.01');
}

/** Compares two decimal strings exactly: -1, 0 or 1. */
export function compareDecimal(a: string, b: string): number {
  return new Dec(a).comparedTo(new Dec(b));
}
