import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  it('lints, renders and validates with default and production values', async () => {
    const { stdout } = await run('bash', [join(repoRoot, 'charts/check.sh')], { cwd: repoRoot, timeout: 900_000, maxBuffer: 16 << 20 });
    expect(stdout).toMatch(/== default values[\s\S]*1 chart\(s\) linted, 0 chart\(s\) failed[\s\S]*custom resources ok \| ConfigMap=3 Deployment=6 HorizontalPodAutoscaler=6 Ingress=1 Job=5 NetworkPolicy=6 PodDisruptionBudget=6 PrometheusRule=1 Service=6 ServiceMonitor=1/);
    expect(stdout).toMatch(/== production values[\s\S]*custom resources ok/);
    expect(stdout).toMatch(/chart check passed\s*$/);
  }, 900_000); // a first run builds helm from source (several minutes on two cores)

  it('a broken manifest fails the schema validation (the check can fail)', async () => {
    const { stdout } = await run('bash', [join(repoRoot, 'charts/install-tools.sh')], { cwd: repoRoot });
    const validate = stdout.match(/^KUBERNETES_VALIDATE=(.*)$/m)![1];
    const bad = join(repoRoot, '.local', 'bad-manifest.yaml');
    writeFileSync(bad, 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {replicas: "two"}\n');
    await expect(run(validate, ['--kubernetes-version', '1.31.0', '--strict', '--quiet', bad])).rejects.toMatchObject({ code: 1 });
  }, 900_000);

  it.each(services)('%s: Dockerfile is multi-stage, Node 22, non-root, and matches the chart', (name) => {
    const dockerfile = readFileSync(join(repoRoot, 'services', name, 'Dockerfile'), 'utf8');
    const port = readFileSync(join(repoRoot, 'services', name, 'src/main.ts'), 'utf8').match(/defaultPort: (\d+)/)![1];
    const values = readFileSync(join(repoRoot, 'charts/calchain/values.yaml'), 'utf8');
    expect(dockerfile.match(/^FROM node:22-[a-z-]+ AS \w+$/gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^USER node$/m); // uid 1000 = runAsUser in the chart
    expect(dockerfile).toMatch(new RegExp(`^EXPOSE ${port}$`, 'm'));
    expect(dockerfile).toContain(`ENTRYPOINT ["node", "-r", "./tools/register.js", "services/${name}/src/main.ts"]`);
    expect(values).toMatch(new RegExp(`^  ${name}: \\{ port: ${port}, `, 'm'));
    // npm ci needs every workspace's package.json: a new lib or service must be added here too.
    for (const dir of ['libs', 'services']) {
      for (const ws of readdirSync(join(repoRoot, dir))) expect(dockerfile).toContain(`COPY ${dir}/${ws}/package.json ${dir}/${ws}/`);
    }
  });
});
