// The Node side's own error codes: input it cannot use, throwaway users, Portman. Core knows none of them.

import { PmCognitoError } from '../core/errors';

export type NodeErrorCode =
  | 'INPUT_INVALID'
  | 'USERS_CREDENTIALS'
  | 'USERS_ACCESS_DENIED'
  | 'USERS_NOT_FOUND'
  | 'USERS_FAILED'
  | 'PORTMAN_FAILED';

/** An error raised on the Node side; the CLI maps INPUT_INVALID to exit 2 and the rest to 1. */
export abstract class NodeError extends PmCognitoError<NodeErrorCode> {}
