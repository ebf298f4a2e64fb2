// Proves the strict double checks every request against AWS's Smithy input shapes, sending bad inputs through AWS's own SDK (which does not validate).

import {
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  CognitoIdentityProviderClient,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStrictCognito, type StrictCognito } from '../support/strict-cognito';
import { refusal } from '../support/refusal';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

const TIMEOUT = 60_000;
const ADMIN_KEY = { accessKeyId: 'AKIAINPUTCHECKS00001', secretAccessKey: 'input/Checks+Secret/Key0000000000000000' };
const SECRET = 'inputsecret0123456789abcdefghijklmnopqrstuvwxyz0123';
const PW = 'Input-Passw0rd!';
const AUTH_FLOWS = 'USER_SRP_AUTH, REFRESH_TOKEN_AUTH, REFRESH_TOKEN, CUSTOM_AUTH, ADMIN_NO_SRP_AUTH, USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, USER_AUTH';
const notNull = (member: string) => `Value null at '${member}' failed to satisfy constraint: Member must not be null`;

let double: StrictCognito;
let sdk: CognitoIdentityProviderClient;
let admin: CognitoIdentityProviderClient;

beforeAll(async () => {
  double = await startStrictCognito({
    clients: [{ clientId: 'inputclient' }, { clientId: 'inputsecret', clientSecret: SECRET }],
    users: [{ username: 'alice', password: PW }],
    credentials: [ADMIN_KEY],
  });
  sdk = new CognitoIdentityProviderClient({ region: double.region, endpoint: double.endpoint, credentials: { accessKeyId: 'AKIDUNUSED', secretAccessKey: 'unused' }, maxAttempts: 1 });
  admin = new CognitoIdentityProviderClient({ region: double.region, endpoint: double.endpoint, credentials: ADMIN_KEY, maxAttempts: 1 });
}, TIMEOUT);

afterAll(async () => {
  sdk?.destroy();
  admin?.destroy();
  await double?.stop();
});

const invalid = (message: string) => ({ name: 'InvalidParameterException', message });
/** Casts a deliberately wrong value past the SDK's types: the SDK sends what it is given. */
const wrong = <T>(value: unknown): T => value as T;

describe('required members, per operation', () => {
  it('every operation the double serves names each missing required member, in the model\'s order', async () => {
    expect(await refusal(sdk.send(new InitiateAuthCommand(wrong({}))))).toEqual(
      invalid(`2 validation errors detected: ${notNull('authFlow')}; ${notNull('clientId')}`),
    );
    expect(await refusal(admin.send(new AdminInitiateAuthCommand(wrong({}))))).toEqual(
      invalid(`3 validation errors detected: ${notNull('userPoolId')}; ${notNull('clientId')}; ${notNull('authFlow')}`),
    );
    expect(await refusal(sdk.send(new RespondToAuthChallengeCommand(wrong({ ClientId: 'inputclient' }))))).toEqual(
      invalid(`1 validation error detected: ${notNull('challengeName')}`),
    );
    expect(await refusal(admin.send(new AdminRespondToAuthChallengeCommand(wrong({ ChallengeName: 'SMS_MFA' }))))).toEqual(
      invalid(`2 validation errors detected: ${notNull('userPoolId')}; ${notNull('clientId')}`),
    );
    expect(await refusal(sdk.send(new GetTokensFromRefreshTokenCommand(wrong({ ClientId: 'inputclient' }))))).toEqual(
      invalid(`1 validation error detected: ${notNull('refreshToken')}`),
    );
    // Refused before any handler ran: no call reached the sign-in logic as a 200 or another error type.
    expect(double.calls.map((c) => c.errorType)).toEqual(Array(5).fill('InvalidParameterException'));
  }, TIMEOUT);
});

