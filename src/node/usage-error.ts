// Bad input from the caller (unknown option, missing file, malformed value): exit code 2, with a message that says what to do.

export class UsageError extends Error {
  readonly code = 'CLI_USAGE' as const;

  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function isUsageError(value: unknown): value is UsageError {
  return value instanceof UsageError;
}
