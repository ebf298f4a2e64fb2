// The optional packages the action's own copy of pm-cognito needs for these inputs (its install has newman only), as npm specs.
'use strict';

const { existsSync, readFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

/** Collection lines that are Postman v12 (v3) directories: they run through the Postman CLI. */
function hasV3Collection(collections, cwd) {
  return (collections || '').split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'))
    .some((line) => existsSync(join(resolve(cwd, line), '.resources', 'definition.yaml')));
}

/** `name@version` for each optional peer dependency the inputs in `env` need, versions from the action's package.json. */
function extrasFor(env, actionPath, cwd) {
  const peers = JSON.parse(readFileSync(join(actionPath, 'package.json'), 'utf8')).peerDependencies || {};
  const names = [];
  if ((env.INPUT_COMMAND || 'run') === 'portman') names.push('@apideck/portman', 'tslib');
  if ((env.INPUT_HTML || '') !== '') names.push('newman-reporter-htmlextra');
  if ((env.INPUT_EPHEMERAL_USER || 'false') === 'true') names.push('@aws-sdk/client-cognito-identity-provider');
  if ((env.INPUT_RUNNER || '') === 'postman' || hasV3Collection(env.INPUT_COLLECTIONS, cwd)) names.push('@postman/pm-bin-linux-x64');
  return names.map((name) => (peers[name] ? name + '@' + peers[name] : name));
}

module.exports = { extrasFor };

if (require.main === module) {
  const cwd = resolve(process.env.INPUT_WORKING_DIRECTORY || '.');
  process.stdout.write(extrasFor(process.env, resolve(__dirname, '..'), cwd).join(' ') + '\n');
}
