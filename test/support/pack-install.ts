// Packs pm-cognito with `npm pack` and installs the tarball into an empty project as a user would, with no network needed.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** Runs npm (the one running the tests when there is one) and returns its stdout. */
export function npm(args: string[], cwd: string): string {
  const [command, prefix] = NPM_CLI !== undefined ? [process.execPath, [NPM_CLI]] : ['npm', []];
  return execFileSync(command, [...prefix, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });
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

/**
 * Installs the tarball into `project` (an empty directory) with `npm ci --offline`. The lockfile is
 * this repository's, cut down to pm-cognito's runtime tree (no devDependencies), so npm takes every
 * tarball from its cache by integrity and resolves nothing: the install needs no network, and it
 * fails if pm-cognito needs at runtime a package it does not declare. Optional packages (the Postman
 * CLI binary) are left out.
 */
export function installTarball(project: string, tarball: string): void {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; license: string; bin: Record<string, string>; engines: Record<string, string>; dependencies: Record<string, string>; optionalDependencies?: Record<string, string> };
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const file = 'file:' + tarball.slice(tarball.lastIndexOf('/') + 1);
  const packages: Record<string, LockEntry> = {
    '': { name: 'pack-install-test', version: '1.0.0', dependencies: { [pkg.name]: file } },
    ['node_modules/' + pkg.name]: {
      version: pkg.version,
      resolved: file,
      integrity: 'sha512-' + createHash('sha512').update(readFileSync(tarball)).digest('base64'),
      license: pkg.license,
      dependencies: pkg.dependencies,
      ...(pkg.optionalDependencies !== undefined ? { optionalDependencies: pkg.optionalDependencies } : {}),
      bin: pkg.bin,
      engines: pkg.engines,
    },
  };
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '' || entry.dev === true || entry.devOptional === true || entry.version === undefined) continue;
    packages[path] = { ...entry, resolved: entry.resolved ?? registryTarball(path, entry.version) };
  }
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'pack-install-test', version: '1.0.0', private: true, dependencies: { [pkg.name]: file } }, null, 2));
  writeFileSync(join(project, 'package-lock.json'), JSON.stringify({ name: 'pack-install-test', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2));
  npm(['ci', '--offline', '--omit=optional', '--no-audit', '--no-fund'], project);
}
