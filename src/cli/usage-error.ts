// A command line the CLI cannot run (unknown option, missing value, options that clash): exit code 2.

import { PmCognitoError } from '../core/errors';
import { redact } from '../core/redact';

/**
 * Values of COGNITO_* environment variables that hold secrets: a usage error never echoes one (a password typed where a
 * path belongs). The CLI also redacts what it prints with the secrets of its own CliIo's environment (cli.ts).
 */
export function environmentSecrets(env: NodeJS.ProcessEnv = process.env): string[] {
  return Object.entries(env).filter(([name]) => /^COGNITO_.*(PASSWORD|SECRET|TOKEN|TOTP)/i.test(name)).map(([, value]) => value ?? '');
}

/** The CLI's own code: a command line it cannot run (exit 2). */
export class UsageError extends PmCognitoError<'CLI_USAGE'> {
  constructor(message: string) {
    super('CLI_USAGE', redact(message, environmentSecrets()));
  }
}
