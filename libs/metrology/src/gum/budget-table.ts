import { roundSig } from '../rounding/round';
import type { GumResult } from './gum';
import { reportResult } from './report';

const sig = (text: string, digits = 3): string => (text === '0' ? '0' : roundSig(text, digits));
const dofText = (dof: number): string => (dof === Infinity ? '∞' : String(Math.round(dof * 10) / 10));

/**
 * The uncertainty budget as a plain-text table for people (JJF 1059.1 §4.6 / GUM table H.1):
 * quantity, estimate, u(xᵢ), distribution, cᵢ, uᵢ(y) = |cᵢ|u(xᵢ), νᵢ, then the combined and
 * expanded uncertainty and the reported result. Numbers are shown to 3 significant figures;
 * the machine-readable result keeps them in full.
 */
export function formatBudget(model: string, result: GumResult): string {
  const header = ['Quantity', 'Estimate', 'u(xi)', 'Distribution', 'ci', 'ui(y)', 'νi'];
  const rows = result.budget.map((r) => [r.name, r.estimate, sig(r.u), r.dist, sig(r.c), sig(r.contribution), dofText(r.dof)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const reported = result.values.U > 0 ? reportResult(result.y, result.U) : { value: result.y, U: '0' };
  const kDof = result.values.kDof === result.dofEff ? '' : ` (t looked up with ν = ${dofText(result.values.kDof)})`;
  return [
    `Model: y = ${model}`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    `y = ${result.y}`,
    `uc(y) = ${sig(result.uc)}   νeff = ${dofText(result.dofEff)}${kDof}`,
    `p = ${result.p}   k = ${sig(result.k)}   U = ${sig(result.U)}`,
    `Result: y = ${reported.value} ± ${reported.U} (k = ${sig(result.k)}, p = ${result.p})`,
    '',
  ].join('\n');
}
