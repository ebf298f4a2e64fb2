// Refuses a Cognito endpoint that would carry the password somewhere it should not go: plain http off this machine, or a host that is not AWS Cognito.

import { SettingsError } from './errors';
import { SETTING_SPECS } from './setting-specs';

/** cognito-idp / cognito-identity in any AWS partition, FIPS, dualstack and VPC-endpoint forms. */
export const AWS_COGNITO_HOST = /^(?:[a-z0-9-]+\.)*cognito-(?:idp|identity)(?:-fips)?\.(?:dualstack\.)?[a-z0-9-]+\.(?:vpce\.)?(?:amazonaws\.com(?:\.cn)?|api\.aws)$/;
const LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/** The scheme and lower-case host of an http(s) URL (IPv6 in brackets); undefined when it is not one. */
const schemeAndHost = (url: string): { scheme: string; host: string } | undefined => {
  const match = /^(https?):\/\/(\[[0-9a-f:.]+\]|[^/:?#\s]+)/i.exec(url);
  return match ? { scheme: match[1]!.toLowerCase(), host: match[2]!.toLowerCase() } : undefined;
};

/** Whether `allow` (cognito_allow_endpoint: host names, comma- or space-separated) names `host`. */
const allowed = (host: string, allow: string | undefined): boolean => (allow ?? '').toLowerCase().split(/[\s,]+/).some((name) => name !== '' && (name === host || '[' + name + ']' === host));

/**
 * Why `endpoint` is refused, naming `variable` and how to allow it; undefined when it may be used. Loopback is always
 * allowed (cognito-local, test doubles); AWS Cognito hosts only over https; any other host only if the user names it.
 */
export const checkEndpoint = (endpoint: string, allow: string | undefined, variable: string, identity: string): SettingsError | undefined => {
  const parsed = schemeAndHost(endpoint);
  if (parsed === undefined || LOOPBACK_HOST.test(parsed.host) || allowed(parsed.host, allow)) return undefined;
  const problem = parsed.scheme === 'http' ? ': plain http to another machine would send the password in clear text. Use https, or '
    : !AWS_COGNITO_HOST.test(parsed.host) ? ', which is neither AWS Cognito nor this machine and would get the password: leave it empty to use the region, or '
    : undefined;
  if (problem !== undefined) {
    return new SettingsError({ identity, setting: variable, text: variable + ' is ' + endpoint + problem + 'if ' + parsed.host + ' is yours, name it in ' + SETTING_SPECS.allowEndpoint.variable });
  }
  return undefined;
};
