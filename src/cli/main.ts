// Entry of the pm-cognito command: parses argv, runs the command, sets the exit code.

const HELP = `pm-cognito: Amazon Cognito sign-in for Postman, newman and Portman

Usage: pm-cognito <command> [options]

Commands are added by the CLI issue (run, portman, token, secret-hash, users).
`;

function main(argv: string[]): number {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  process.stderr.write('pm-cognito: unknown command "' + argv[0] + '": run pm-cognito --help\n');
  return 2;
}

process.exitCode = main(process.argv.slice(2));
