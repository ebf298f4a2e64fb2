// Packs pm-cognito with `npm pack` and installs the tarball into an empty project as a user would, with no network needed.

import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './collection';

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  dev?: boolean;
  devOptional?: boolean;
  [key: string]: unknown;
}

const NPM_CLI = process.env['npm_execpath'] !== undefined && process.env['npm_execpath'].endsWith('.js') ? process.env['npm_execpath'] : undefined;

const NPM_COMMAND: [string, string[]] = NPM_CLI !== undefined ? [process.execPath, [NPM_CLI]] : ['npm', []];
const NPM_ENV = { ...process.env, npm_config_update_notifier: 'false' };

/** Runs npm (the one running the tests when there is one) and returns its stdout. */
export function npm(args: string[], cwd: string): string {
  const [command, prefix] = NPM_COMMAND;
  return execFileSync(command, [...prefix, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: NPM_ENV });
}

/** `npm` without blocking the event loop, so two installs (and a server start) can run side by side. Ten minutes at most. */
async function npmAsync(args: string[], cwd: string): Promise<string> {
  const [command, prefix] = NPM_COMMAND;
  const { stdout } = await promisify(execFile)(command, [...prefix, ...args], { cwd, encoding: 'utf8', env: NPM_ENV, timeout: 600_000, maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

/** `npm pack` of the working tree into `dir`; returns the tarball's path and the file list npm reports. */
export function packInto(dir: string): { tarball: string; files: string[] } {
  const [report] = JSON.parse(npm(['pack', '--json', '--pack-destination', dir], ROOT)) as Array<{ filename: string; files: Array<{ path: string }> }>;
  return { tarball: join(dir, report!.filename), files: report!.files.map((f) => f.path).sort() };
}

/** The registry's tarball address of a package version (what `resolved` holds in a lockfile made against registry.npmjs.org). */
function registryTarball(path: string, version: string): string {
  const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
  const base = name.startsWith('@') ? name.split('/')[1]! : name;
  return 'https://registry.npmjs.org/' + name + '/-/' + base + '-' + version + '.tgz';
}

/** Where npm finds `name` from the package at `from` (a lockfile path): its own node_modules, then each parent's. */
function lockPath(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  for (let dir = from; ; dir = dir.slice(0, Math.max(0, dir.lastIndexOf('/node_modules/')))) {
    const candidate = (dir === '' ? '' : dir + '/') + 'node_modules/' + name;
    if (packages[candidate] !== undefined) return candidate;
    if (dir === '') return undefined;
  }
}

/** The lockfile paths of `names` (top level) and of everything they need at runtime, as npm would install them. */
function closure(packages: Record<string, LockEntry>, names: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const queue = names.map((name) => 'node_modules/' + name);
  while (queue.length > 0) {
    const path = queue.pop()!;
    if (seen.has(path)) continue;
    if (packages[path] === undefined) throw new Error('pack-install: ' + path + ' is not in package-lock.json');
    seen.add(path);
    for (const name of Object.keys((packages[path]!['dependencies'] as Record<string, string> | undefined) ?? {})) {
      const found = lockPath(packages, path, name);
      if (found === undefined) throw new Error('pack-install: ' + name + ' (needed by ' + path + ') is not in package-lock.json');
      queue.push(found);
    }
    // Optional dependencies as npm installs them by default: those this platform got (the lockfile has them).
    for (const name of Object.keys((packages[path]!['optionalDependencies'] as Record<string, string> | undefined) ?? {})) {
      const found = lockPath(packages, path, name);
      if (found !== undefined) queue.push(found);
    }
  }
  return seen;
}

export interface InstallMeasure {
  /** Wall time of `npm ci`, in seconds. */
  seconds: number;
  /** Size of the project's node_modules, in bytes (apparent size of every file). */
  bytes: number;
}

/** Apparent size of a directory tree in bytes (`du -sb`). */
export function treeBytes(dir: string): number {
  return Number(execFileSync('du', ['-sb', dir], { encoding: 'utf8' }).split('\t')[0]);
}

/**
 * Installs the tarball into `project` (an empty directory) with `npm ci --offline`, as `npm i -D <tgz> <extras...>`
 * would. The lockfile is this repository's, cut down to pm-cognito's runtime tree (its dependencies, not its
 * devDependencies) plus the `extras` (optional peer dependencies, pinned as in pm-cognito's peerDependencies) and
 * what they need, so npm takes every tarball from its cache by integrity and resolves nothing: the install needs no
 * network, and it fails if pm-cognito needs at runtime a package it does not declare. Returns time and size (the time
 * includes whatever ran beside it).
 */
export async function installTarball(project: string, tarball: string, extras: readonly string[] = []): Promise<InstallMeasure> {
  writeProject(project, tarball, extras);
  const started = Date.now();
  await npmAsync(['ci', '--offline', '--no-audit', '--no-fund'], project);
  return { seconds: (Date.now() - started) / 1000, bytes: treeBytes(join(project, 'node_modules')) };
}

/**
 * A copy of `bare` (a project installTarball made) in `project`, then `npm i -D <extras...>` there: the lockfile gets
 * the extras and what they need, and `npm install --offline` adds only those from npm's cache (what is there stays).
 * Returns the time and size of that install.
 */
export async function addExtras(bare: string, project: string, tarball: string, extras: readonly string[]): Promise<InstallMeasure> {
  copyTree(bare, project);
  writeProject(project, tarball, extras);
  const started = Date.now();
  await npmAsync(['install', '--offline', '--no-audit', '--no-fund'], project);
  return { seconds: (Date.now() - started) / 1000, bytes: treeBytes(join(project, 'node_modules')) };
}

/**
 * `from`'s contents into the existing directory `to`, links as they are. Outside Windows through `cp -a`: node 20's
 * cpSync copies file by file in JavaScript, about twice as slow for a project's node_modules (1.0-1.6 s against 0.55 s).
 */
function copyTree(from: string, to: string): void {
  if (process.platform === 'win32') cpSync(from, to, { recursive: true, verbatimSymlinks: true });
  else execFileSync('cp', ['-a', '--', join(from, '.'), to], { stdio: 'ignore' });
}

/** `name` in the project's node_modules as a link to this repository's copy (for a package too big to unpack again). */
export function linkFromRepository(project: string, name: string): void {
  mkdirSync(dirname(join(project, 'node_modules', name)), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules', name), join(project, 'node_modules', name), 'dir');
}

/** package.json and package-lock.json of a project that wants the tarball and `extras`, as installTarball describes. */
function writeProject(project: string, tarball: string, extras: readonly string[]): void {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; license: string; bin: Record<string, string>; engines: Record<string, string>; dependencies: Record<string, string>; peerDependencies: Record<string, string>; peerDependenciesMeta: Record<string, { optional: boolean }> };
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const file = 'file:' + tarball.slice(tarball.lastIndexOf('/') + 1);
  const extraVersions: Record<string, string> = {};
  for (const name of extras) extraVersions[name] = lock.packages['node_modules/' + name]!.version!;
  const wanted = { [pkg.name]: file, ...extraVersions };
  const packages: Record<string, LockEntry> = {
    '': { name: 'pack-install-test', version: '1.0.0', devDependencies: wanted },
    ['node_modules/' + pkg.name]: {
      version: pkg.version,
      resolved: file,
      integrity: 'sha512-' + createHash('sha512').update(readFileSync(tarball)).digest('base64'),
      dev: true,
      license: pkg.license,
      dependencies: pkg.dependencies,
      peerDependencies: pkg.peerDependencies,
      peerDependenciesMeta: pkg.peerDependenciesMeta,
      bin: pkg.bin,
      engines: pkg.engines,
    },
  };
  const keep = closure(lock.packages, [...Object.keys(pkg.dependencies), ...extras]);
  for (const path of keep) {
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...entry } = lock.packages[path]!;
    packages[path] = { ...entry, dev: true, resolved: entry.resolved ?? registryTarball(path, entry.version!) };
  }
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'pack-install-test', version: '1.0.0', private: true, devDependencies: wanted }, null, 2));
  writeFileSync(join(project, 'package-lock.json'), JSON.stringify({ name: 'pack-install-test', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2));
}
