// Every refusal the strict Cognito double sends, with AWS's error type and wording, so clients see what real Cognito would say.
//
// Sources for the wording are listed next to each factory. "seen" means the exact text appears in a public
// report of a real AWS response; "assumed" means no real response was found and the text is our best guess.

export class AwsServiceError extends Error {
  /** The `__type` of the JSON error body, e.g. `NotAuthorizedException`. */
  readonly type: string;
  readonly status: number;

  constructor(type: string, message: string, status = 400) {
    super(message);
    this.name = 'AwsServiceError';
    this.type = type;
    this.status = status;
  }
}

const err = (type: string, message: string, status = 400): AwsServiceError => new AwsServiceError(type, message, status);

export const awsErrors = {
  // ---- Cognito user-pool errors -------------------------------------------------------------------
  /** seen: amplify-js#9399 and many others. */
  incorrectPassword: () => err('NotAuthorizedException', 'Incorrect username or password.'),
  /** seen: aws-sdk-js v2/v3 issues ("User does not exist."). */
  userNotFound: () => err('UserNotFoundException', 'User does not exist.'),
  /** seen: amplify-js issues and AWS's troubleshooting pages ("User is disabled."). */
  userDisabled: () => err('NotAuthorizedException', 'User is disabled.'),
  /** seen: common in amplify-js issues. */
  userNotConfirmed: () => err('UserNotConfirmedException', 'User is not confirmed.'),
  /** seen: amplify-js issues ("Password reset required for the user"). */
  passwordResetRequired: () => err('PasswordResetRequiredException', 'Password reset required for the user'),
  /** assumed from AWS's ResourceNotFoundException pattern ("User pool client X does not exist." seen in amplify-js issues). */
  clientNotFound: (clientId: string) => err('ResourceNotFoundException', `User pool client ${clientId} does not exist.`),
  /** seen: "User pool us-east-1_x does not exist." in aws-sdk issues. */
  poolNotFound: (poolId: string) => err('ResourceNotFoundException', `User pool ${poolId} does not exist.`),
  /** seen: ArranJacques/laravel-aws-cognito-auth#26 (full JSON body). */
  badSecretHash: (clientId: string) => err('NotAuthorizedException', `Unable to verify secret hash for client ${clientId}`),
  /** seen: amplify-android#2504, amazon-cognito-identity-dart-2#249. */
  missingSecretHash: (clientId: string) =>
    err('NotAuthorizedException', `Client ${clientId} is configured with secret but SECRET_HASH was not received`),
  /** seen: AWS CLI output quoted in knowledge-center style answers and pm-cognito issue 10; stackd's emulator uses it for GetTokensFromRefreshToken. */
  missingSecretForSecret: (clientId: string) =>
    err('NotAuthorizedException', `Client ${clientId} is configured for secret but secret was not received`),
  /** seen: pmill/aws-cognito#23 (AdminInitiateAuth AuthParameters on a client without secret). */
  unexpectedSecretHash: (clientId: string) =>
    err('InvalidParameterException', `App client ${clientId} is not configured for secret but secret hash was received`),
  /** seen: amplify-js#5834, #10959. */
  invalidSession: () => err('NotAuthorizedException', 'Invalid session for the user.'),
  /** from the brief ("Invalid session for the user, session is expired."); no public report found: assumed. */
  expiredSession: () => err('NotAuthorizedException', 'Invalid session for the user, session is expired.'),
  /** seen: aws-sdk-cpp#1789 (full body and headers), aws-sdk-java-v2#1687. */
  invalidRefreshToken: () => err('NotAuthorizedException', 'Invalid Refresh Token.'),
  /** seen: aws-sdk-net#1936. */
  revokedRefreshToken: () => err('NotAuthorizedException', 'Refresh Token has been revoked'),
  /** assumed. */
  expiredRefreshToken: () => err('NotAuthorizedException', 'Refresh Token has expired'),
  /**
   * The type is AWS's (RefreshTokenReuseException in the API reference and the SDK); the message is assumed
   * (stackd's emulator uses this text).
   */
  refreshTokenReuse: () => err('RefreshTokenReuseException', 'Refresh token reuse detected'),
  /**
   * assumed: REFRESH_TOKEN_AUTH on a client that rotates refresh tokens (ALLOW_REFRESH_TOKEN_AUTH must be off there),
   * worded like the other "flow not enabled" refusals. No real answer was found in public reports.
   */
  refreshFlowDisabled: () => err('InvalidParameterException', 'REFRESH_TOKEN_AUTH flow not enabled for this client'),
  /** seen: brief and Cognito TOTP reports ("Invalid code received for user"). */
  codeMismatch: () => err('CodeMismatchException', 'Invalid code received for user'),
  /** seen (rule texts): AWS "Password does not conform to policy: Password not long enough" etc. */
  passwordPolicy: (rule: string) => err('InvalidPasswordException', `Password does not conform to policy: ${rule}`),
  /** seen: aws-sdk-js#1290, aws-sdk-android#1402 ("Invalid attributes given, name is missing"). */
  missingAttribute: (name: string) => err('InvalidParameterException', `Invalid attributes given, ${name} is missing`),
  /** seen: common AWS wording ("Missing required parameter USERNAME"). */
  missingParameter: (name: string) => err('InvalidParameterException', `Missing required parameter ${name}`),
  /** seen: AWS Coral validation wording, Cognito maps it to InvalidParameterException. */
  nullMember: (member: string) =>
    err('InvalidParameterException', `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`),
  notInEnum: (member: string, value: string, allowed: readonly string[]) =>
    err(
      'InvalidParameterException',
      `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`,
    ),
  /** seen: awsdocs/aws-doc-sdk-examples#5289, moto#4836 (an admin flow on InitiateAuth or the reverse). */
  initiateAuthMethodNotSupported: () => err('InvalidParameterException', 'Initiate Auth method not supported.'),
  /** seen: floci#3974 summary and user reports ("USER_PASSWORD_AUTH flow not enabled for this client"). */
  userPasswordFlowDisabled: () => err('InvalidParameterException', 'USER_PASSWORD_AUTH flow not enabled for this client'),
  /** seen: aws-samples/aws-serverless-workshops#277 ("USER_SRP_AUTH is not enabled for the client"); the final dot is assumed. */
  srpFlowDisabled: () => err('InvalidParameterException', 'USER_SRP_AUTH is not enabled for the client.'),
  /** assumed, worded like USER_PASSWORD_AUTH's: USER_AUTH on a client without ALLOW_USER_AUTH. */
  userAuthFlowDisabled: () => err('InvalidParameterException', 'USER_AUTH flow not enabled for this client'),
  /** assumed (StackOverflow memory): ADMIN_USER_PASSWORD_AUTH on a client without ALLOW_ADMIN_USER_PASSWORD_AUTH. */
  adminFlowDisabled: () => err('InvalidParameterException', 'Auth flow not enabled for this client'),
  /** seen: amazon-cognito-identity-js#683 (a TIMESTAMP that does not parse). */
  badTimestampFormat: () => err('InvalidParameterException', 'TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.'),
  /** assumed: an SRP_A that is zero mod N. */
  badSrpA: () => err('InvalidParameterException', 'Invalid SRP_A value.'),
  /** not AWS: the double cannot finish this challenge (it delivers no SMS or e-mail, runs no Lambda). */
  challengeNotSimulated: (name: string) =>
    err('InvalidParameterException', `The strict Cognito double issues ${name} but cannot complete it`),

  // ---- Request-level errors (AWS JSON protocol, SigV4) --------------------------------------------
  /** seen in spirit (Coral); the message text is assumed. */
  serialization: (detail: string) => err('SerializationException', detail),
  /** assumed message; the type is Coral's for an unknown X-Amz-Target. */
  unknownOperation: (target: string) => err('UnknownOperationException', `Unknown operation ${target}`),
  /** seen: aws-sdk-ios-samples#111 ("Request is missing Authentication Token", other JSON service). */
  missingAuthToken: () => err('MissingAuthenticationTokenException', 'Request is missing Authentication Token'),
  /** seen: the standard AWS text for an unknown access key id. */
  unrecognizedClient: () => err('UnrecognizedClientException', 'The security token included in the request is invalid.'),
  /** seen: aws-sdk-js#1985, laravel-aws-cognito-auth#18 (AdminInitiateAuth, full JSON body). */
  signatureMismatch: () =>
    err(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    ),
  /** seen: standard AWS wording for an X-Amz-Date too far in the past. */
  signatureExpired: (amzDate: string, earliest: string, now: string) =>
    err('InvalidSignatureException', `Signature expired: ${amzDate} is now earlier than ${earliest} (${now} - 5 min.)`),
  /** seen: standard AWS wording for an X-Amz-Date too far in the future. */
  signatureNotYetCurrent: (amzDate: string, latest: string, now: string) =>
    err('InvalidSignatureException', `Signature not yet current: ${amzDate} is still later than ${latest} (${now} + 5 min.)`),
  /** seen: standard AWS wording. */
  scopeDateMismatch: (scopeDate: string, amzDay: string, amzDate: string) =>
    err(
      'InvalidSignatureException',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDay}', from '${amzDate}'.`,
    ),
  /** seen: standard AWS wording. */
  scopeRegion: (region: string) => err('InvalidSignatureException', `Credential should be scoped to a valid region, not '${region}'. `),
  /** seen: standard AWS wording. */
  scopeService: (service: string) => err('InvalidSignatureException', `Credential should be scoped to correct service: '${service}'. `),
  /** seen: standard AWS wording. */
  scopeTerminator: (terminator: string) =>
    err('InvalidSignatureException', `Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'. `),
  /** seen: standard AWS wording. */
  hostNotSigned: () => err('InvalidSignatureException', "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."),
  /** seen: standard AWS wording. */
  missingDate: () =>
    err('IncompleteSignatureException', "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."),
  /** assumed wording for an Authorization header we cannot parse. */
  incompleteSignature: (detail: string) => err('IncompleteSignatureException', detail),
  internal: () => err('InternalErrorException', 'An internal error occurred in the strict Cognito double.', 500),
} as const;
