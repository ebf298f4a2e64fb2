// `pm-cognito local` and `pm-cognito local stop`: a local Cognito from a config file kept in git, up until Ctrl-C (or in the background).

import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { describeOptions, parseArgs, printed, type OptionTable } from './argv';
import { EXIT, interruptionExit, type CliIo } from './io';
import { UsageError } from './usage-error';
import { InputError } from '../node/input-error';
import { parseLocalConfig, type LocalConfig } from '../local/local-config';
import { describeVariables, type LocalVariable } from '../local/local-environment';
import type { Interruption } from '../node/ephemeral-user';
import { LOCAL_PACKAGES, missingLocalPackages } from '../local/local-packages';
import { LocalStartAborted, LocalStartError } from '../local/local-start-error';
import { isAlive, PID_FILE, readPid, readState, runningPid, stopRunning, type LocalState } from '../local/local-state';

const DEFAULT_CONFIG = 'local-cognito.yaml';
const DEFAULT_STATE_DIR = '.cognito-local';
const ENVIRONMENT_FILE = 'local.postman_environment.json';
const LOG_FILE = 'pm-cognito-local.log';
const DETACH_READY_MS = 60_000;
const STOP_WAIT_MS = 15_000;

const OPTIONS = {
  config: { kind: 'string', short: 'c', value: '<file>', help: 'The config file, YAML or JSON (default ' + DEFAULT_CONFIG + '; see examples/local-cognito.yaml)' },
  port: { kind: 'string', short: 'p', value: '<port>', help: 'Port of the Cognito endpoint on 127.0.0.1 (default: the config\'s port, else a free one)' },
  stateDir: { kind: 'string', value: '<dir>', help: 'Where the pid file, the environment and cognito-local\'s data (in its cognito-local/) go (default ' + DEFAULT_STATE_DIR + '/)' },
  envOut: { kind: 'string', value: '<file>', help: 'Write the Postman environment here (default: environment.file of the config, else <state-dir>/' + ENVIRONMENT_FILE + ')' },
  demoApi: { kind: 'flag', help: 'Also start the demo API (for collections/*.postman_collection.json); its URL becomes baseUrl' },
  detach: { kind: 'flag', help: 'Run in the background; stop it with pm-cognito local stop' },
} satisfies OptionTable;

const STOP_OPTIONS = {
  stateDir: { kind: 'string', value: '<dir>', help: 'The state directory of the instance to stop (default ' + DEFAULT_STATE_DIR + '/)' },
} satisfies OptionTable;

const HELP = `Usage: pm-cognito local [options]
       pm-cognito local stop [--state-dir <dir>]

Starts a local Cognito (cognito-local behind a proxy that checks SECRET_HASH as AWS does) with the pools,
app clients, users and groups of a config file, on 127.0.0.1 only, and writes a Postman environment that
newman, pm-cognito run and the Postman app can use. Passwords in it are the config's own local values
(type secret); they are printed masked, as are your variables whose names look secret (password, token, key...).
It runs until Ctrl-C (exit 130) or pm-cognito local stop.
Each start begins afresh from the config: new pool ids, a new environment file.

Options:
${describeOptions(OPTIONS)}

Exit codes: 130 stopped with Ctrl-C, 143 with SIGTERM, 129 with SIGHUP; 1 it could not start, or cognito-local died;
2 bad usage or config, or cognito-local (aws-jwt-verify for --demo-api) not installed.
Keep the state directory out of git (add ${DEFAULT_STATE_DIR}/ to .gitignore). Guide: docs/local.md.

Example:
  pm-cognito local -c examples/local-cognito.yaml --demo-api
  npx newman run collections/demo.postman_collection.json -e ${DEFAULT_STATE_DIR}/${ENVIRONMENT_FILE}
`;

function readConfig(path: string): LocalConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const missing = (error as { code?: string }).code === 'ENOENT';
    throw new InputError('pm-cognito local: config file ' + path + (missing ? ' does not exist' : ' cannot be read') + ': pass --config <file>, or start from examples/local-cognito.yaml');
  }
  return parseLocalConfig(text, 'config file ' + path);
}

function summary(state: LocalState, variables: readonly LocalVariable[], cwd: string): string {
  const shown = (path: string): string => (relative(cwd, path).startsWith('..') ? path : relative(cwd, path));
  const pools = state.pools.map((p) => '  pool ' + p.name + ': ' + p.poolId + ', JWKS ' + p.jwksUrl + ' (issuer https://cognito-idp.us-east-1.amazonaws.com/' + p.poolId + ')');
  return [
    'pm-cognito local: Cognito on ' + state.endpoint + ' (SECRET_HASH checked as AWS does)',
    ...pools,
    'Postman environment: ' + shown(state.environmentFile),
    describeVariables(variables),
    'Run: npx newman run <collection> -e ' + shown(state.environmentFile) + '   (or pm-cognito run -e ...)',
  ].join('\n') + '\n';
}

