#!/usr/bin/env node
// How a service's image is built, in one place: the Dockerfile runs it, and so does
// tools/image-rehearsal.js, which proves the result without a Docker engine.
//
//   node tools/build-service.js compile <outdir> <service>...
//       Starting from services/<service>/src/main.ts, follows the imports through the service and
//       the workspace libs and compiles exactly the files the service loads to CommonJS with SWC
//       (@swc/core, the compiler tools/register.js runs in development) and the same options:
//       decorators with their metadata (Nest's DI), class fields as defined (ES2022 target), class
//       names kept (TypeORM migration names, Nest tokens). TypeORM migrations are classes the
//       service imports, so they are compiled too. The workspace aliases of tsconfig.base.json
//       (@calchain/*) become relative paths; the output mirrors the repository
//       (<outdir>/services/<service>/src/main.js, <outdir>/libs/...). Packages are not bundled:
//       each stays a require() from node_modules, so OpenTelemetry's require hooks still
//       instrument Nest, Express, pg and ioredis. Fails when compiled code requires a package
//       that is not a production dependency (package.json "dependencies" of the root or of the
//       file's own workspace), since the image has those only.
//
//   node tools/build-service.js prune <appdir> <service>...
//       After `npm ci --omit=dev` in <appdir>: removes from <appdir>/node_modules what the
//       services do not need. npm keeps packages that are both a dev dependency and an optional
//       peer of a production one (typescript, through the web console's i18next) and the web
//       console's own dependencies (react …), which run in the browser, not in a service. What
//       stays is the closure, read from package-lock.json, of the production dependencies of the
//       root, the libs and the given services (dependencies, optional dependencies, required
//       peers); the workspace links (node_modules/@calchain) go too: compiled code does not use them.
'use strict';

