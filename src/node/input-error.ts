// Input the Node side cannot use (a missing file, a collection of the wrong shape, a malformed value): the CLI shows it as bad usage.

import { PmCognitoError } from '../core/errors';

export class InputError extends PmCognitoError {
  constructor(message: string) {
    super('INPUT_INVALID', message);
  }
}
