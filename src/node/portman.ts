// Generates a contract-test collection from an OpenAPI document with the Portman CLI, with pm-cognito's script inside and no secret in it.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { packageRoot } from './package-root';
import { readJsonFile } from './read-json-file';
import { NodeError } from './node-errors';
import { InputError } from './input-error';
import { requireOptional } from './optional-dependency';

export interface ContractTestOptions {
  /** OpenAPI document (YAML or JSON). */
  spec: string;
  /** Portman config; default: pm-cognito's portman/portman-config.json. `file:` paths in it are relative to `cwd` (to the package for the default). */
  config?: string | undefined;
  /** Overrides the spec's first server as {{baseUrl}}'s value in the collection. */
  baseUrl?: string | undefined;
  /** Also keep the generated collection here. */
  output?: string | undefined;
  /** Directory that relative paths are resolved against. */
  cwd: string;
  /** The caller's environment; PORTMAN_*, COGNITO_* and AWS_* variables are never passed on (Portman writes PORTMAN_* into the collection). */
  env: NodeJS.ProcessEnv;
  /** Values that must not appear in the generated collection, with the variable each comes from (for the message). */
  secrets: ReadonlyArray<{ name: string; value: string }>;
  /** Time limit for Portman in ms. Default 120000. */
  timeoutMs?: number;
}

export interface GeneratedCollection {
  collection: Record<string, unknown>;
  /** The `output` file written, if one was asked for. */
  path: string | undefined;
  /** `METHOD /path` of operations marked noauth because the spec gives them `security: []`. */
  anonymous: string[];
  /** Whether pm-cognito's script was added because the config did not include it. */
  injectedScript: boolean;
}

export class PortmanError extends NodeError {
  constructor(message: string) {
    super('PORTMAN_FAILED', message);
  }
}

const SCRIPT_NAME = 'pm-cognito.prerequest.js';
/** Any form of pm-cognito's script a config may already list: default or `--iam`, compact or readable. */
const ANY_SCRIPT_FORM = /pm-cognito(?:\.iam)?\.prerequest(?:\.readable)?\.js$/;
const LEAKY_ENV = /^(PORTMAN_|COGNITO_|AWS_|POSTMAN_API_KEY$)/i;

/** Portman's CLI script; an InputError naming the install line when Portman (or the tslib it needs) is not installed. */
function portmanBin(): string {
  return requireOptional('portman', 'pm-cognito portman', '@apideck/portman/bin/portman');
}

type PortmanConfig = Record<string, unknown> & { globals?: Record<string, unknown>; operationPreRequestScripts?: Array<{ scripts?: unknown }> };

function absoluteFileRefs(scripts: unknown, base: string): unknown {
  if (!Array.isArray(scripts)) return scripts;
  return scripts.map((s) => (typeof s === 'string' && s.startsWith('file:') && !isAbsolute(s.slice(5)) ? 'file:' + resolve(base, s.slice(5)) : s));
}

/**
 * Reads the config and makes every `file:` script path absolute, so Portman can run in a throwaway
 * directory (its ./tmp and any .env there are then ours, not the user's). Adds pm-cognito's script
 * when the config does not include it.
 */
export function prepareConfig(configPath: string, fileBase: string, scriptPath: string): { config: PortmanConfig; injected: boolean } {
  const parsed = readJsonFile(configPath, 'Portman config ' + configPath, 'pass a Portman config file with --portman-config, or leave the option out to use pm-cognito\'s');
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InputError('pm-cognito: Portman config ' + configPath + ' is not a JSON object: pass a Portman config file with --portman-config');
  }
  const config = parsed as PortmanConfig;
  const globals = (config.globals ??= {});
  globals['collectionPreRequestScripts'] = absoluteFileRefs(globals['collectionPreRequestScripts'] ?? [], fileBase);
  globals['collectionTestScripts'] = absoluteFileRefs(globals['collectionTestScripts'], fileBase);
  if (Array.isArray(config.operationPreRequestScripts)) {
    for (const entry of config.operationPreRequestScripts) entry.scripts = absoluteFileRefs(entry.scripts, fileBase);
  }
  const scripts = globals['collectionPreRequestScripts'] as unknown[];
  const injected = !scripts.some((s) => typeof s === 'string' && ANY_SCRIPT_FORM.test(s));
  if (injected) scripts.push('file:' + scriptPath);
  if (globals['collectionTestScripts'] === undefined) delete globals['collectionTestScripts'];
  return { config, injected };
}

