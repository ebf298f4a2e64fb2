// Creates and deletes throwaway Cognito users for CI with the AWS SDK and its default credential chain.

import type { AttributeType, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { cognitoSdk, sendWithin, TIMED_OUT } from './aws-sdk';
import { policyProblems, randomPassword, randomUsername, type PasswordPolicy } from './random-password';
import { NodeError } from './node-errors';
import { POOL_ID } from '../core/setting-specs';
import { InputError } from './input-error';

/** Which pool, and how to reach it. */
export interface PoolTarget {
  userPoolId: string;
  /** Default: the pool id's region, else AWS_REGION. */
  region?: string | undefined;
  /** Cognito endpoint instead of AWS's (cognito-local, VPC endpoints). */
  endpoint?: string | undefined;
  /** Time limit of each AWS call in ms; default USERS_CALL_TIMEOUT_MS. */
  callTimeoutMs?: number | undefined;
}

export interface CreateTestUserOptions {
  /** Default 'pm-cognito-ci-'. */
  usernamePrefix?: string | undefined;
  /** Groups to add the user to (they must exist). */
  groups?: readonly string[];
}

export interface TestUser {
  username: string;
  /** Kept in memory only; written solely to the sinks the user asks for. */
  password: string;
  userPoolId: string;
  groups: string[];
}

/** A failed administrative call, with what to do about it; never contains the password. */
export class TestUserError extends NodeError {
  constructor(code: 'USERS_CREDENTIALS' | 'USERS_ACCESS_DENIED' | 'USERS_NOT_FOUND' | 'USERS_FAILED', message: string) {
    super(code, message);
  }
}

export const DEFAULT_USERNAME_PREFIX = 'pm-cognito-ci-';
const ACTIONS = 'cognito-idp:DescribeUserPool, AdminCreateUser, AdminSetUserPassword, AdminAddUserToGroup and AdminDeleteUser';

/**
 * The pool's region: given, else from the pool id, else AWS_REGION. `howToSet` is the caller's own
 * way to give it (the CLI names an option the command really has; it resolves the region before calling here).
 */
export function resolveRegion(target: PoolTarget, env: NodeJS.ProcessEnv = process.env, command = 'users', howToSet = 'give the region'): string {
  const region = target.region ?? POOL_ID.exec(target.userPoolId)?.[1] ?? env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'];
  if (region === undefined || region === '') {
    throw new InputError('pm-cognito ' + command + ': the region of user pool ' + target.userPoolId + ' is unknown: ' + howToSet + ', or use a user pool id like eu-west-1_AbCdEf123, or set AWS_REGION');
  }
  return region;
}

/** Each AWS call of `users` and of throwaway users, from the request to the last byte of the answer (retries included). */
export const USERS_CALL_TIMEOUT_MS = 30_000;

async function client(target: PoolTarget): Promise<{ sdk: Pick<CognitoIdentityProviderClient, 'send' | 'destroy'>; commands: Awaited<ReturnType<typeof cognitoSdk>> }> {
  const region = resolveRegion(target);
  const commands = await cognitoSdk();
  const sdk = new commands.CognitoIdentityProviderClient(target.endpoint !== undefined ? { region, endpoint: target.endpoint } : { region });
  // The SDK's requestTimeout stops at the headers: sendWithin bounds an answer that drips too.
  const send = ((command: unknown) => sendWithin(sdk, command, target.callTimeoutMs ?? USERS_CALL_TIMEOUT_MS)) as CognitoIdentityProviderClient['send'];
  return { sdk: { send, destroy: () => sdk.destroy() }, commands };
}

/** Turns an SDK error into one that says what to do (the SDK's messages never contain our password). */
function explain(error: unknown, action: string, target: PoolTarget): TestUserError {
  const name = (error as { name?: unknown }).name;
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(message)) {
    return new TestUserError('USERS_CREDENTIALS', 'pm-cognito users: no AWS credentials found to ' + action + ': configure them (aws configure / AWS_PROFILE locally; aws-actions/configure-aws-credentials in GitHub Actions)');
  }
  if (name === 'AccessDeniedException' || name === 'NotAuthorizedException' || name === 'UnrecognizedClientException' || name === 'ExpiredTokenException' || name === 'InvalidSignatureException') {
    return new TestUserError('USERS_ACCESS_DENIED', 'pm-cognito users: AWS refused to ' + action + ' (' + String(name) + ': ' + message + '): the credentials need ' + ACTIONS + ' on ' + target.userPoolId);
  }
  if (name === 'ResourceNotFoundException') {
    return new TestUserError('USERS_NOT_FOUND', 'pm-cognito users: could not ' + action + ': ' + message + ': check the user pool id (' + target.userPoolId + '), the region and any group names');
  }
  if (name === TIMED_OUT) {
    return new TestUserError('USERS_FAILED', 'pm-cognito users: AWS gave no whole answer within ' + (target.callTimeoutMs ?? USERS_CALL_TIMEOUT_MS) + ' ms to ' + action + ': check the network, the region and the endpoint; a retry may help');
  }
  if (name === 'UserNotFoundException') {
    return new TestUserError('USERS_NOT_FOUND', 'pm-cognito users: could not ' + action + ': the user does not exist in ' + target.userPoolId);
  }
  return new TestUserError('USERS_FAILED', 'pm-cognito users: could not ' + action + ' (' + String(name ?? 'Error') + ': ' + message + ')');
}

