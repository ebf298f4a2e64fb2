// `pm-cognito portman`: contract tests generated from an OpenAPI document by Portman, then run like `pm-cognito run`.

import { requireOptional } from '../node/optional-dependency';
import { describeOptions, parseArgs, type OptionTable, printed } from './argv';
import type { CliIo } from './io';
import { checkRunArgs, executeRun, RUN_OPTIONS, runVariables, VARIABLES_HELP } from './run-command';
import { checkBaseUrl, collectionBaseUrl } from './base-url';
import { generateContractTests } from '../node/portman';
import { secretVariables } from '../node/run-variables';
import { UsageError } from './usage-error';

const PORTMAN_OPTIONS = {
  spec: { kind: 'string', short: 's', value: '<file>', help: 'OpenAPI document (YAML or JSON) to generate contract tests from (required)' },
  baseUrl: { kind: 'string', short: 'b', value: '<url>', help: 'API base URL: sets {{baseUrl}} (default: the environment\'s baseUrl, else the spec\'s first server)' },
  output: { kind: 'string', short: 'o', value: '<path>', help: 'Also keep the generated collection in this file' },
  portmanConfig: { kind: 'string', short: 'c', value: '<file>', help: 'Portman config instead of pm-cognito\'s portman/portman-config.json' },
  ...RUN_OPTIONS,
} satisfies OptionTable;

const HELP = `Usage: pm-cognito portman --spec <openapi file> [options]

Generates contract tests from an OpenAPI document with Portman (status, content type, JSON body and
schema checks for every operation; pm-cognito's sign-in script as the collection's pre-request
script; operations with \`security: []\` sent without a token), then runs them like pm-cognito run.
Portman only generates: it gets no secret (no PORTMAN_* variables, no --envFile) and never runs newman.

Options:
${describeOptions(PORTMAN_OPTIONS)}

${VARIABLES_HELP}

Exit codes: 0 every contract test passed; 1 a test, the sign-in or the generation failed; 2 bad usage.

Examples:
  COGNITO_PASSWORD=... pm-cognito portman --spec openapi.yaml -e env.json --junit reports/contract.xml
  pm-cognito portman --spec api.json --base-url https://api.example.com/v1 -e env.json --output reports/contract.postman_collection.json
`;

export async function portmanCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { options, positionals, help } = parseArgs('portman', argv, PORTMAN_OPTIONS);
  if (help) return printed(io, HELP);
  if (positionals.length > 0) throw new UsageError('pm-cognito portman: unexpected argument "' + positionals[0] + '": the OpenAPI document goes in --spec <file>');
  if (options.spec === undefined) throw new UsageError('pm-cognito portman: --spec <openapi file> is required: e.g. pm-cognito portman --spec openapi.yaml -e env.json');
  if (options.shard !== undefined) throw new UsageError('pm-cognito portman: --shard splits several suites across machines, and portman runs one generated collection: run it on one machine');
  checkRunArgs('portman', options, io);
  // Every optional package the command will need, before Portman writes anything.
  if (options.html !== undefined) requireOptional('htmlextra', 'pm-cognito portman --html');
  if (options.ephemeralUser) requireOptional('awsSdk', 'pm-cognito portman --ephemeral-user');
  const variables = runVariables(options, io);
  if (options.baseUrl !== undefined) variables.values['baseUrl'] = options.baseUrl;
  const givenBaseUrl = variables.values['baseUrl'];
  if (givenBaseUrl !== undefined && givenBaseUrl !== '') checkBaseUrl(givenBaseUrl, options.baseUrl !== undefined ? '--base-url' : 'baseUrl in the environment');

  const generated = await generateContractTests({
    spec: options.spec,
    config: options.portmanConfig,
    baseUrl: options.baseUrl,
    output: options.output,
    cwd: io.cwd,
    env: io.env,
    secrets: secretVariables(variables.values),
  });
  // Before any sign-in or request: a relative server would make every request fail with "Invalid URI".
  if (givenBaseUrl === undefined || givenBaseUrl === '') checkBaseUrl(collectionBaseUrl(generated.collection), 'the OpenAPI document\'s first server');
  if (generated.injectedScript) io.err('pm-cognito: the Portman config has no pm-cognito.prerequest.js in globals.collectionPreRequestScripts: added it\n');
  const info = generated.collection['info'];
  const name = typeof info === 'object' && info !== null && typeof (info as { name?: unknown }).name === 'string' ? (info as { name: string }).name : 'contract tests';
  io.out('pm-cognito: generated contract tests for ' + name + (generated.path !== undefined ? ' (kept in ' + generated.path + ')' : '') +
    (generated.anonymous.length > 0 ? '; sent without a token: ' + generated.anonymous.join(', ') : '') + '\n');
  return executeRun({ suites: [{ name, path: generated.path ?? options.spec, collection: generated.collection }], environmentName: variables.name, variables: variables.values }, options, io);
}