interface Walkable {
  item?: Walkable[];
  request?: { method?: string; url?: { path?: unknown } | string; auth?: unknown };
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * Portman (openapi-to-postman) lets an operation with `security: []` inherit the collection's auth, so
 * pm-cognito would send a token there. Marks those requests noauth, found by method and path.
 */
export function markAnonymousOperations(collection: Walkable, spec: unknown): string[] {
  const anonymous = new Map<string, string>();
  const paths = typeof spec === 'object' && spec !== null ? (spec as { paths?: unknown }).paths : undefined;
  if (typeof paths !== 'object' || paths === null) return [];
  for (const [path, operations] of Object.entries(paths as Record<string, unknown>)) {
    if (typeof operations !== 'object' || operations === null) continue;
    for (const method of METHODS) {
      const operation = (operations as Record<string, unknown>)[method];
      if (typeof operation !== 'object' || operation === null) continue;
      const security = (operation as { security?: unknown }).security;
      if (Array.isArray(security) && security.length === 0) {
        const segments = path.split('/').filter((s) => s !== '').map((s) => s.replace(/^\{(.+)\}$/, ':$1'));
        anonymous.set(method.toUpperCase() + ' /' + segments.join('/'), method.toUpperCase() + ' ' + path);
      }
    }
  }
  const marked = new Set<string>();
  const walk = (items: Walkable[] | undefined): void => {
    for (const item of items ?? []) {
      walk(item.item);
      const request = item.request;
      if (request === undefined || typeof request.url !== 'object' || !Array.isArray(request.url.path)) continue;
      const key = (request.method ?? 'GET').toUpperCase() + ' /' + (request.url.path as unknown[]).map(String).join('/');
      const label = anonymous.get(key);
      if (label !== undefined) {
        request.auth = { type: 'noauth' };
        marked.add(label);
      }
    }
  };
  walk(collection.item);
  return [...marked].sort();
}

function runPortman(bin: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ code: number | null; output: string }> {
  const cleanEnv: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) if (!LEAKY_ENV.test(name)) cleanEnv[name] = value;
  cleanEnv['NO_COLOR'] = '1';
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: cleanEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-8000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, output });
    });
  });
}

export async function generateContractTests(options: ContractTestOptions): Promise<GeneratedCollection> {
  const bin = portmanBin();
  const root = packageRoot();
  const spec = resolve(options.cwd, options.spec);
  if (!existsSync(spec)) throw new InputError('pm-cognito portman: OpenAPI document ' + options.spec + ' does not exist: pass it with --spec <file>');
  const scriptPath = join(root, 'dist', SCRIPT_NAME);
  if (!existsSync(scriptPath)) throw new PortmanError('pm-cognito portman: ' + scriptPath + ' is missing: run npm run build in ' + root);
  const configPath = options.config !== undefined ? resolve(options.cwd, options.config) : join(root, 'portman', 'portman-config.json');
  const { config, injected } = prepareConfig(configPath, options.config !== undefined ? options.cwd : root, scriptPath);

  // Portman's working directory: its ./tmp (which holds collection variables) goes away with it.
  const work = mkdtempSync(join(tmpdir(), 'pm-cognito-portman-'));
  try {
    writeFileSync(join(work, 'portman-config.json'), JSON.stringify(config, null, 2));
    // An empty openapi-format filter: its only purpose is that Portman then writes the parsed spec as JSON (--oaOutput).
    writeFileSync(join(work, 'filter.json'), '{}\n');
    const generated = join(work, 'out', 'collection.json');
    const parsedSpec = join(work, 'out', 'openapi.json');
    const args = ['-l', spec, '-c', join(work, 'portman-config.json'), '-o', generated, '--filterFile', join(work, 'filter.json'), '--oaOutput', parsedSpec,
      // Otherwise every assigned variable's value is console.logged by the collection (a token, if one is assigned).
      '--logAssignVariables', 'false'];
    if (options.baseUrl !== undefined) args.push('-b', options.baseUrl);
    const result = await runPortman(bin, args, work, options.env, options.timeoutMs ?? 120_000);
    if (result.code !== 0 || !existsSync(generated)) {
      const tail = result.output.trim().split('\n').slice(-15).join('\n');
      throw new PortmanError('pm-cognito portman: Portman could not generate the collection (exit code ' + String(result.code) + '):\n' + tail + '\nCheck the OpenAPI document and the Portman config.');
    }
    const collection = JSON.parse(readFileSync(generated, 'utf8')) as Record<string, unknown>;
    let anonymous: string[] = [];
    if (existsSync(parsedSpec)) anonymous = markAnonymousOperations(collection as Walkable, JSON.parse(readFileSync(parsedSpec, 'utf8')));
    const text = JSON.stringify(collection, null, 2);
    const leaked = options.secrets.filter((s) => s.value !== '' && text.includes(s.value)).map((s) => s.name);
    if (leaked.length > 0) {
      throw new PortmanError('pm-cognito portman: the generated collection contains the value of ' + [...new Set(leaked)].join(', ') + ', so it was not kept: remove that value from the OpenAPI document and the Portman config');
    }
    let path: string | undefined;
    if (options.output !== undefined) {
      path = resolve(options.cwd, options.output);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
    return { collection, path, anonymous, injectedScript: injected };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