/**
 * DescribeUserPool for the password policy and username attributes, then AdminCreateUser (no
 * message sent), AdminSetUserPassword (permanent) and AdminAddUserToGroup. If a step after the
 * creation fails, the half-made user is deleted again.
 */
export async function createTestUser(target: PoolTarget, options: CreateTestUserOptions = {}): Promise<TestUser> {
  const { sdk, commands } = await client(target);
  const { AdminAddUserToGroupCommand, AdminCreateUserCommand, AdminDeleteUserCommand, AdminSetUserPasswordCommand, DescribeUserPoolCommand } = commands;
  try {
    let policy: PasswordPolicy;
    let usernameAttributes: string[];
    try {
      const described = await sdk.send(new DescribeUserPoolCommand({ UserPoolId: target.userPoolId }));
      policy = described.UserPool?.Policies?.PasswordPolicy ?? {};
      usernameAttributes = described.UserPool?.UsernameAttributes ?? [];
    } catch (error) {
      throw explain(error, 'read the user pool', target);
    }
    const prefix = options.usernamePrefix ?? DEFAULT_USERNAME_PREFIX;
    let username = randomUsername(prefix);
    const attributes: AttributeType[] = [];
    if (usernameAttributes.includes('email')) {
      // Pools whose usernames are e-mail addresses: a reserved domain, so no mail can ever be delivered.
      username += '@example.com';
      attributes.push({ Name: 'email', Value: username }, { Name: 'email_verified', Value: 'true' });
    } else if (usernameAttributes.includes('phone_number')) {
      throw new TestUserError('USERS_FAILED', 'pm-cognito users: pool ' + target.userPoolId + ' uses phone numbers as usernames, which throwaway users do not support: use a pool with plain or e-mail usernames for CI');
    }
    const password = randomPassword(policy);
    if (policyProblems(password, policy).length > 0) {
      throw new TestUserError('USERS_FAILED', 'pm-cognito users: could not make a password for the pool\'s policy (' + policyProblems(password, policy).join(', ') + '): please report this');
    }
    try {
      await sdk.send(new AdminCreateUserCommand({
        UserPoolId: target.userPoolId,
        Username: username,
        // A different throwaway value: pools with password history would refuse the same one as the permanent password.
        TemporaryPassword: randomPassword(policy),
        MessageAction: 'SUPPRESS',
        UserAttributes: attributes,
      }));
    } catch (error) {
      throw explain(error, 'create the user', target);
    }
    const groups = [...(options.groups ?? [])];
    try {
      await sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: target.userPoolId, Username: username, Password: password, Permanent: true }));
      for (const group of groups) {
        await sdk.send(new AdminAddUserToGroupCommand({ UserPoolId: target.userPoolId, Username: username, GroupName: group }));
      }
    } catch (error) {
      await sdk.send(new AdminDeleteUserCommand({ UserPoolId: target.userPoolId, Username: username })).catch(() => undefined);
      throw explain(error, 'set up the user ' + username + ' (it was deleted again)', target);
    }
    return { username, password, userPoolId: target.userPoolId, groups };
  } finally {
    sdk.destroy();
  }
}

/** AdminDeleteUser. Resolves 'absent' when the user does not exist. */
export async function deleteTestUser(target: PoolTarget, username: string): Promise<'deleted' | 'absent'> {
  const { sdk, commands } = await client(target);
  try {
    await sdk.send(new commands.AdminDeleteUserCommand({ UserPoolId: target.userPoolId, Username: username }));
    return 'deleted';
  } catch (error) {
    if ((error as { name?: unknown }).name === 'UserNotFoundException') return 'absent';
    throw explain(error, 'delete the user ' + username, target);
  } finally {
    sdk.destroy();
  }
}
