// The integration project's one cognito-local: started before any test file, handed to them through provide/inject, stopped at the end.

import type { TestProject } from 'vitest/node';
import { startSharedCognitoLocal, type SharedCognitoLocalHandle } from './support/shared-cognito-local';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Absent when PM_COGNITO_TEST_OWN_LOCAL=1: then every stack starts its own cognito-local, as before. */
    sharedCognitoLocal?: SharedCognitoLocalHandle;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  // To tell a failure caused by sharing from one that is not: run the same files with their own cognito-locals.
  if (process.env['PM_COGNITO_TEST_OWN_LOCAL'] === '1') return undefined;
  const shared = await startSharedCognitoLocal();
  project.provide('sharedCognitoLocal', { ...shared.handle });
  // Watch mode runs files again in the same cognito-local: give them unclaimed pools again.
  project.onTestsRerun(async () => {
    await shared.reset();
    project.provide('sharedCognitoLocal', { ...shared.handle });
  });
  return () => shared.stop();
}