const { builtinModules } = require('node:module');
const { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { dirname, join, relative, resolve, sep } = require('node:path');

const root = resolve(__dirname, '..');
const services = ['gateway', 'intake', 'records', 'certificates', 'equipment', 'quality'];
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const isFile = (path) => existsSync(path) && statSync(path).isFile();
const packageName = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

function checkServices(names) {
  const unknown = names.filter((n) => !services.includes(n));
  if (!names.length || unknown.length) throw new Error(`expected services out of ${services.join(' ')}${unknown.length ? `, not: ${unknown.join(' ')}` : ''}`);
}

/** The directory of the workspace (libs/x, services/x) a repository file belongs to, or '' for the root. */
const workspaceOf = (rel) => (/^(apps|libs|services)\/[^/]+\//.test(rel) ? rel.split('/').slice(0, 2).join('/') : '');

function swcOptions(compilerOptions) {
  const baseUrl = resolve(root, compilerOptions.baseUrl ?? '.');
  const paths = Object.fromEntries(Object.entries(compilerOptions.paths ?? {}).map(([alias, targets]) => [alias, targets.map((t) => resolve(baseUrl, t))]));
  return {
    swcrc: false,
    configFile: false,
    sourceMaps: false,
    jsc: {
      target: compilerOptions.target.toLowerCase(),
      parser: { syntax: 'typescript', decorators: true, dynamicImport: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: compilerOptions.useDefineForClassFields ?? true },
      keepClassNames: true,
      externalHelpers: false, // helpers inlined: no @swc/helpers needed at run time
      baseUrl,
      paths,
    },
    module: { type: 'commonjs', noInterop: !compilerOptions.esModuleInterop },
  };
}

/** The source file a relative require() of compiled code names (extensionless, a directory's index, or JSON). */
function sourceOf(fromFile, specifier) {
  const base = resolve(dirname(fromFile), specifier);
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    if (isFile(candidate) && /\.(ts|json)$/.test(candidate)) return candidate;
  }
  throw new Error(`${relative(root, fromFile)}: cannot resolve ${specifier}`);
}

function compile(outDir, names) {
  checkServices(names);
  const swc = require('@swc/core');
  const { compilerOptions } = readJson(join(root, 'tsconfig.base.json'));
  if (!compilerOptions.experimentalDecorators || !compilerOptions.emitDecoratorMetadata) throw new Error('tsconfig.base.json: decorators with metadata expected');
  if (compilerOptions.module.toLowerCase() !== 'commonjs') throw new Error('tsconfig.base.json: CommonJS modules expected');
  const options = swcOptions(compilerOptions);
  const dependenciesOf = (workspace) => ({ ...readJson(join(root, 'package.json')).dependencies, ...(workspace ? readJson(join(root, workspace, 'package.json')).dependencies : {}) });
  const builtins = new Set(builtinModules);

  if (existsSync(outDir) && readdirSync(outDir).length) throw new Error(`${outDir} is not empty`);
  const queue = names.map((n) => join(root, 'services', n, 'src', 'main.ts'));
  const seen = new Set(queue);
  const misplaced = [];
  let count = 0;
  while (queue.length) {
    const file = queue.shift();
    const rel = relative(root, file).split(sep).join('/');
    if (!/^(libs|services)\/[^/]+\/src\//.test(rel) || /\.(spec|int-spec|e2e-spec)\.ts$/.test(rel) || rel.includes('/testing/')) {
      throw new Error(`${rel}: a service loads it, but it is test code or outside libs/*/src and services/*/src`);
    }
    const target = join(outDir, rel.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    if (rel.endsWith('.json')) {
      copyFileSync(file, target.replace(/\.js$/, '.json'));
      continue;
    }
    const { code } = swc.transformFileSync(file, options);
    writeFileSync(target, code);
    count += 1;
    const dependencies = dependenciesOf(workspaceOf(rel));
    // require("x") calls only, not methods named require (e.g. RuleCheck.require).
    for (const [, , specifier] of code.matchAll(/(?<![.\w$])require\((["'])([^"']+)\1\)/g)) {
      if (specifier.startsWith('.')) {
        const next = sourceOf(file, specifier);
        if (!seen.has(next)) seen.add(next), queue.push(next);
      } else if (specifier.startsWith('@calchain/')) {
        throw new Error(`${rel}: ${specifier} left unresolved (paths of tsconfig.base.json)`);
      } else if (!builtins.has(specifier.replace(/^node:/, '')) && !(packageName(specifier) in dependencies)) {
        misplaced.push(`  ${packageName(specifier)} (required by ${rel})`);
      }
    }
  }
  if (misplaced.length) throw new Error(`packages required at run time must be production dependencies ("dependencies" of package.json or of the file's workspace):\n${misplaced.join('\n')}`);
  return `${count} files compiled for ${names.join(', ')} into ${outDir}`;
}

/** Where Node finds package `name` from the package or workspace at lock path `from` (package-lock.json v3 keys). */
function lockResolve(packages, from, name) {
  for (let base = from; ; base = base.slice(0, Math.max(0, base.lastIndexOf('/')))) {
    const key = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[key]) return packages[key].link ? packages[key].resolved : key;
    if (!base) return null;
  }
}

function prune(appDir, names) {
  checkServices(names);
  const lock = readJson(join(appDir, 'package-lock.json'));
  if (lock.lockfileVersion < 2) throw new Error('package-lock.json v2 or later expected');
  const { packages } = lock;
  const roots = ['', ...Object.keys(packages).filter((k) => k.startsWith('libs/')), ...names.map((n) => `services/${n}`)];
  const keep = new Set();
  const missing = [];
  const visit = (key) => {
    if (keep.has(key)) return;
    keep.add(key);
    const entry = packages[key];
    const edges = [
      ...Object.keys(entry.dependencies ?? {}).map((n) => [n, true]),
      ...Object.keys(entry.optionalDependencies ?? {}).map((n) => [n, false]),
      ...Object.keys(entry.peerDependencies ?? {}).filter((n) => !entry.peerDependenciesMeta?.[n]?.optional).map((n) => [n, true]),
    ];
    for (const [name, required] of edges) {
      const target = lockResolve(packages, key, name);
      if (target !== null && existsSync(join(appDir, target))) visit(target);
      else if (required) missing.push(`${name} (needed by ${key || 'the root'})`);
    }
  };
  roots.forEach(visit);
  if (missing.length) throw new Error(`not installed (run npm ci --omit=dev first):\n  ${[...new Set(missing)].join('\n  ')}`);

  let removed = 0;
  const sweep = (dir) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name.startsWith('.')) continue;
      if (name.startsWith('@') && !lstatSync(path).isSymbolicLink()) {
        sweep(path);
        if (!readdirSync(path).length) rmSync(path, { recursive: true });
        continue;
      }
      const key = relative(appDir, path).split(sep).join('/');
      if (keep.has(key) && !lstatSync(path).isSymbolicLink()) sweep(join(path, 'node_modules'));
      else rmSync(path, { recursive: true, force: true }), (removed += 1);
    }
  };
  sweep(join(appDir, 'node_modules'));
  // Bin links of removed packages, and npm's record of the tree it installed, no longer hold.
  const bin = join(appDir, 'node_modules', '.bin');
  if (existsSync(bin)) for (const name of readdirSync(bin)) if (!existsSync(join(bin, name))) rmSync(join(bin, name));
  rmSync(join(appDir, 'node_modules', '.package-lock.json'), { force: true });
  return `${removed} packages or links not needed by ${names.join(', ')} removed from ${join(appDir, 'node_modules')}`;
}

if (require.main === module) {
  const [command, dir, ...names] = process.argv.slice(2);
  try {
    const commands = { compile, prune };
    if (!commands[command] || !dir) throw new Error(`usage: build-service.js compile <outdir> <service>... | prune <appdir> <service>...`);
    process.stdout.write(`build-service: ${commands[command](resolve(dir), names)}\n`);
  } catch (error) {
    process.stderr.write(`build-service: ${error.message}\n`);
    process.exit(1);
  }
}

module.exports = { compile, prune, services };
