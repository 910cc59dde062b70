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
    expect(dockerfile.match(/^FROM \$\{NODE_IMAGE\} AS \w+$/gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:22-[a-z-]+$/m);
    expect(dockerfile).toMatch(/^ARG SERVICE$/m);
    expect(dockerfile).toMatch(/^USER node$/m); // uid 1000 = runAsUser in the chart
    expect(dockerfile).toContain('ENTRYPOINT ["sh", "-c", "exec node -r ./tools/register.js \\"services/${SERVICE}/src/main.ts\\" \\"$@\\"", "--"]');
    // npm ci needs every workspace's package.json: a new app, lib or service must be added there too.
    for (const dir of ['apps', 'libs', 'services']) {
      for (const ws of readdirSync(join(repoRoot, dir))) expect(dockerfile).toContain(`COPY ${dir}/${ws}/package.json ${dir}/${ws}/`);
    }
    for (const name of services) expect(existsSync(join(repoRoot, 'services', name, 'Dockerfile'))).toBe(false);
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
