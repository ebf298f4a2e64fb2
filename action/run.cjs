// The action's run step: turns the INPUT_* variables into a pm-cognito command line and environment, runs it, reports the JUnit path.
'use strict';

const { spawn } = require('node:child_process');
const { appendFileSync, existsSync, rmSync } = require('node:fs');
const { join, resolve } = require('node:path');

function fail(message) {
  process.stderr.write('::error::pm-cognito action: ' + message + '\n');
  process.exit(2);
}

/** Values of a list input: one per line or separated by spaces (group names, which hold no spaces). */
function list(value) {
  return (value || '').split(/\s+/).filter((v) => v !== '');
}

/** Paths of a path input: one per line, spaces kept (v3 collection directories are named after the collection); # starts a comment line. */
function lines(value) {
  return (value || '').split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
}

/**
 * Collection paths, one per line. A line that is no path but whose space-separated words all are is the older
 * one-line form (`a.json b.json`) and still works.
 */
function collectionPaths(value, cwd) {
  return lines(value).flatMap((line) => {
    const words = line.split(/\s+/);
    const exists = (path) => existsSync(resolve(cwd, path));
    return words.length > 1 && !exists(line) && words.every(exists) ? words : [line];
  });
}

/**
 * `COGNITO_...=value` lines of the input `inputName`; only COGNITO_* names, so an input cannot set NODE_OPTIONS, PATH
 * or AWS credentials. `mask`: the values are secrets (masked in the log).
 */
function cognitoLines(text, inputName, mask) {
  const env = {};
  (text || '').split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '' || line.trim().startsWith('#')) return;
    const eq = line.indexOf('=');
    const name = eq === -1 ? line.trim() : line.slice(0, eq).trim();
    if (!/^COGNITO_[A-Z0-9_]+$/.test(name)) {
      // Nothing of the line is shown: it may be a secret pasted without its name.
      fail(inputName + ' line ' + (index + 1) + ' does not start with a COGNITO_<SETTING>[__<IDENTITY>] name: write one COGNITO_NAME=' + (mask ? '${{ secrets.NAME }}' : '<value>') + ' per line (only COGNITO_* variables are passed on)');
    }
    if (eq === -1) fail(inputName + ' line ' + (index + 1) + ': ' + name + ' has no "=value": write ' + name + '=' + (mask ? '${{ secrets.YOUR_SECRET }}' : '<value>'));
    const value = line.slice(eq + 1);
    if (mask && value !== '') process.stdout.write('::add-mask::' + value + '\n');
    env[name] = value;
  });
  return env;
}

const input = (name) => process.env['INPUT_' + name] || '';
const cwd = resolve(input('WORKING_DIRECTORY') || '.');
const own = join(cwd, 'node_modules', 'pm-cognito', 'bin', 'pm-cognito.js');
const bin = existsSync(own) ? own : join(process.env.GITHUB_ACTION_PATH || join(__dirname, '..'), 'bin', 'pm-cognito.js');

/** The command and what only it takes: `run` your collections, or `portman` contract tests from an OpenAPI document. */
function commandArgs() {
  const command = (input('COMMAND').trim() || 'run').toLowerCase();
  const baseUrl = input('BASE_URL').trim();
  if (command === 'run') {
    if (input('SPEC').trim() !== '' || input('PORTMAN_CONFIG').trim() !== '') fail('spec and portman-config are inputs of command: portman; this step runs command: run');
    // `run` has no --base-url: the collections' {{baseUrl}} variable is set instead.
    return ['run', ...collectionPaths(input('COLLECTIONS'), cwd), ...(baseUrl !== '' ? ['--env-var', 'baseUrl=' + baseUrl] : [])];
  }
  if (command !== 'portman') fail('command is "' + command + '": write run (your collections) or portman (contract tests from an OpenAPI document)');
  if (input('SPEC').trim() === '') fail('command: portman needs spec: the path of your OpenAPI document (YAML or JSON)');
  if (lines(input('COLLECTIONS')).length > 0) fail('collections is an input of command: run; command: portman generates its collection from spec');
  if (input('SHARD').trim() !== '') fail('shard splits several collections across machines; command: portman runs one generated collection');
  const args = ['portman', '--spec', input('SPEC').trim()];
  if (input('PORTMAN_CONFIG').trim() !== '') args.push('--portman-config', input('PORTMAN_CONFIG').trim());
  if (baseUrl !== '') args.push('--base-url', baseUrl);
  return args;
}

const args = commandArgs();
if (input('ENVIRONMENT') !== '') args.push('--environment', input('ENVIRONMENT'));
const runner = input('RUNNER').trim();
if (!['', 'newman', 'postman'].includes(runner)) fail('runner is "' + runner + '": write newman or postman');
if (runner !== '') args.push('--runner', runner);
const ephemeral = input('EPHEMERAL_USER').trim().toLowerCase();
if (!['', 'true', 'false'].includes(ephemeral)) fail("ephemeral-user is \"" + ephemeral + "\": write 'true' or 'false'");
if (ephemeral === 'true') args.push('--ephemeral-user');
for (const group of list(input('EPHEMERAL_GROUPS'))) args.push('--ephemeral-group', group);
if (input('JUNIT') !== '') args.push('--junit', input('JUNIT'));
if (input('HTML') !== '') args.push('--html', input('HTML'));
if (input('SHARD') !== '') args.push('--shard', input('SHARD').trim());

// Only this run's report may be named in the step's output: one left by an earlier run (a self-hosted runner, a
// restored cache, an earlier step) is removed first, so a run that writes none reports none.
const junit = input('JUNIT') !== '' ? resolve(cwd, input('JUNIT')) : undefined;
if (junit !== undefined) rmSync(junit, { force: true });

// Settings first, then secrets over them: a name in both takes the secret.
const env = { ...process.env, ...cognitoLines(input('VARIABLES'), 'variables', false), ...cognitoLines(input('IDENTITIES'), 'identities', true) };
// The inputs were for this step; pm-cognito does not need to see them again (INPUT_IDENTITIES holds secrets).
for (const name of Object.keys(env)) if (name.startsWith('INPUT_')) delete env[name];

const child = spawn(process.execPath, [bin, ...args], { cwd, env, stdio: 'inherit' });
// A cancelled job sends SIGINT, then SIGTERM: pm-cognito deletes a throwaway user on either.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('close', (code, signal) => {
  if (process.env.GITHUB_OUTPUT && junit !== undefined) {
    appendFileSync(process.env.GITHUB_OUTPUT, 'junit=' + (existsSync(junit) ? junit : '') + '\n');
  }
  process.exit(code === null ? (signal === 'SIGINT' ? 130 : 143) : code);
});
