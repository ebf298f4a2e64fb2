// SigV4 for the Admin* operations, from the AWS credentials in the settings: the adapter between sigv4.ts and callCognito (with AWS's refusals of those credentials).

import { awsCredentialsRefused } from '../aws-credential-errors';
import type { CallOptions } from '../cognito-client';
import type { Settings } from '../settings';
import { signRequest } from '../sigv4';
import type { Host, HttpRequest } from '../transport';

export function adminSigner(host: Host, settings: Settings): CallOptions {
  const sign = (request: HttpRequest): HttpRequest => {
    const added = signRequest({
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: request.body,
      region: settings.region ?? '',
      service: 'cognito-idp',
      accessKeyId: settings.awsAccessKeyId ?? '',
      secretAccessKey: settings.awsSecretAccessKey ?? '',
      sessionToken: settings.awsSessionToken,
      nowMs: host.now(),
    });
    return { ...request, headers: { ...request.headers, ...added } };
  };
  return { sign, refused: (fault, operation) => awsCredentialsRefused(fault, settings, operation) };
}
