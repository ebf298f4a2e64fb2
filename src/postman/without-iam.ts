// What the default installed script carries in place of what signs with AWS keys: a fast path that declines, and clear refusals.
//
// The build (src/tools/sandbox-bundle.ts, `withoutIam`) puts this module where aws-credentials.ts, fast-path-credentials.ts
// and core/sign-in/admin-signer.ts would go, so the default script leaves out the identity-pool code and the ADMIN_*
// flows' SigV4, which most collections never run; `pm-cognito install --iam` installs the script with them, and
// `pm-cognito run` serves them in full.

import { SettingsError } from '../core/errors';
import { referencedIamIdentities } from '../core/identity-pool/variables';
import { settingVariable } from '../core/setting-specs';
import type * as AdminSigner from '../core/sign-in/admin-signer';
import type * as AwsCredentials from './aws-credentials';
import type * as FastPathCredentials from './fast-path-credentials';

/** The command a refused request names, and the file to paste in the app (also in docs/identity-pools.md, docs/flows.md and docs/bad-inputs.md). */
export const IAM_INSTALL = 'npx pm-cognito install --iam <collection> (in the Postman app, paste dist/pm-cognito.iam.prerequest.js)';

/** The fast path never fills cognito_iam_* here: it declines, and the full code refuses. */
export const serveCredentials: typeof FastPathCredentials.serveCredentials = () => false;

/** A request that names cognito_iam_* variables fails with the install line that brings identity pools in. */
export const provideAwsCredentials: typeof AwsCredentials.provideAwsCredentials = async (requestText) => {
  const identities = referencedIamIdentities(requestText);
  if (identities.length === 0) return false;
  throw new SettingsError({
    identity: identities[0]!,
    text: 'this request names cognito_iam_* variables (identity pools), which this installed script leaves out: install the script with them: ' + IAM_INSTALL,
  });
};

/** An ADMIN_* flow fails before any call, naming its setting and the install line that brings AdminInitiateAuth's signing in. */
export const adminSigner: typeof AdminSigner.adminSigner = (_host, settings) => {
  const setting = settingVariable(settings, 'authFlow');
  throw new SettingsError({
    identity: settings.identity, setting, permanent: true,
    text: setting + ' is ' + settings.authFlow + ', which signs with AWS keys that this installed script leaves out: install the script with them: ' + IAM_INSTALL,
  });
};
