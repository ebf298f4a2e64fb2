// Input the Node side cannot use (a missing file, a collection of the wrong shape, a malformed value): the CLI shows it as bad usage.

import { NodeError } from './node-errors';

export class InputError extends NodeError {
  constructor(message: string) {
    super('INPUT_INVALID', message);
  }
}
