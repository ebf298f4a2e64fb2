// Names the run-local variable that remembers a refused sign-in, so the script and the CLI's sign-in before the run share that memory.

import { hexEncode } from './bytes';
import type { Settings } from './settings';
import { sha256 } from './sha256';
import { cacheKey } from './cache-entry';

/**
 * Name of the variable remembering a refused sign-in with exactly these settings: a digest of the
 * identity and every secret it signs in with, so a corrected password gets a new name and is tried.
 * The value is the refusal's message (no secret); the name holds no secret either, only a digest.
 */
export const refusalMemoryName = (settings: Settings): string => {
  const material = [cacheKey(settings), settings.password, settings.newPassword ?? '', settings.clientSecret ?? '',
    settings.totpSecret ?? '', settings.awsAccessKeyId ?? '', settings.awsSecretAccessKey ?? ''].join('\n');
  return 'pm_cognito_refused_' + hexEncode(sha256(material)).slice(0, 32);
};
