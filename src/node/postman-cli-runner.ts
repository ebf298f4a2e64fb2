// Runs one suite through Postman's own CLI (v3 directories always, v2.1 files on request): offline, no login, nothing sent to the cloud.

import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type YAMLMap } from 'yaml';
import { POSTMAN_SERVICE_VARIABLES, startCloudSink } from './cloud-sink';
import { handOver } from './fifo-handoff';
import type { PostmanCli } from './postman-cli-binary';
import { ITEM_MARKER, itemMarkerScript, junitFromReport, parsePostmanCliOutput, type PostmanCliReport } from './postman-cli-output';
import { DEFINITION, readV3Collection } from './v3-collection';
import { NOAUTH_REQUESTS_VARIABLE } from '../core/identities';
import { BEFORE_REQUEST } from './v3-definition-script';

export interface PostmanSuiteOptions {
  cli: PostmanCli;
  format: 'v2.1' | 'v3';
  /** The collection file (v2.1) or directory (v3); never written to. */
  path: string;
  name: string;
  /** Every variable of the run, secrets included, and the up-front sign-ins' token caches. */
  variables: Record<string, string>;
  environmentName: string;
  /** Where to write this suite's JUnit XML (for merging), if wanted. */
  junitFile?: string | undefined;
  iterationCount?: number | undefined;
  timeoutRequest?: number | undefined;
  delayRequest?: number | undefined;
  bail?: boolean;
  /** Called with the CLI's output as it comes (marker lines removed); not called when silent. */
  onOutput?: ((text: string) => void) | undefined;
  workingDir: string;
  /** Registers a cleanup for an exit that does not unwind, returning its cancel function (see RunSettings.onExit in runners/types.ts). */
  onExit?: ((cleanup: () => void) => () => void) | undefined;
}

export interface PostmanSuiteResult {
  exitCode: number | null;
  report: PostmanCliReport;
  stderr: string;
}

/** The v3 copy's root script with a marker line in front, so the report can name each request (the v3 report shows only ids). */
function addItemMarker(definitionFile: string): void {
  const doc = parseDocument(readFileSync(definitionFile, 'utf8'));
  const root = doc.contents as YAMLMap;
  let scripts = root.get('scripts', true);
  if (!isSeq(scripts)) {
    root.set('scripts', []);
    scripts = root.get('scripts', true);
  }
  const seq = scripts as unknown as { items: unknown[] };
  const item = seq.items.find((i): i is YAMLMap => isMap(i) && i.get('type') === BEFORE_REQUEST);
  if (item !== undefined) {
    const code = item.get('code', true);
    item.set('code', itemMarkerScript() + '\n' + (isScalar(code) && typeof code.value === 'string' ? code.value : ''));
  } else {
    seq.items.unshift(doc.createNode({ type: BEFORE_REQUEST, code: itemMarkerScript(), language: 'text/javascript' }));
  }
  writeFileSync(definitionFile, doc.toString());
}

/**
 * What the child gets: no Postman API key, a private empty home (so no saved login is used and
 * nothing is written to the user's ~/.postman), no update check, and every Postman service address
 * pointed at a loopback sink.
 */
function childEnvironment(home: string, sink: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(POSTMAN_|COGNITO_)/.test(key)) continue;
    env[key] = value;
  }
  for (const name of POSTMAN_SERVICE_VARIABLES) env[name] = sink;
  return {
    ...env,
    HOME: home,
    USERPROFILE: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    POSTMAN_CLI_SKIP_UPDATE_CHECK: '1',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  };
}

