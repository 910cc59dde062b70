/** Pure helpers of the full-chain benchmark: percentiles, rates and the figure/ceiling table. */

/** Nearest-rank percentile (p in 0..100) of unsorted samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export interface Spread {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function spread(samples: readonly number[]): Spread {
  return {
    n: samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    max: samples.length ? Math.max(...samples) : Number.NaN,
  };
}

/**
 * Sustained rate between the first and the last completion (the ramp-up before the first one is
 * left out); with fewer than two completions there is no rate.
 */
export function steadyRate(completionTimesMs: readonly number[]): number {
  if (completionTimesMs.length < 2) return Number.NaN;
  const first = Math.min(...completionTimesMs);
  const last = Math.max(...completionTimesMs);
  return last > first ? ((completionTimesMs.length - 1) * 1000) / (last - first) : Number.NaN;
}

export interface Row {
  figure: string;
  value: number;
  unit: string;
  ceiling: string;
  ceilingValue: number;
  /** What the ratio says, e.g. "of ceiling" or "× ceiling (latency)". */
  note: string;
}

export const ratio = (value: number, ceiling: number): number => (Number.isFinite(value) && Number.isFinite(ceiling) && ceiling !== 0 ? value / ceiling : Number.NaN);

const num = (v: number): string => {
  if (!Number.isFinite(v)) return 'n/a';
  if (Math.abs(v) >= 100) return v.toFixed(0);
  if (Math.abs(v) >= 1) return v.toFixed(2);
  return v.toPrecision(3);
};

/** The table printed at the end of a run and written into docs/performance.md. */
export function table(rows: readonly Row[], markdown = false): string {
  const header = ['figure', 'value', 'ceiling (same run, same machine)', 'ceiling value', 'ratio'];
  const cells = rows.map((r) => [r.figure, `${num(r.value)} ${r.unit}`, r.ceiling, `${num(r.ceilingValue)} ${r.unit}`, `${num(ratio(r.value, r.ceilingValue))} ${r.note}`]);
  if (markdown) {
    return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...cells.map((c) => `| ${c.join(' | ')} |`)].join('\n');
  }
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((v, i) => v.padEnd(widths[i])).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
