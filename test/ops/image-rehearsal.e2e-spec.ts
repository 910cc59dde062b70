import { execFile } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '@calchain/platform/testing';

const run = promisify(execFile);
const services = ['gateway', 'intake', 'records', 'certificates', 'equipment', 'quality'];

interface ServiceResult {
  service: string;
  migrate?: number | string;
  health?: string;
  ready?: string;
  healthcheck?: number | string;
  probe?: number;
  spans?: Record<'http' | 'express' | 'nest' | 'pg' | 'redis', number>;
  cjkPdfBytes?: number;
  stopped?: number | string;
  error?: string;
}
interface Report {
  ok: boolean;
  app: string;
  error?: string;
  sizes?: { runtimeNodeModulesKb: number; repositoryNodeModulesKb: number; compiledKb: number };
  services: ServiceResult[];
}

/** Every package directory under node_modules (scoped and nested ones too), relative to `app`. */
function installedPackages(app: string, dir = join(app, 'node_modules')): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => !name.startsWith('.'))
    .flatMap((name) => {
      const path = join(dir, name);
      if (name.startsWith('@') && !lstatSync(path).isSymbolicLink()) return installedPackages(app, path);
      return [relative(app, path), ...installedPackages(app, join(path, 'node_modules'))];
    });
}

/**
 * Issue 10, images: small, multi-stage, non-root. There is no Docker engine here, so
 * tools/image-rehearsal.js does what the root Dockerfile does in a temporary directory — the
 * production install pruned to what the services need, the services compiled to CommonJS by the
 * same tools/build-service.js — and runs every service from there alone with the Dockerfile's
 * own ENV, ENTRYPOINT (`migrate` first, as the chart's Job) and HEALTHCHECK against the local stack.
 */
describe('ops: the service images, rehearsed without Docker', () => {
  const dir = mkdtempSync(join(tmpdir(), 'calchain-image-test-'));
  const reportFile = join(dir, 'report.json');
  let report: Report;
  let output = '';

  beforeAll(async () => {
    try {
      const { stdout } = await run(process.execPath, ['tools/image-rehearsal.js', '--keep', '--dir', join(dir, 'rehearsal'), '--report', reportFile, 'all'], {
        cwd: repoRoot,
        timeout: 1_500_000,
        maxBuffer: 64 << 20,
      });
      output = stdout;
    } catch (error) {
      const { stdout, stderr, message } = error as { stdout?: string; stderr?: string; message: string };
      output = `${stdout ?? ''}\n${stderr ?? message}`;
    }
    report = existsSync(reportFile) ? JSON.parse(readFileSync(reportFile, 'utf8')) : { ok: false, app: '', services: [], error: output };
  }, 1_800_000); // one production install, then six services started one after the other on two cores

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the rehearsal passes for all six services', () => {
    if (!report.ok) throw new Error(`image rehearsal failed:\n${report.error ?? ''}\n${output}`);
    expect(report.services.map((s) => s.service)).toEqual(services);
  });

  it.each(services)('%s: migrates, then answers /health and /ready, passes the HEALTHCHECK, is traced and stops on SIGTERM', (name) => {
    const result = report.services.find((s) => s.service === name);
    if (!result) throw new Error(`${name} was not rehearsed:\n${report.error ?? output}`);
    expect(result.error).toBeUndefined();
    expect(result.migrate).toBe(0);
    expect(result.health).toMatch(/^200 .*"status":"ok"/);
    expect(result.ready).toMatch(/^200 .*"status":"ready"/);
    expect(result.healthcheck).toBe(0);
    expect(result.probe).toBeLessThan(500); // an unknown path: 404, or 401 at the gateway's edge
    // Compiled code keeps node_modules external, so OpenTelemetry still instruments the packages.
    expect(result.spans).toMatchObject({ http: expect.any(Number), express: expect.any(Number), nest: expect.any(Number), pg: expect.any(Number) });
    for (const instrumentation of ['http', 'express', 'nest', 'pg'] as const) expect(result.spans![instrumentation]).toBeGreaterThan(0);
    if (name === 'gateway') expect(result.spans!.redis).toBeGreaterThan(0);
    if (name === 'certificates') expect(result.cjkPdfBytes).toBeGreaterThan(1000); // the CJK font at CERTIFICATES_CJK_FONT
    expect(result.stopped).toBe(0);
  });

  it('the runtime holds production packages only: no dev dependency, no compiler, no web console packages', () => {
    expect(report.ok).toBe(true);
    const installed = installedPackages(report.app);
    expect(installed.length).toBeGreaterThan(100);
    for (const absent of ['jest', 'typescript', '@swc-node/register', '@swc/core', '@swc/jest', 'nx', 'eslint', 'vite', 'playwright-core', 'supertest', 'react', 'react-dom', '@calchain/platform']) {
      expect(installed).not.toContain(`node_modules/${absent}`);
    }
    const { packages } = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; devOptional?: boolean }> };
    const dev = installed.filter((path) => !packages[path] || packages[path].dev || packages[path].devOptional);
    expect(dev).toEqual([]);
  });

  it('the runtime holds compiled JavaScript only: no TypeScript source, no SWC loader, services and libs as CommonJS', () => {
    expect(report.ok).toBe(true);
    const files = (sub: string): string[] =>
      readdirSync(join(report.app, sub), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => relative(report.app, join(e.parentPath, e.name)));
    const compiled = [...files('services'), ...files('libs')].filter((f) => !f.endsWith('package.json'));
    expect(compiled.filter((f) => /\.tsx?$/.test(f))).toEqual([]);
    expect(compiled.filter((f) => /\.(spec|int-spec|e2e-spec)\.js$/.test(f))).toEqual([]);
    for (const name of services) expect(compiled).toContain(`services/${name}/src/main.js`);
    expect(existsSync(join(report.app, 'tools'))).toBe(false);
    expect(readFileSync(join(report.app, 'libs/platform/src/index.js'), 'utf8')).toMatch(/require\("\.\/observability\/preload"\)/);
  });

  it('the production node_modules is far smaller than the full install', () => {
    expect(report.sizes).toBeDefined();
    const { runtimeNodeModulesKb, repositoryNodeModulesKb } = report.sizes!;
    process.stdout.write(`image node_modules: ${Math.round(runtimeNodeModulesKb / 1024)} MB; repository node_modules: ${Math.round(repositoryNodeModulesKb / 1024)} MB\n`);
    expect(runtimeNodeModulesKb).toBeLessThan(0.6 * repositoryNodeModulesKb);
  });
});
