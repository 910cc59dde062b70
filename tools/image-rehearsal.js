#!/usr/bin/env node
// The images, rehearsed without a Docker engine: does in a temporary directory what the root
// Dockerfile does, then runs each compiled service from there as its image would run it.
//
//   node tools/image-rehearsal.js [--dir <dir>] [--keep] [--report <file>] <service>... | all
//
// 1. `deps` stage: <dir>/app gets package.json, package-lock.json and every workspace's
//    package.json, then `npm ci --omit=dev` (npm's cache) and `build-service.js prune`. One
//    install serves all the services rehearsed (pruned to what they need together).
// 2. `build` stage: `build-service.js compile` into <dir>/out (with the repository's own full
//    install), copied into <dir>/app as the `runtime` stage copies /out.
// 3. Per service, one after the other, with the ENV of the Dockerfile (read from it), a database
//    of the rehearsal's own and a Kafka topic prefix and Redis key prefix of its own: the
//    Dockerfile's ENTRYPOINT with `migrate` (the chart's migration Job) exits 0; then the
//    ENTRYPOINT without arguments answers /health 200 and /ready 200, the Dockerfile's HEALTHCHECK
//    command exits 0, and SIGTERM stops it. Each process runs in <dir>/app with an environment of
//    its own (PATH and the image's variables; no NODE_PATH or NODE_OPTIONS), so nothing resolves
//    from the repository's node_modules. Certificates: pdfkit from <dir>/app renders the CJK font
//    that CERTIFICATES_CJK_FONT names.
//
// Needs the local stack (deploy/local/start.sh). Prints one line per step; --report writes them as
// JSON. Exits non-zero when a step fails. <dir> is removed afterwards unless --keep.
'use strict';

const { execFile, spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { promisify } = require('node:util');
const { Client } = require('pg');
const { services } = require('./build-service');

const root = resolve(__dirname, '..');
const run = promisify(execFile);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** The same install as the Dockerfile's `deps` stage (test/ops/chart.e2e-spec.ts checks they agree). */
const npmCiArgs = ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'];

/** Service processes of the rehearsal still running: ended when the rehearsal itself is stopped. */
const running = new Set();

function log(line) {
  process.stdout.write(`rehearsal: ${line}\n`);
}

/** ENV, ENTRYPOINT and HEALTHCHECK of the runtime stage of the root Dockerfile. */
function readDockerfile() {
  const text = readFileSync(join(root, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
  const runtime = text.slice(text.lastIndexOf('\nFROM '));
  const json = (pattern) => {
    const match = runtime.match(pattern);
    if (!match) throw new Error(`Dockerfile: no ${pattern} in the runtime stage`);
    return JSON.parse(match[1]);
  };
  const env = {};
  for (const [, line] of runtime.matchAll(/^ENV (.*)$/gm)) {
    for (const [, key, value] of line.matchAll(/([A-Z_][A-Z0-9_]*)=(\S*)/g)) env[key] = value;
  }
  return { env, entrypoint: json(/^ENTRYPOINT (\[.*\])$/m), healthcheck: json(/^HEALTHCHECK .* CMD (\[.*\])$/m) };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function withDatabase(url, work) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Polls `url` until it answers 200; fails when the process ends first or after `timeoutMs`. */
async function waitFor200(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`exited (${child.exitCode ?? child.signalCode}) before ${url} answered 200; last: ${last}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      last = `${response.status} ${await response.text()}`;
      if (response.status === 200) return last;
    } catch (error) {
      last = error.message;
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 in ${timeoutMs / 1000}s; last: ${last}`);
    await sleep(500);
  }
}

function exitOf(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode ?? child.signalCode);
    else child.once('exit', (code, signal) => resolve(code ?? signal));
  });
}

