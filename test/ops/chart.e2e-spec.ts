import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '@calchain/platform/testing';

const run = promisify(execFile);
const services = ['gateway', 'intake', 'records', 'certificates', 'equipment', 'quality'];

/**
 * Issue 10, Helm chart and images: charts/check.sh lints the chart, renders it with the default
 * and production values and validates every manifest against the Kubernetes API schemas. It
 * installs helm (go install) and kubernetes-validate (pip) itself; without Go it fails, loudly.
 */
describe('ops: Helm chart and Dockerfiles', () => {
  it('lints, renders and validates with default, production and self-contained values', async () => {
    const { stdout } = await run('bash', [join(repoRoot, 'charts/check.sh')], { cwd: repoRoot, timeout: 900_000, maxBuffer: 16 << 20 });
    expect(stdout).toMatch(/== default values[\s\S]*1 chart\(s\) linted, 0 chart\(s\) failed[\s\S]*custom resources ok \| ConfigMap=6 Deployment=6 HorizontalPodAutoscaler=6 Ingress=1 Job=5 NetworkPolicy=6 PodDisruptionBudget=6 PrometheusRule=1 Service=6 ServiceMonitor=1/);
    expect(stdout).toMatch(/== production values[\s\S]*custom resources ok/);
    // Self-contained install: the optional PostgreSQL, Kafka and Redis subcharts, off by default.
    expect(stdout).toMatch(/== selfcontained values[\s\S]*custom resources ok \| ConfigMap=7 Deployment=6 .*Service=9 StatefulSet=3/);
    expect(stdout.match(/== default values[\s\S]*?== production/)![0]).not.toContain('StatefulSet');
    expect(stdout).toMatch(/chart check passed\s*$/);
  }, 900_000); // a first run builds helm from source (several minutes on two cores)

  it('a broken manifest fails the schema validation (the check can fail)', async () => {
    const { stdout } = await run('bash', [join(repoRoot, 'charts/install-tools.sh')], { cwd: repoRoot });
    const validate = stdout.match(/^KUBERNETES_VALIDATE=(.*)$/m)![1];
    const bad = join(repoRoot, '.local', 'bad-manifest.yaml');
    writeFileSync(bad, 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {replicas: "two"}\n');
    await expect(run(validate, ['--kubernetes-version', '1.31.0', '--strict', '--quiet', bad])).rejects.toMatchObject({ code: 1 });
  }, 900_000);

  // One Dockerfile for all six (build arg SERVICE); the chart pulls one image per service from it.
  const dockerfile = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');
  const values = readFileSync(join(repoRoot, 'charts/calchain/values.yaml'), 'utf8');
  const compose = readFileSync(join(repoRoot, 'deploy/compose.yaml'), 'utf8');

  it('the one Dockerfile is multi-stage on Node 22 LTS, non-root, and installs every workspace', () => {
    // manifests (package.json files) → build (full install, compile) and deps (production install,
    // pruned) → runtime, which copies node_modules from deps and the compiled output from build.
    expect(dockerfile.match(/^FROM \S+ AS \w+$/gm)).toEqual([
      'FROM ${NODE_IMAGE} AS manifests',
      'FROM manifests AS build',
      'FROM manifests AS deps',
      'FROM ${NODE_IMAGE} AS runtime',
    ]);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:22-[a-z-]+$/m);
    expect(dockerfile).toMatch(/^ARG SERVICE$/m);
    expect(dockerfile).toMatch(/^USER node$/m); // uid 1000 = runAsUser in the chart
    // npm ci needs every workspace's package.json: a new app, lib or service must be added there too.
    for (const dir of ['apps', 'libs', 'services']) {
      for (const ws of readdirSync(join(repoRoot, dir))) expect(dockerfile).toContain(`COPY ${dir}/${ws}/package.json ${dir}/${ws}/`);
    }
    for (const name of services) expect(existsSync(join(repoRoot, 'services', name, 'Dockerfile'))).toBe(false);
  });

  it('the image runs compiled JavaScript on production dependencies only, built as tools/image-rehearsal.js rehearses it', () => {
    const stage = (name: string) => dockerfile.split(/^(?=FROM )/m).find((s) => s.match(/^FROM \S+ AS (\w+)$/m)?.[1] === name)!;
    expect(stage('build')).toContain('RUN node tools/build-service.js compile /out "${SERVICE}"');
    // The same production install as the rehearsal's (its npmCiArgs), then pruned to what the service needs.
    const rehearsal = readFileSync(join(repoRoot, 'tools/image-rehearsal.js'), 'utf8');
    const npmCiArgs = JSON.parse(rehearsal.match(/^const npmCiArgs = (\[.*\]);$/m)![1].replace(/'/g, '"')) as string[];
    expect(npmCiArgs).toContain('--omit=dev');
    expect(stage('deps')).toContain(`RUN npm ${npmCiArgs.join(' ')}\n`);
    expect(stage('deps')).toContain('RUN node tools/build-service.js prune /app "${SERVICE}"');
    // The runtime stage copies the pruned node_modules and the compiled output, never sources or the SWC loader.
    const runtime = stage('runtime');
    expect(runtime).toContain('COPY --from=deps --chown=root:root /app/node_modules ./node_modules');
    expect(runtime).toContain('COPY --from=build --chown=root:root /out/ ./');
    expect(runtime).not.toMatch(/^COPY (?!--from=)/m);
    expect(runtime).not.toMatch(/register\.js|\.ts\b/);
    // `migrate` (the chart's Job) and the chart's args reach main.js through the entrypoint.
    expect(runtime).toContain('ENTRYPOINT ["sh", "-c", "exec node \\"services/${SERVICE}/src/main.js\\" \\"$@\\"", "--"]');
    expect(runtime).toContain('fonts-wqy-microhei'); // certificates' CJK font (R-6.4.3)
  });

  it.each(services)('%s: the image, compose file and chart agree on the service and its port', (name) => {
    const port = readFileSync(join(repoRoot, 'services', name, 'src/main.ts'), 'utf8').match(/defaultPort: (\d+)/)![1];
    expect(dockerfile).toMatch(new RegExp(`^RUN case "\\$\\{SERVICE\\}" in [a-z|]*\\b${name}\\b`, 'm'));
    expect(dockerfile).toMatch(new RegExp(`^EXPOSE .*\\b${port}\\b`, 'm'));
    expect(dockerfile).toContain(`${name}: ${port}`); // the health check's default port
    expect(values).toMatch(new RegExp(`^  ${name}: \\{ port: ${port}, `, 'm'));
    expect(compose).toContain(`build: { context: .., args: { SERVICE: ${name} } }`);
  });
});
