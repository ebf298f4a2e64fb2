// The two SRP steps: PASSWORD_VERIFIER issued for an SRP_A, and the password claim that answers it.

import { randomBytes } from 'node:crypto';
import { awsErrors } from './aws-errors';
import { checkSecretHash } from './client-rules';
import type { ClientRecord, JsonObject, UserRecord } from './records';
import { requiredParam } from './request-fields';
import { safeEqual } from './secret-hash';
import { continueSignIn } from './sign-in-result';
import { makeServerEphemeral, parseClientPublic, parseSrpTimestamp, passwordClaimSignature, sessionKey, type ServerEphemeral } from './srp-server';
import type { StrictUserPool } from './user-pool';

/** PASSWORD_VERIFIER for an SRP_A: the server's B, the salt and the SECRET_BLOCK that carries the exchange. */
export function srpChallenge(pool: StrictUserPool, client: ClientRecord, user: UserRecord, srpA: string): JsonObject {
  const A = parseClientPublic(srpA);
  if (A === undefined) throw awsErrors.badSrpA();
  let ephemeral: ServerEphemeral | undefined;
  while (ephemeral === undefined) ephemeral = makeServerEphemeral(user.srp.verifier, randomBytes(128));
  const secretBlock = randomBytes(768);
  const block = secretBlock.toString('base64');
  pool.srpExchanges.set(block, {
    username: user.username,
    clientId: client.clientId,
    A,
    ephemeral,
    verifier: user.srp.verifier,
    secretBlock,
    expiresAt: pool.settings.nowMs() + pool.sessionMs,
  });
  // AWS answers USER_SRP_AUTH without a Session (measured, ministack#1758): SECRET_BLOCK carries the state.
  return {
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeParameters: {
      SALT: user.srp.saltHex,
      SECRET_BLOCK: block,
      SRP_B: ephemeral.B.toString(16),
      USERNAME: user.username,
      USER_ID_FOR_SRP: user.username,
    },
  };
}

/** The PASSWORD_VERIFIER answer: the password claim signed with the SRP session key, checked against the exchange. */
export function verifySrp(pool: StrictUserPool, client: ClientRecord, answers: Record<string, string>): JsonObject {
  const username = requiredParam(answers, 'USERNAME');
  const block = requiredParam(answers, 'PASSWORD_CLAIM_SECRET_BLOCK');
  const claimSignature = requiredParam(answers, 'PASSWORD_CLAIM_SIGNATURE');
  const timestampText = requiredParam(answers, 'TIMESTAMP');
  checkSecretHash(client, username, answers['SECRET_HASH']);
  const timestamp = parseSrpTimestamp(timestampText);
  if (timestamp === undefined) throw awsErrors.badTimestampFormat();
  const exchange = pool.srpExchanges.get(block);
  // Measured on AWS (ministack#1758): a wrong SECRET_BLOCK, signature or TIMESTAMP all read "Incorrect username or password."
  if (exchange === undefined || exchange.clientId !== client.clientId || exchange.username !== username) {
    throw awsErrors.incorrectPassword();
  }
  pool.srpExchanges.delete(block);
  const now = pool.settings.nowMs();
  if (now >= exchange.expiresAt) throw awsErrors.incorrectPassword();
  // Assumed: a TIMESTAMP more than 5 minutes away from the server clock is refused like a bad proof.
  if (Math.abs(now - timestamp.ms) > 5 * 60 * 1000) throw awsErrors.incorrectPassword();
  // Measured on AWS (ministack#1758): a consistently signed "Sep 05" or wrong weekday still fails, so only
  // the canonical text is accepted, and the signature covers the text as sent.
  if (timestampText !== timestamp.canonical) throw awsErrors.incorrectPassword();
  const key = sessionKey(exchange.A, exchange.ephemeral, exchange.verifier);
  if (key === undefined) throw awsErrors.incorrectPassword();
  const expected = passwordClaimSignature(key, pool.poolName, exchange.username, exchange.secretBlock, timestampText);
  if (!safeEqual(claimSignature, expected)) throw awsErrors.incorrectPassword();
  const user = pool.users.get(exchange.username);
  if (user === undefined) throw awsErrors.userNotFound();
  return continueSignIn(pool, user, client, 'password');
}
