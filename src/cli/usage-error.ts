// A command line the CLI cannot run (unknown option, missing value, options that clash): exit code 2.

import { PmCognitoError } from '../core/errors';

export class UsageError extends PmCognitoError {
  constructor(message: string) {
    super('CLI_USAGE', message);
  }
}