async function rehearseService(name, { app, work, dockerfile, settings }) {
  const result = { service: name };
  const port = await freePort();
  const env = {
    PATH: process.env.PATH,
    ...Object.fromEntries(Object.entries(dockerfile.env).map(([k, v]) => [k, v.replace(/\$\{SERVICE\}/g, name)])),
    ...settings,
    HOME: join(work, 'home'), // the image's HOME=/tmp, writable there as here
    HOST: '127.0.0.1', // the image listens on 0.0.0.0; a shared machine keeps it local
    PORT: String(port),
    CERTIFICATES_KEY_DIR: join(work, 'certificate-keys'), // the image mounts a secret there
    CERTIFICATES_GENERATE_KEYS: 'true',
    CALCHAIN_TRACE_FILE: join(work, 'logs', `${name}.spans.jsonl`), // finished spans, one JSON per line
  };
  if (name === 'gateway') {
    // NODE_ENV=production turns the development issuer off: the identity provider's JWKS is then
    // required (fetched on the first token only). The other services are not needed for /ready.
    env.OIDC_JWKS_URL = `http://127.0.0.1:${await freePort()}/.well-known/jwks.json`;
    for (const other of services.filter((s) => s !== 'gateway')) env[`${other.toUpperCase()}_URL`] = `http://127.0.0.1:${await freePort()}`;
  }
  const logFile = join(work, 'logs', `${name}.log`);
  const [command, ...args] = dockerfile.entrypoint;
  const start = (extra) => {
    const out = openSync(logFile, 'a');
    const child = spawn(command, [...args, ...extra], { cwd: app, env, stdio: ['ignore', out, out] });
    closeSync(out);
    running.add(child);
    child.once('exit', () => running.delete(child));
    return child;
  };

  const migrate = start(['migrate']);
  const timer = setTimeout(() => migrate.kill('SIGKILL'), 300_000);
  result.migrate = await exitOf(migrate);
  clearTimeout(timer);
  log(`${name}: migrate exited ${result.migrate}`);
  if (result.migrate !== 0) throw Object.assign(new Error(`${name}: migrate failed:\n${logTail(logFile)}`), { result });

  const child = start([]);
  try {
    const base = `http://127.0.0.1:${port}`;
    result.health = await waitFor200(`${base}/health`, child, 180_000);
    log(`${name}: /health ${result.health}`);
    result.ready = await waitFor200(`${base}/ready`, child, 180_000);
    log(`${name}: /ready ${result.ready}`);
    const [hcCommand, ...hcArgs] = dockerfile.healthcheck;
    result.healthcheck = await run(hcCommand, hcArgs, { cwd: app, env, timeout: 30_000 }).then(() => 0, (error) => error.code ?? 'failed');
    log(`${name}: HEALTHCHECK exited ${result.healthcheck}`);
    // Packages stay external, so OpenTelemetry's require hooks instrument them: one request
    // (an unknown path; /health and /ready are not traced) gives HTTP, Express and Nest spans.
    result.probe = (await fetch(`${base}/rehearsal/trace-probe`)).status;
    await sleep(1000);
    result.spans = spanCounts(env.CALCHAIN_TRACE_FILE);
    log(`${name}: spans by instrumentation ${JSON.stringify(result.spans)}`);
    if (name === 'certificates') {
      const script = "const PDF = require('pdfkit'); const doc = new PDF(); doc.registerFont('cjk', process.env.CERTIFICATES_CJK_FONT, 'WenQuanYiMicroHei'); doc.font('cjk').text('校准证书'); let n = 0; doc.on('data', (c) => (n += c.length)); doc.on('end', () => console.log(n)); doc.end();";
      const { stdout } = await run(process.execPath, ['-e', script], { cwd: app, env, timeout: 60_000 });
      result.cjkPdfBytes = Number(stdout.trim());
      log(`certificates: a PDF with ${env.CERTIFICATES_CJK_FONT} rendered (${result.cjkPdfBytes} bytes)`);
    }
  } catch (error) {
    throw Object.assign(new Error(`${name}: ${error.message}\n${logTail(logFile)}`), { result });
  } finally {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    result.stopped = await exitOf(child);
    clearTimeout(timer);
    log(`${name}: stopped (${result.stopped})`);
  }
  return result;
}

/** Finished spans of the trace file by the instrumentation that made them. */
function spanCounts(file) {
  const counts = { http: 0, express: 0, nest: 0, pg: 0, redis: 0 };
  const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
  for (const { kind, attributes: a = {} } of lines.map((l) => JSON.parse(l))) {
    if (kind === 1 && a['http.request.method']) counts.http += 1;
    if (a['express.type']) counts.express += 1;
    if (a.component === '@nestjs/core') counts.nest += 1;
    if ((a['db.system.name'] ?? a['db.system']) === 'postgresql') counts.pg += 1;
    if ((a['db.system.name'] ?? a['db.system']) === 'redis') counts.redis += 1;
  }
  return counts;
}

const logTail = (file) => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').slice(-30).join('\n') : '');

const sizeKb = async (dir) => Number((await run('du', ['-sk', dir])).stdout.split(/\s/)[0]);

