import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '@calchain/platform/testing';

const run = promisify(execFile);

/** The venv of scripts/python-env.sh, which pins schemathesis. */
export const schemathesisBin = () => join(repoRoot, '.local', 'py', 'bin', 'schemathesis');
export const preparePythonEnv = () => run('bash', [join(repoRoot, 'scripts', 'python-env.sh')], { timeout: 600000 });

export interface FuzzRun {
  exitCode: number;
  tail: string;
  requests: number;
  byStatusClass: Record<string, number>;
  serverErrors: { operation: string; method: string; uri: string; status: number }[];
  failedChecks: Record<string, number>;
  /** Refused requests (4xx) per operation: the ones that must change nothing. */
  refused: number;
  schemaErrors: string[];
}

/**
 * What counts as refusing a schema-violating request: schemathesis's own list, plus 413. A body
 * over the platform's JSON limit is refused before validation, as problem+json naming the body and
 * the limit; its default list omits 413 and would call that refusal an acceptance.
 */
const NEGATIVE_REJECTION_CONFIG = `[checks.negative_data_rejection]
expected-statuses = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429", "5xx"]
`;

/**
 * Runs `schemathesis run` against the gateway's aggregated document and reads its NDJSON event
 * stream: every request and response it made, every check result, every schema problem.
 */
export async function fuzz(gateway: string, token: string, args: string[]): Promise<FuzzRun> {
  const reportDir = mkdtempSync(join(tmpdir(), 'calchain-schemathesis-'));
  const config = join(reportDir, 'schemathesis.toml');
  writeFileSync(config, NEGATIVE_REJECTION_CONFIG);
  const command = [
    '--config-file', config, 'run', `${gateway}/openapi.json`, '--url', gateway, '-H', `Authorization: Bearer ${token}`,
    '--report', 'ndjson', '--report-dir', reportDir, '--request-timeout', '30', '--workers', '2',
    '--suppress-health-check', 'all', '--warnings', 'off', ...args,
  ];
  // Run in the report folder: schemathesis keeps a crash cache (.schemathesis/) in its working directory.
  const outcome = await run(schemathesisBin(), command, { cwd: reportDir, maxBuffer: 64 * 1024 * 1024, timeout: 900000, env: { ...process.env, NO_COLOR: '1' } }).then(
    (r) => ({ code: 0, stdout: r.stdout }),
    (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? -1, stdout: `${e.stdout ?? ''}${e.stderr ?? ''}` }),
  );
  const file = readdirSync(reportDir).find((f) => f.endsWith('.ndjson'));
  const result: FuzzRun = { exitCode: outcome.code, tail: outcome.stdout.split('\n').slice(-40).join('\n'), requests: 0, byStatusClass: {}, serverErrors: [], failedChecks: {}, refused: 0, schemaErrors: [] };
  if (!file) return result;
  for (const line of readFileSync(join(reportDir, file), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const event = JSON.parse(line);
    if (event.NonFatalError) result.schemaErrors.push(`${event.NonFatalError.label ?? ''} ${event.NonFatalError.value?.message ?? ''}`.trim());
    const recorder = event.ScenarioFinished?.recorder;
    if (!recorder) continue;
    for (const interaction of Object.values<{ request: { method: string; uri: string }; response?: { status_code: number } }>(recorder.interactions ?? {})) {
      if (!interaction.response) continue;
      const status = interaction.response.status_code;
      result.requests++;
      const statusClass = `${Math.floor(status / 100)}xx`;
      result.byStatusClass[statusClass] = (result.byStatusClass[statusClass] ?? 0) + 1;
      if (status >= 500) result.serverErrors.push({ operation: recorder.label, method: interaction.request.method, uri: interaction.request.uri, status });
      if (status >= 400 && status < 500) result.refused++;
    }
    for (const checks of Object.values<{ name: string; status: string }[]>(recorder.checks ?? {})) {
      for (const check of checks) if (check.status === 'failure') result.failedChecks[check.name] = (result.failedChecks[check.name] ?? 0) + 1;
    }
  }
  result.schemaErrors = [...new Set(result.schemaErrors)];
  return result;
}

export function describeRun(name: string, r: FuzzRun): string {
  const errors = r.serverErrors.slice(0, 20).map((e) => `    ${e.status} ${e.method} ${e.uri} (${e.operation})`);
  return [
    `schemathesis ${name}: exit ${r.exitCode}, ${r.requests} requests ${JSON.stringify(r.byStatusClass)}, failed checks ${JSON.stringify(r.failedChecks)}`,
    `  schema problems: ${r.schemaErrors.length ? r.schemaErrors.join('; ') : 'none'}`,
    `  5xx: ${r.serverErrors.length}${errors.length ? `\n${errors.join('\n')}` : ''}`,
  ].join('\n');
}
