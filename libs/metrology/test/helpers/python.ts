import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** Repository root, and the interpreter with GTC, numpy and scipy (tools/python/requirements.txt). */
export const ROOT = path.resolve(__dirname, '../../../..');
export const PYTHON = process.env.CALCHAIN_PYTHON ?? path.join(ROOT, '.local/py/bin/python');

/**
 * Runs tools/python/<script> with `request` as JSON on stdin and returns its JSON answer. A
 * missing interpreter fails the test with the fix in the message: these checks are the evidence
 * that the library agrees with independent implementations, so they never skip silently.
 */
export function runPython<T>(script: string, request: unknown): T {
  const result = spawnSync(PYTHON, [path.join(ROOT, 'tools/python', script)], {
    input: JSON.stringify(request),
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  if (result.error) {
    throw new Error(`cannot run ${PYTHON} (${result.error.message}); create it with: python3 -m venv .local/py && .local/py/bin/pip install -r tools/python/requirements.txt, or set CALCHAIN_PYTHON`);
  }
  if (result.status !== 0) throw new Error(`${script} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

export const relativeDifference = (a: number, b: number): number => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));

/** Keeps the largest value seen per label, for the report each suite prints at its end. */
export class MaxTracker {
  private readonly max = new Map<string, { value: number; where: string }>();

  see(label: string, value: number, where: string): void {
    const current = this.max.get(label);
    if (!current || value > current.value) this.max.set(label, { value, where });
  }

  get(label: string): number {
    return this.max.get(label)?.value ?? 0;
  }

  report(title: string): string {
    const lines = [...this.max.entries()].map(([label, { value, where }]) => `  ${label.padEnd(44)} ${value.toExponential(2)}  (${where})`);
    return `${title}\n${lines.join('\n')}`;
  }
}
