// What the default installed script carries in place of the identity-pool part: a fast path that declines, and one clear refusal.
//
// The build (src/tools/sandbox-bundle.ts, `identityPool: false`) puts this module where aws-credentials.ts and
// fast-path-credentials.ts would go, so the default script leaves out identity-pool code that most collections never
// run; `pm-cognito install --identity-pool` installs the script with it, and `pm-cognito run` serves it in full.

import { SettingsError } from '../core/errors';
import { referencedIamIdentities } from '../core/identity-pool/variables';
import type * as AwsCredentials from './aws-credentials';
import type * as FastPathCredentials from './fast-path-credentials';

/** The command a refused request names (also in docs/identity-pools.md and docs/bad-inputs.md). */
export const IDENTITY_POOL_INSTALL = 'npx pm-cognito install --identity-pool <collection>';

/** The fast path never fills cognito_iam_* here: it declines, and the full code refuses. */
export const credentialOutputs: typeof FastPathCredentials.credentialOutputs = () => undefined;

/** A request that names cognito_iam_* variables fails with the install line that brings identity pools in. */
export const provideAwsCredentials: typeof AwsCredentials.provideAwsCredentials = async (requestText) => {
  const identities = referencedIamIdentities(requestText);
  if (identities.length === 0) return false;
  throw new SettingsError({
    identity: identities[0]!,
    text: 'this request names cognito_iam_* variables (AWS credentials from a Cognito identity pool), which this installed script leaves out: install the script with identity pools: ' + IDENTITY_POOL_INSTALL,
  });
};
