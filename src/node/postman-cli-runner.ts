// Runs one suite through Postman's own CLI (v3 directories always, v2.1 files on request): offline, no login, nothing sent to the cloud.

import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { YAMLMap } from 'yaml';
import { yaml } from './yaml';
import { startCloudSink } from './cloud-sink';
import { handOver, type Handoff } from './fifo-handoff';
import { childEnvironment, startPostmanChild, type PostmanChild } from './postman-cli-child';
import type { PostmanCli } from './postman-cli-binary';
import { ITEM_MARKER, itemMarkerScript, junitFromReport, parsePostmanCliOutput, type PostmanCliReport } from './postman-cli-output';
import { makeRunTempDir } from './run-temp-dirs';
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
  /** Time limit per script in ms (the CLI's --timeout-script). */
  timeoutScript?: number | undefined;
  delayRequest?: number | undefined;
  bail?: boolean;
  /** Called with the CLI's output as it comes (marker lines removed); not called when silent. */
  onOutput?: ((text: string) => void) | undefined;
  workingDir: string;
  /** Registers a cleanup for an exit that does not unwind, returning its cancel function (see RunSettings.onExit in runners/types.ts). */
  onExit?: ((cleanup: () => void) => () => void) | undefined;
  /** Aborted when the run is interrupted: the child is killed at once. */
  signal?: AbortSignal | undefined;
}

export interface PostmanSuiteResult {
  exitCode: number | null;
  /** The signal that ended the CLI when it did not exit by itself (pm-cognito's own kill after a summary excluded). */
  signal: NodeJS.Signals | null;
  report: PostmanCliReport;
  stderr: string;
}