export async function runPostmanSuite(options: PostmanSuiteOptions): Promise<PostmanSuiteResult> {
  // mkdtemp makes the directory 0700. The environment (secrets included) reaches the CLI through a named pipe there.
  const work = mkdtempSync(join(tmpdir(), 'pm-cognito-postman-'));
  const remove = () => rmSync(work, { recursive: true, force: true });
  const cancelExitHook = options.onExit?.(remove);
  const sink = await startCloudSink();
  try {
    const home = join(work, 'home');
    mkdirSync(home, { mode: 0o700 });
    let target = options.path;
    if (options.format === 'v3') {
      // Same directory name: it is the collection's name when its definition has none.
      target = join(work, 'collection', basename(options.path));
      cpSync(options.path, target, { recursive: true });
      addItemMarker(join(target, DEFINITION));
    }
    const variables = { ...options.variables };
    if (options.format === 'v3') {
      // The script cannot see No Auth in a v3 run; this list (names only) lets it send no token there.
      const noauth = readV3Collection(options.path).requests.filter((r) => r.effectiveAuth === 'noauth').map((r) => r.location.slice(1));
      if (noauth.length > 0) variables[NOAUTH_REQUESTS_VARIABLE] = JSON.stringify(noauth);
    }
    const environmentFile = join(work, 'environment.json');
    const values = Object.keys(variables).map((key) => ({ key, value: variables[key], type: 'default', enabled: true }));
    const handoff = handOver(environmentFile, JSON.stringify({ name: options.environmentName, values }));

    const args = [...options.cli.prefix, 'collection', 'run', target, '--no-report-events', '--disable-unicode', '-e', environmentFile];
    // The Postman CLI allows only its cli reporter for v3 collections: their JUnit is made from its output.
    const nativeJunit = options.format === 'v2.1' && options.junitFile !== undefined ? join(work, 'junit.xml') : undefined;
    args.push('-r', nativeJunit !== undefined ? 'cli,junit' : 'cli');
    if (nativeJunit !== undefined) args.push('--reporter-junit-export', nativeJunit);
    if (options.iterationCount !== undefined) args.push('-n', String(options.iterationCount));
    if (options.timeoutRequest !== undefined) args.push('--timeout-request', String(options.timeoutRequest));
    if (options.delayRequest !== undefined) args.push('--delay-request', String(options.delayRequest));
    if (options.bail === true) args.push('--bail');

    const child = spawn(options.cli.command, args, { cwd: options.workingDir, env: childEnvironment(home, sink.url), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let partial = '';
    let group: string[] | undefined;
    // Line by line; a console group (between `  -` lines) is held until it ends, and dropped if it is a marker.
    const forwardLine = (line: string) => {
      if (group !== undefined) {
        group.push(line);
        if (line !== '  -') return;
        const lines = group;
        group = undefined;
        if (!(lines[1] ?? '').startsWith("  | '" + ITEM_MARKER)) options.onOutput?.(lines.join('\n') + '\n');
        return;
      }
      if (line === '  -') {
        group = [line];
        return;
      }
      // The run needs no login on purpose; the CLI's advice to log in would only mislead.
      if (/^No authorization data found\. Please use the `postman login` command\.$|^Refer:\s*https:\/\/learning\.postman\.com\/docs\/postman-cli\/postman-cli-options\/#postman-login$/.test(line)) return;
      options.onOutput?.(line + '\n');
    };
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      stdout += d;
      const lines = (partial + d).split('\n');
      partial = lines.pop()!;
      for (const line of lines) forwardLine(line);
    });
    child.stderr.on('data', (d: string) => {
      stderr += d;
    });
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => resolve(code));
    }).finally(() => handoff.release());
    if (partial !== '') forwardLine(partial);
    if (group !== undefined) options.onOutput?.(group.join('\n') + '\n');
    rmSync(environmentFile, { force: true });
    const report = parsePostmanCliOutput(stdout);
    if (options.junitFile !== undefined) {
      const xml = nativeJunit !== undefined ? (existsSync(nativeJunit) ? readFileSync(nativeJunit, 'utf8') : '') : junitFromReport(options.name, report);
      writeFileSync(options.junitFile, xml);
    }
    return { exitCode, report, stderr };
  } finally {
    await sink.stop();
    cancelExitHook?.();
    remove();
  }
}
