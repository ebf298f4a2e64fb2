// Entry of the pm-cognito command: runs the command line, sets the exit code, and leaves once the output is flushed.

import { cli } from './cli';
import { processIo } from './io';

void cli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
  // Leave explicitly: after Ctrl-C or a crash, newman may still be busy (it cannot be stopped from outside).
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
});
