// What a call that must be refused was refused with: one helper instead of a try/catch copied into each test file.

/** The rejection of a promise; the test fails when the promise resolves instead. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal, but the call succeeded');
}

/** The rejection, which must be a `type` (any other error is thrown on, so the test shows it). */
export async function refusalOf<E>(promise: Promise<unknown>, type: abstract new (...args: never[]) => E): Promise<E> {
  const error = await rejectionOf(promise);
  if (error instanceof type) return error;
  throw error;
}

/** The rejection as `{ name, message }`: an AWS SDK error's type and text. */
export async function refusal(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  const error = (await rejectionOf(promise)) as Error;
  return { name: error.name, message: error.message };
}
