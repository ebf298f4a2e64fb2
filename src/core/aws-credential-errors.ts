// AWS refusing the credentials that sign an Admin* call: only signed calls meet these, so the signer brings this reading (sign-in/admin-signer.ts).

import type { CognitoFault } from './cognito-errors';
import type { PmCognitoError } from './errors';
import { AwsCredentialsRefused } from './refusals';
import { settingVariable, type Settings } from './settings';

/** Error types that mean AWS refused the SigV4 credentials of an admin call, not the user. */
const AWS_CREDENTIAL_TYPES = /^(?:UnrecognizedClientException|InvalidSignatureException|SignatureDoesNotMatch|IncompleteSignature(?:Exception)?|MissingAuthenticationToken(?:Exception)?|ExpiredTokenException|InvalidClientTokenId)$/;

/** The refusal naming cognito_aws_*, or undefined when the fault is about something else (cognitoError reads it then). */
export function awsCredentialsRefused(fault: CognitoFault, settings: Settings, operation: string): PmCognitoError | undefined {
  const v = (key: Parameters<typeof settingVariable>[1]) => settingVariable(settings, key);
  const facts = { identity: settings.identity, cognitoType: fault.type, cognitoMessage: fault.message, setting: v('awsAccessKeyId') };
  if (AWS_CREDENTIAL_TYPES.test(fault.type)) {
    return new AwsCredentialsRefused('AWS refused the credentials signing ' + operation + ': check ' + v('awsAccessKeyId') + ', ' + v('awsSecretAccessKey') + ', ' + v('awsSessionToken') + ' (temporary ones expire) and this machine\'s clock', facts);
  }
  if (fault.type === 'AccessDeniedException') {
    return new AwsCredentialsRefused('the AWS credentials in ' + v('awsAccessKeyId') + ' may not call cognito-idp:' + operation + ': allow it in their IAM policy', facts);
  }
  return undefined;
}
