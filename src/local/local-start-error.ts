// Why `pm-cognito local` could not start (a port in use, a package missing): told to the user as it is, exit code 1, never as a bug.

export class LocalStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalStartError';
  }
}