/** The variables as written, read back (the detached parent prints what its child wrote). */
function writtenVariables(file: string): LocalVariable[] {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { values: Array<{ key: string; value: string; type?: string }> };
  return parsed.values.map((v) => ({ key: v.key, value: v.value, secret: v.type === 'secret' }));
}

function gitignoreAdvice(cwd: string, stateDir: string): string {
  const rel = relative(cwd, stateDir);
  if (rel.startsWith('..') || rel === '') return '';
  const ignore = existsSync(resolve(cwd, '.gitignore')) ? readFileSync(resolve(cwd, '.gitignore'), 'utf8') : '';
  const top = rel.split(/[\\/]/)[0]!;
  return ignore.split(/\r?\n/).some((line) => line.replace(/^\/|\/$/g, '') === top) ? '' : 'Tip: add ' + top + '/ to .gitignore (it holds the environment with the local passwords).\n';
}

/** Loaded when used: it needs cognito-local (and, for --demo-api, aws-jwt-verify), which a project may not have installed. */
async function loadStartLocal(): Promise<typeof import('../local/start-local').startLocal> {
  try {
    return (await import('../local/start-local.js')).startLocal;
  } catch (error) {
    if ((error as { code?: string }).code !== 'MODULE_NOT_FOUND') throw error;
    throw new InputError('pm-cognito local: ' + (error as Error).message.split('\n')[0] + ': run npm i -D ' + LOCAL_PACKAGES.cognitoLocal + ' ' + LOCAL_PACKAGES.awsJwtVerify + ', then try again');
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Sends the child the signal the parent got (a crash as SIGINT) and waits for it to stop its servers and exit. */
async function forwardInterruption(pid: number | undefined, reason: Interruption, io: CliIo): Promise<number> {
  if (pid !== undefined && isAlive(pid)) {
    process.kill(pid, reason === 'crash' ? 'SIGINT' : reason);
    const deadline = Date.now() + STOP_WAIT_MS;
    while (isAlive(pid) && Date.now() < deadline) await sleep(50);
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  }
  io.err('pm-cognito local: stopped (' + reason + ') before the background instance was ready; it was stopped too\n');
  return interruptionExit(reason);
}

/** Starts this same command in the background and returns once it has written its state. */
async function detach(argv: readonly string[], io: CliIo, stateDir: string): Promise<number> {
  const log = openSync(resolve(stateDir, LOG_FILE), 'w');
  const args = [...process.execArgv, process.argv[1] ?? '', 'local', ...argv.filter((a) => a !== '--detach')];
  // Listening before the spawn: the child is in a process group of its own, so a Ctrl-C here reaches only this process.
  const interruptions = io.interruptions();
  let interrupted: Interruption | undefined;
  void interruptions.promise.then((reason) => { interrupted = reason; });
  try {
    const child = spawn(process.execPath, args, { cwd: io.cwd, env: io.env, detached: true, stdio: ['ignore', log, log] });
    closeSync(log);
    child.unref();
    const deadline = Date.now() + DETACH_READY_MS;
    for (;;) {
      if (interrupted !== undefined) return await forwardInterruption(child.pid, interrupted, io);
      const state = readState(stateDir);
      if (state !== undefined && state.pid === child.pid) {
        io.out(summary(state, writtenVariables(state.environmentFile), io.cwd));
        io.out('Running in the background (pid ' + state.pid + ', log ' + resolve(stateDir, LOG_FILE) + '): stop it with pm-cognito local stop' + (basename(stateDir) === DEFAULT_STATE_DIR ? '' : ' --state-dir ' + stateDir) + '\n');
        return EXIT.ok;
      }
      if (child.pid === undefined || !isAlive(child.pid) || Date.now() > deadline) {
        if (child.pid !== undefined && isAlive(child.pid)) process.kill(child.pid, 'SIGINT');
        const tail = existsSync(resolve(stateDir, LOG_FILE)) ? readFileSync(resolve(stateDir, LOG_FILE), 'utf8').slice(-2000) : '';
        io.err('pm-cognito local: the background instance did not start' + (tail ? ':\n' + tail : '') + '\n');
        return EXIT.failed;
      }
      await sleep(100);
    }
  } finally {
    interruptions.stop();
  }
}

async function stop(argv: readonly string[], io: CliIo): Promise<number> {
  const { options, positionals, help } = parseArgs('local stop', argv, STOP_OPTIONS);
  if (help) return printed(io, HELP);
  if (positionals.length > 0) throw new UsageError('pm-cognito local stop: unexpected argument "' + positionals[0] + '": name the instance with --state-dir <dir>');
  const stateDir = resolve(io.cwd, options.stateDir ?? DEFAULT_STATE_DIR);
  const outcome = await stopRunning(stateDir, STOP_WAIT_MS);
  if (outcome === 'none') {
    io.err('pm-cognito local stop: nothing is running from ' + stateDir + ' (no live pid file): check --state-dir\n');
    return EXIT.failed;
  }
  if (outcome === 'unsure') {
    io.err('pm-cognito local stop: pid ' + readPid(stateDir) + ' in ' + stateDir + ' runs, but it cannot be confirmed to be that instance (its start time cannot be read), so it is not signalled: stop it yourself, then remove ' + PID_FILE + ' there\n');
    return EXIT.failed;
  }
  if (outcome === 'timeout') {
    io.err('pm-cognito local stop: the instance in ' + stateDir + ' did not stop within ' + STOP_WAIT_MS / 1000 + ' s: see ' + LOG_FILE + ' there\n');
    return EXIT.failed;
  }
  io.err('pm-cognito local: stopped the instance in ' + stateDir + '\n');
  return EXIT.ok;
}

/** --port as given: 0 to 65535, else exit 2 naming it. */
function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65_535) {
    throw new UsageError('pm-cognito local: --port "' + value + '" is not a port: give a port from 1 to 65535 (or 0 for a free one)');
  }
  return Number(value);
}