async function main(argv) {
  const options = { keep: false, dir: undefined, report: undefined, names: [] };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--keep') options.keep = true;
    else if (argv[i] === '--dir') options.dir = resolve(argv[(i += 1)]);
    else if (argv[i] === '--report') options.report = resolve(argv[(i += 1)]);
    else options.names.push(...(argv[i] === 'all' ? services : [argv[i]]));
  }
  const unknown = options.names.filter((n) => !services.includes(n));
  if (!options.names.length || unknown.length) throw new Error(`usage: image-rehearsal.js [--dir <dir>] [--keep] [--report <file>] <${services.join('|')}>... | all`);
  const names = services.filter((s) => options.names.includes(s));

  const work = options.dir ?? mkdtempSync(join(tmpdir(), 'calchain-image-'));
  if (existsSync(work) && readdirSync(work).length) throw new Error(`${work} is not empty`);
  const app = join(work, 'app');
  for (const dir of [app, join(work, 'logs'), join(work, 'home')]) mkdirSync(dir, { recursive: true });
  const report = { dir: work, app, services: [], ok: false };
  const dockerfile = readDockerfile();
  const baseDatabaseUrl = process.env.DATABASE_URL ?? 'postgres://calchain:calchain@127.0.0.1:55432/calchain';
  const database = `calchain_t_image_${randomBytes(4).toString('hex')}`;
  let created = false;
  try {
    // `deps` stage: the manifests, a production install, pruned.
    for (const file of ['package.json', 'package-lock.json']) cpSync(join(root, file), join(app, file));
    for (const group of ['apps', 'libs', 'services']) {
      for (const ws of readdirSync(join(root, group))) {
        if (existsSync(join(root, group, ws, 'package.json'))) cpSync(join(root, group, ws, 'package.json'), join(app, group, ws, 'package.json'));
      }
    }
    const npmEnv = { ...process.env, npm_config_prefer_offline: 'true' }; // npm's cache first
    log(`npm ${npmCiArgs.join(' ')} in ${app}`);
    await run('npm', npmCiArgs, { cwd: app, env: npmEnv, timeout: 900_000, maxBuffer: 16 << 20 });
    const prune = await run(process.execPath, [join(root, 'tools/build-service.js'), 'prune', app, ...names], { cwd: app, timeout: 300_000 });
    log(prune.stdout.trim());
    // `build` stage, then the runtime stage's COPY --from=build /out/ ./
    const compile = await run(process.execPath, [join(root, 'tools/build-service.js'), 'compile', join(work, 'out'), ...names], { cwd: root, timeout: 300_000 });
    log(compile.stdout.trim());
    cpSync(join(work, 'out'), app, { recursive: true });

    report.sizes = { runtimeNodeModulesKb: await sizeKb(join(app, 'node_modules')), repositoryNodeModulesKb: await sizeKb(join(root, 'node_modules')), compiledKb: await sizeKb(join(work, 'out')) };
    const mb = (kb) => `${(kb / 1024).toFixed(1)} MB`;
    log(`node_modules ${mb(report.sizes.runtimeNodeModulesKb)} in the image, ${mb(report.sizes.repositoryNodeModulesKb)} in the repository; compiled services and libs ${mb(report.sizes.compiledKb)}`);

    await withDatabase(baseDatabaseUrl, (c) => c.query(`create database ${database}`));
    created = true;
    const url = new URL(baseDatabaseUrl);
    url.pathname = `/${database}`;
    const prefix = `t-image-${randomBytes(3).toString('hex')}.`;
    const settings = {
      DATABASE_URL: url.toString(),
      DATABASE_POOL_SIZE: '3',
      KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:59092',
      KAFKA_TOPIC_PREFIX: prefix,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:56379',
      REDIS_KEY_PREFIX: prefix,
      JWT_SECRET: randomBytes(32).toString('hex'),
      QUALITY_DATA_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'warn',
    };
    for (const name of names) {
      try {
        report.services.push(await rehearseService(name, { app, work, dockerfile, settings }));
      } catch (error) {
        if (error.result) report.services.push({ ...error.result, error: error.message });
        throw error;
      }
    }
    report.ok = true;
    log(`passed: ${names.join(', ')}`);
  } catch (error) {
    report.error = error.message;
    throw error;
  } finally {
    if (created) await withDatabase(baseDatabaseUrl, (c) => c.query(`drop database if exists ${database} with (force)`)).catch(() => undefined);
    if (options.report) writeFileSync(options.report, `${JSON.stringify(report, null, 2)}\n`);
    if (!options.keep) rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      for (const child of running) child.kill('SIGKILL');
      process.exit(1);
    });
  }
  main(process.argv.slice(2)).catch((error) => {
    process.stderr.write(`rehearsal failed: ${error.stderr ?? ''}${error.message}\n`);
    process.exit(1);
  });
}
