// Stacks and cognito-locals for integration tests: on the run's shared cognito-local when one was provided (test/shared-cognito-local-setup.ts), else their own.

import { inject } from 'vitest';
import { startCognitoLocal, type LocalCognito } from '../../src/local/cognito-local';
import { attachCognitoLocal } from './shared-cognito-local';
import { startLocalStack, type LocalStack, type StackOptions } from '../../src/local/stack';

export type { LocalStack };

function shared(): LocalCognito | undefined {
  const handle = inject('sharedCognitoLocal');
  return handle === undefined ? undefined : attachCognitoLocal(handle);
}

/** startLocalStack with its own pool in the shared cognito-local (no start, no restart); its stop() leaves that cognito-local running. */
export function startTestStack(options: StackOptions = {}): Promise<LocalStack> {
  const cognito = shared();
  return startLocalStack(cognito === undefined ? options : { ...options, cognito });
}

/** The shared cognito-local (setUpPool claims a pool in it; stop() does nothing) or, without one, a new one of this file's own. */
export async function testCognitoLocal(): Promise<LocalCognito> {
  return shared() ?? startCognitoLocal();
}
