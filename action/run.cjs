// The action's run step: turns the INPUT_* variables into a pm-cognito command line and environment, runs it, reports the JUnit path.
'use strict';

const { spawn } = require('node:child_process');
const { appendFileSync, existsSync } = require('node:fs');
const { join, resolve } = require('node:path');

function fail(message) {
  process.stderr.write('::error::pm-cognito action: ' + message + '\n');
  process.exit(2);
}

/** Values of a list input: one per line or separated by spaces. */
function list(value) {
  return (value || '').split(/\s+/).filter((v) => v !== '');
}

/** `COGNITO_...=value` lines; only COGNITO_* names, so an input cannot set NODE_OPTIONS, PATH or AWS credentials. */
function identities(text) {
  const env = {};
  (text || '').split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '' || line.trim().startsWith('#')) return;
    const eq = line.indexOf('=');
    const name = eq === -1 ? line.trim() : line.slice(0, eq).trim();
    if (!/^COGNITO_[A-Z0-9_]+$/.test(name)) {
      // Nothing of the line is shown: it may be a secret pasted without its name.
      fail('identities line ' + (index + 1) + ' does not start with a COGNITO_<SETTING>[__<IDENTITY>] name: write one COGNITO_NAME=${{ secrets.NAME }} per line (only COGNITO_* variables are passed on)');
    }
    if (eq === -1) fail('identities line ' + (index + 1) + ': ' + name + ' has no "=value": write ' + name + '=${{ secrets.YOUR_SECRET }}');
    const value = line.slice(eq + 1);
    if (value !== '') process.stdout.write('::add-mask::' + value + '\n');
    env[name] = value;
  });
  return env;
}

const input = (name) => process.env['INPUT_' + name] || '';
const cwd = resolve(input('WORKING_DIRECTORY') || '.');
const own = join(cwd, 'node_modules', 'pm-cognito', 'bin', 'pm-cognito.js');
const bin = existsSync(own) ? own : join(process.env.GITHUB_ACTION_PATH || join(__dirname, '..'), 'bin', 'pm-cognito.js');

const args = ['run', ...list(input('COLLECTIONS'))];
if (input('ENVIRONMENT') !== '') args.push('--environment', input('ENVIRONMENT'));
const ephemeral = input('EPHEMERAL_USER').trim().toLowerCase();
if (!['', 'true', 'false'].includes(ephemeral)) fail("ephemeral-user is \"" + ephemeral + "\": write 'true' or 'false'");
if (ephemeral === 'true') args.push('--ephemeral-user');
for (const group of list(input('EPHEMERAL_GROUPS'))) args.push('--ephemeral-group', group);
if (input('JUNIT') !== '') args.push('--junit', input('JUNIT'));
if (input('HTML') !== '') args.push('--html', input('HTML'));
if (input('SHARD') !== '') args.push('--shard', input('SHARD').trim());

const env = { ...process.env, ...identities(input('IDENTITIES')) };
// The inputs were for this step; pm-cognito does not need to see them again (INPUT_IDENTITIES holds secrets).
for (const name of Object.keys(env)) if (name.startsWith('INPUT_')) delete env[name];

const child = spawn(process.execPath, [bin, ...args], { cwd, env, stdio: 'inherit' });
// A cancelled job sends SIGINT, then SIGTERM: pm-cognito deletes a throwaway user on either.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('close', (code, signal) => {
  if (process.env.GITHUB_OUTPUT && input('JUNIT') !== '') {
    const junit = resolve(cwd, input('JUNIT'));
    appendFileSync(process.env.GITHUB_OUTPUT, 'junit=' + (existsSync(junit) ? junit : '') + '\n');
  }
  process.exit(code === null ? (signal === 'SIGINT' ? 130 : 143) : code);
});