interface ForegroundStart {
  config: LocalConfig;
  stateDir: string;
  environmentFile: string;
  demoApi: boolean;
  port: number | undefined;
}

/** Starts, prints, and runs until a signal or until cognito-local dies; a signal during the start stops what was started. */
async function runInForeground(start: ForegroundStart, io: CliIo): Promise<number> {
  const startLocal = await loadStartLocal();
  // Listening before the start: a signal while pools are being made aborts the start, which stops what it started.
  const interruptions = io.interruptions();
  const aborter = new AbortController();
  void interruptions.promise.then((reason) => aborter.abort(reason));
  try {
    const running = await startLocal(start.config, {
      stateDir: start.stateDir, environmentFile: start.environmentFile, demoApi: start.demoApi, pid: process.pid, signal: aborter.signal,
      ...(start.port !== undefined ? { port: start.port } : {}),
    }).catch((error: unknown) => {
      if (error instanceof LocalStartError || error instanceof LocalStartAborted) return error;
      throw error;
    });
    if (running instanceof LocalStartAborted) {
      const reason = running.reason as Interruption;
      io.err('pm-cognito local: stopped (' + reason + ') before it was ready; nothing it started is left running\n');
      return interruptionExit(reason);
    }
    if (running instanceof LocalStartError) {
      io.err('pm-cognito local: could not start: ' + running.message + '\n');
      return EXIT.failed;
    }
    const state = readState(start.stateDir);
    if (state !== undefined) io.out(summary(state, running.variables, io.cwd));
    io.out(gitignoreAdvice(io.cwd, start.stateDir) + 'pm-cognito local: ready. Ctrl-C stops it (or pm-cognito local stop from another terminal).\n');
    const ended = await Promise.race([
      interruptions.promise.then((reason) => ({ reason, died: undefined })),
      running.cognito.died.then((died) => ({ reason: undefined, died })),
    ]);
    await running.stop();
    if (ended.died !== undefined) {
      io.err('pm-cognito local: ' + ended.died + '\npm-cognito local: stopped, because cognito-local is gone (its proxy would only answer 502); start it again. Set PM_COGNITO_DEBUG_LOCAL=1 to see cognito-local\'s output as it runs.\n');
      return EXIT.failed;
    }
    io.err('pm-cognito local: stopped (' + ended.reason + ')\n');
    return interruptionExit(ended.reason!);
  } finally {
    interruptions.stop();
  }
}

export async function localCommand(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv[0] === 'stop') return stop(argv.slice(1), io);
  const { options, positionals, help } = parseArgs('local', argv, OPTIONS);
  if (help) return printed(io, HELP);
  if (positionals.length > 0) throw new UsageError('pm-cognito local: unexpected argument "' + positionals[0] + '": name the config with --config <file> (or use pm-cognito local stop)');
  const port = parsePort(options.port);
  // Before anything is read or started: an installed pm-cognito lacks its devDependencies.
  const missing = missingLocalPackages(options.demoApi === true);
  if (missing !== undefined) throw new InputError(missing);
  const configPath = resolve(io.cwd, options.config ?? DEFAULT_CONFIG);
  const config = readConfig(configPath);
  const stateDir = resolve(io.cwd, options.stateDir ?? DEFAULT_STATE_DIR);
  const already = runningPid(stateDir);
  if (already !== undefined) {
    io.err('pm-cognito local: already running from ' + stateDir + ' (pid ' + already + '): stop it with pm-cognito local stop, or use another --state-dir\n');
    return EXIT.failed;
  }
  const environmentFile = options.envOut !== undefined ? resolve(io.cwd, options.envOut)
    : config.environment.file !== undefined ? resolve(dirname(configPath), config.environment.file) : resolve(stateDir, ENVIRONMENT_FILE);
  if (options.detach) {
    mkdirSync(stateDir, { recursive: true });
    return detach(argv, io, stateDir);
  }
  return runInForeground({ config, stateDir, environmentFile, demoApi: options.demoApi === true, port }, io);
}