/** The v3 copy's root script with a marker line in front, so the report can name each request (the v3 report shows only ids). */
function addItemMarker(definitionFile: string): void {
  const { isMap, isScalar, isSeq, parseDocument } = yaml();
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

/** The last line of the CLI's run summary table. */
const SUMMARY_END = /\|\s*total run duration:/;
/** How long the CLI may stay after its summary, in ms. */
const LINGER_MS = 5_000;

/** Forwards the CLI's output line by line; a console group (between `  -` lines) is held until it ends, and dropped if it is a marker. */
function outputForwarder(onOutput: ((text: string) => void) | undefined): { write(chunk: string): void; end(): void } {
  let partial = '';
  let group: string[] | undefined;
  const forwardLine = (line: string) => {
    if (group !== undefined) {
      group.push(line);
      if (line !== '  -') return;
      const lines = group;
      group = undefined;
      if (!(lines[1] ?? '').startsWith("  | '" + ITEM_MARKER)) onOutput?.(lines.join('\n') + '\n');
      return;
    }
    if (line === '  -') {
      group = [line];
      return;
    }
    // The run needs no login on purpose; the CLI's advice to log in would only mislead.
    if (/^No authorization data found\. Please use the `postman login` command\.$|^Refer:\s*https:\/\/learning\.postman\.com\/docs\/postman-cli\/postman-cli-options\/#postman-login$/.test(line)) return;
    onOutput?.(line + '\n');
  };
  return {
    write(chunk) {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop()!;
      for (const line of lines) forwardLine(line);
    },
    end() {
      if (partial !== '') forwardLine(partial);
      if (group !== undefined) onOutput?.(group.join('\n') + '\n');
    },
  };
}

/** The collection the CLI runs (a marked copy of a v3 directory) and the variables it gets. */
function prepareCollection(options: PostmanSuiteOptions, work: string): { target: string; variables: Record<string, string> } {
  const variables = { ...options.variables };
  if (options.format !== 'v3') return { target: options.path, variables };
  // Same directory name: it is the collection's name when its definition has none.
  const target = join(work, 'collection', basename(options.path));
  cpSync(options.path, target, { recursive: true });
  addItemMarker(join(target, DEFINITION));
  // The script cannot see No Auth in a v3 run; this list (names only) lets it send no token there.
  const noauth = readV3Collection(options.path).requests.filter((r) => r.effectiveAuth === 'noauth').map((r) => r.location.slice(1));
  if (noauth.length > 0) variables[NOAUTH_REQUESTS_VARIABLE] = JSON.stringify(noauth);
  return { target, variables };
}

function cliArguments(options: PostmanSuiteOptions, target: string, environmentFile: string, nativeJunit: string | undefined): string[] {
  const args = ['collection', 'run', target, '--no-report-events', '--disable-unicode', '-e', environmentFile];
  args.push('-r', nativeJunit !== undefined ? 'cli,junit' : 'cli');
  if (nativeJunit !== undefined) args.push('--reporter-junit-export', nativeJunit);
  if (options.iterationCount !== undefined) args.push('-n', String(options.iterationCount));
  if (options.timeoutRequest !== undefined) args.push('--timeout-request', String(options.timeoutRequest));
  if (options.timeoutScript !== undefined) args.push('--timeout-script', String(options.timeoutScript));
  if (options.delayRequest !== undefined) args.push('--delay-request', String(options.delayRequest));
  if (options.bail === true) args.push('--bail');
  return args;
}

export async function runPostmanSuite(options: PostmanSuiteOptions): Promise<PostmanSuiteResult> {
  // A private (0700) directory: the environment (secrets included) reaches the CLI through a named pipe there.
  const work = makeRunTempDir('postman');
  let child: PostmanChild | undefined;
  let handoff: Handoff | undefined;
  // Also the exit hook of a run cut short (a signal): the child and its group go first, then the waiting writer, then the files.
  const cleanUp = () => {
    child?.kill();
    handoff?.release();
    rmSync(work, { recursive: true, force: true });
  };
  const cancelExitHook = options.onExit?.(cleanUp);
  const onAbort = () => child?.kill();
  options.signal?.addEventListener('abort', onAbort);
  const sink = await startCloudSink();
  try {
    const home = join(work, 'home');
    const tmp = join(work, 'tmp');
    mkdirSync(home, { mode: 0o700 });
    mkdirSync(tmp, { mode: 0o700 });
    const { target, variables } = prepareCollection(options, work);
    const environmentFile = join(work, 'environment.json');
    const values = Object.keys(variables).map((key) => ({ key, value: variables[key], type: 'default', enabled: true }));
    handoff = handOver(environmentFile, JSON.stringify({ name: options.environmentName, values }));
    // The Postman CLI allows only its cli reporter for v3 collections: their JUnit is made from its output.
    const nativeJunit = options.format === 'v2.1' && options.junitFile !== undefined ? join(work, 'junit.xml') : undefined;
    child = startPostmanChild(options.cli, cliArguments(options, target, environmentFile, nativeJunit), options.workingDir, childEnvironment(home, tmp, sink.url));
    if (options.signal?.aborted === true) child.kill();
    let stdout = '';
    let stderr = '';
    const forward = outputForwarder(options.onOutput);
    child.process.stdout.setEncoding('utf8');
    child.process.stderr.setEncoding('utf8');
    // A call its sandbox gave up on (a Cognito call that never answers) keeps the CLI alive after its summary: it gets a few seconds to leave.
    let lingering: NodeJS.Timeout | undefined;
    let killedAfterSummary = false;
    child.process.stdout.on('data', (d: string) => {
      stdout += d;
      forward.write(d);
      if (lingering === undefined && SUMMARY_END.test(stdout.slice(-(d.length + 40)))) {
        lingering = setTimeout(() => {
          killedAfterSummary = true;
          child?.kill();
        }, LINGER_MS);
        lingering.unref();
      }
    });
    child.process.stderr.on('data', (d: string) => {
      stderr += d;
    });
    const closedWith = await child.closed.finally(() => {
      handoff?.release();
      if (lingering !== undefined) clearTimeout(lingering);
    });
    forward.end();
    rmSync(environmentFile, { force: true });
    const report = parsePostmanCliOutput(stdout);
    // Killed after a complete summary: the verdict is the summary's.
    const exitCode = killedAfterSummary ? (report.failures.length > 0 ? 1 : 0) : closedWith;
    if (options.junitFile !== undefined) {
      const xml = nativeJunit !== undefined ? (existsSync(nativeJunit) ? readFileSync(nativeJunit, 'utf8') : '') : junitFromReport(options.name, report);
      writeFileSync(options.junitFile, xml);
    }
    return { exitCode, signal: killedAfterSummary ? null : child.endedBy(), report, stderr };
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await sink.stop();
    cancelExitHook?.();
    cleanUp();
  }
}