describe('enum, length and pattern traits, in AWS\'s wording', () => {
  it('an AuthFlow outside AuthFlowType lists the model\'s values', async () => {
    expect(await refusal(sdk.send(new InitiateAuthCommand(wrong({ AuthFlow: 'MAGIC', ClientId: 'inputclient' }))))).toEqual(
      invalid(`1 validation error detected: Value 'MAGIC' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: [${AUTH_FLOWS}]`),
    );
  }, TIMEOUT);

  it('a ClientId too long or with a character AWS never issues; the (sensitive) value is not echoed', async () => {
    const long = 'a'.repeat(129);
    const tooLong = await refusal(sdk.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: long })));
    expect(tooLong).toEqual(
      invalid("1 validation error detected: Value at 'clientId' failed to satisfy constraint: Member must have length less than or equal to 128"),
    );
    const dashed = await refusal(sdk.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'input-client' })));
    expect(dashed).toEqual(
      invalid("1 validation error detected: Value at 'clientId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+]+"),
    );
  }, TIMEOUT);

  it('a UserPoolId (not sensitive) is quoted; several violations are reported together', async () => {
    const out = await refusal(
      admin.send(new AdminInitiateAuthCommand({ UserPoolId: 'nopool', ClientId: 'inputclient', AuthFlow: wrong('ADMIN_MAGIC') })),
    );
    expect(out).toEqual(
      invalid(
        "2 validation errors detected: Value 'nopool' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+; " +
          `Value 'ADMIN_MAGIC' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: [${AUTH_FLOWS}]`,
      ),
    );
  }, TIMEOUT);

  it('a Session shorter than 20 characters', async () => {
    const out = await refusal(sdk.send(new RespondToAuthChallengeCommand({ ClientId: 'inputclient', ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 'short' })));
    expect(out).toEqual(invalid("1 validation error detected: Value at 'session' failed to satisfy constraint: Member must have length greater than or equal to 20"));
  }, TIMEOUT);

  it('a malformed ClientSecret or refresh token is refused without echoing it', async () => {
    const badSecret = 'leaked/Secret=value';
    const out = await refusal(sdk.send(new GetTokensFromRefreshTokenCommand({ ClientId: 'inputsecret', RefreshToken: 'a.b.c.d.e', ClientSecret: badSecret })));
    expect(out).toEqual(
      invalid("1 validation error detected: Value at 'clientSecret' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+]+"),
    );
    const badToken = 'refresh token with spaces';
    const token = await refusal(sdk.send(new GetTokensFromRefreshTokenCommand({ ClientId: 'inputclient', RefreshToken: badToken })));
    expect(token.message).toBe("1 validation error detected: Value at 'refreshToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9-_=.]+");
  }, TIMEOUT);

  it('AuthParameters (a sensitive map) with an over-long value: the map is named, the password is not shown', async () => {
    const password = 'P' + 'x'.repeat(131_072);
    const out = await refusal(sdk.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'inputclient', AuthParameters: { USERNAME: 'alice', PASSWORD: password } })));
    expect(out).toEqual(
      invalid("1 validation error detected: Value at 'authParameters' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 131072]"),
    );
  }, TIMEOUT);

  it('a well-formed request still reaches the handler, which judges it (unknown client, then a real sign-in)', async () => {
    expect(await refusal(sdk.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'nosuchclient', AuthParameters: { USERNAME: 'alice', PASSWORD: PW } })))).toEqual({
      name: 'ResourceNotFoundException',
      message: 'User pool client nosuchclient does not exist.',
    });
    const ok = await sdk.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'inputclient', AuthParameters: { USERNAME: 'alice', PASSWORD: PW }, ClientMetadata: { source: 'test' } }));
    const claims = JSON.parse(Buffer.from(ok.AuthenticationResult!.AccessToken!.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(claims).toMatchObject({ token_use: 'access', client_id: 'inputclient', username: 'alice' });
  }, TIMEOUT);
});

describe('bodies that cannot be read into the shape: SerializationException', () => {
  it('a number where a string belongs, and a string where a map belongs (Coral\'s wordings)', async () => {
    expect(await refusal(sdk.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: wrong(5) })))).toEqual({
      name: 'SerializationException',
      message: 'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String',
    });
    expect(await refusal(sdk.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'inputclient', AuthParameters: wrong('USERNAME=alice') })))).toEqual({
      name: 'SerializationException',
      message: 'Expected map or null',
    });
  }, TIMEOUT);

  it('a member the model does not have (the SDK drops those, so it is sent by hand)', async () => {
    const res = await fetch(double.endpoint + '/', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
      body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'inputclient', AuthParameter: { USERNAME: 'alice', PASSWORD: PW } }),
      signal: AbortSignal.timeout(10_000),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ __type: 'SerializationException', message: 'Unknown member AuthParameter' });
  }, TIMEOUT);
});

describe('configuration AWS would never produce', () => {
  it('refuses at start an app client id or secret outside the model\'s pattern', async () => {
    await expect(startStrictCognito({ clients: [{ clientId: 'my-client' }], users: [] })).rejects.toThrow(
      'strict-cognito: clientId "my-client" does not satisfy AWS\'s ClientIdType: ',
    );
    await expect(startStrictCognito({ clients: [{ clientId: 'myclient', clientSecret: 'has-dashes' }], users: [] })).rejects.toThrow(
      "strict-cognito: the client secret of myclient does not satisfy AWS's ClientSecretType: Value at 'clientSecret' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+]+",
    );
  }, TIMEOUT);
});
