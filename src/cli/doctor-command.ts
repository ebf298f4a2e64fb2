// `pm-cognito doctor`: argv → DoctorOptions → runDoctor, the report printed as a checklist or JSON, the exit code from it.

import { describeOptions, parseArgs, printed, type OptionTable } from './argv';
import { EXIT, type CliIo } from './io';
import { VARIABLES_HELP } from './run-command';
import { parseEnvVar } from './env-var-option';
import { collectVariables, secretVariables } from '../node/run-variables';
import { UsageError } from './usage-error';
import { IDENTITY_NAME } from '../core/identity-name';
import { isHttpUrl } from '../core/setting-specs';
import { doctorIdentities, runDoctor } from '../node/doctor/doctor';
import { isIpv4 } from '../node/doctor/ip-range';
import { redact, renderJson, renderText } from '../node/doctor/render';

const DOCTOR_OPTIONS = {
  environment: { kind: 'string', short: 'e', value: '<file>', help: 'Postman environment export with the cognito_* settings' },
  envVar: { kind: 'strings', value: '<key=value>', help: 'Set a variable in memory, over the file and COGNITO_* variables' },
  identity: { kind: 'strings', short: 'i', value: '<name>', help: 'Check only this identity ("default" for the default one); default: every identity' },
  url: { kind: 'strings', value: '<api url>', help: 'Send one request to this URL with each identity\'s token, as the collection would' },
  method: { kind: 'string', value: 'GET|HEAD', help: 'Method of the --url requests (default GET)' },
  allowAnyMethod: { kind: 'flag', help: 'Let --method be another method than GET or HEAD (sent without a body: it may change data on the API)' },
  profile: { kind: 'string', value: '<name>', help: 'AWS profile for the read-only Cognito calls (default: the default credential chain)' },
  runnerIp: { kind: 'string', value: '<ipv4>', help: 'This runner\'s public address, looked up in threat protection\'s SkippedIPRangeList' },
  json: { kind: 'flag', help: 'Print the findings as JSON' },
} satisfies OptionTable;

const HELP = `Usage: pm-cognito doctor -e <env.json> [options]

Checks the whole setup before the first test runs: every identity's settings, then (with AWS
credentials) the user pool, app client, user, threat protection and identity pool they name, then
one real sign-in, what the tokens say, one refresh, and each --url. Every problem comes with its fix:
the setting to change or the aws command to run. Nothing secret is printed; AWS is only read.

Options:
${describeOptions(DOCTOR_OPTIONS)}

${VARIABLES_HELP}

AWS permissions for the reads: cognito-idp:DescribeUserPool, DescribeUserPoolClient, AdminGetUser,
DescribeRiskConfiguration (only when threat protection is ENFORCED); cognito-identity:DescribeIdentityPool,
GetIdentityPoolRoles (with the optional @aws-sdk/client-cognito-identity). Without
credentials those checks are skipped (and say so); the rest still run.

Exit codes: 0 nothing is wrong (warnings allowed); 1 something is; 2 bad usage.

Examples:
  COGNITO_PASSWORD=... pm-cognito doctor -e environments/dev.postman_environment.json
  pm-cognito doctor -e env.json -i admin --url https://api.example.com/pets --profile dev
  pm-cognito doctor -e env.json --json > doctor.json
`;

export async function doctorCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { options, positionals, help } = parseArgs('doctor', argv, DOCTOR_OPTIONS);
  if (help) return printed(io, HELP);
  if (positionals.length > 0) throw new UsageError('pm-cognito doctor: unexpected argument "' + positionals[0] + '": settings come from -e, COGNITO_* variables and --env-var');
  const method = (options.method ?? 'GET').toUpperCase();
  if (!/^[A-Z]{1,20}$/.test(method)) throw new UsageError('pm-cognito doctor: --method is "' + options.method + '": give an HTTP method such as GET or HEAD');
  if (method !== 'GET' && method !== 'HEAD' && options.allowAnyMethod !== true) {
    throw new UsageError('pm-cognito doctor: --method is "' + options.method + '": give GET or HEAD (the doctor changes nothing on the API), or add --allow-any-method to send ' + method + ' anyway');
  }
  for (const url of options.url) if (!isHttpUrl(url.replace(/\?.*$/, ''))) throw new UsageError('pm-cognito doctor: --url needs an http(s) URL, e.g. --url https://api.example.com/pets');
  if (options.runnerIp !== undefined && !isIpv4(options.runnerIp)) throw new UsageError('pm-cognito doctor: --runner-ip is "' + options.runnerIp + '": give an IPv4 address, e.g. 203.0.113.7');
  // The same reader as run and token: the file, then COGNITO_* process variables, then --env-var.
  const variables = collectVariables({ environmentFile: options.environment, processEnv: io.env, envVars: options.envVar.map(parseEnvVar) });
  const configured = doctorIdentities(variables.values);
  const identities = options.identity.map((name) => (name === 'default' ? '' : name));
  for (const name of identities) {
    if (name !== '' && !IDENTITY_NAME.test(name)) throw new UsageError('pm-cognito doctor: --identity "' + name + '" is not an identity name: use letters, digits, "_", "-" or "."');
    if (!configured.includes(name)) {
      throw new UsageError('pm-cognito doctor: identity "' + (name || 'default') + '" is not configured: the environment configures ' + configured.map((n) => n || 'default').join(', '));
    }
  }
  const report = await runDoctor({ variables: variables.values, identities, urls: options.url, method, profile: options.profile, env: io.env, runnerIp: options.runnerIp });
  // A safety net under the checks' own care: no secret setting's value leaves in the report, whatever a message quoted.
  io.out(redact(options.json ? renderJson(report) : renderText(report), secretVariables(variables.values).map((v) => v.value)));
  return report.passed ? EXIT.ok : EXIT.failed;
}
