// `pm-cognito install <collection>... [--check]`: puts the built script into collections, or checks that it is current.

import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describeOptions, parseArgs, printed } from './argv';
import { EXIT, type CliIo } from './io';
import { resolveCollectionArg } from '../node/collection-targets';
import { installCollections } from '../node/install-collections';
import { packageRoot } from '../node/package-root';
import { UsageError } from './usage-error';

const OPTIONS = {
  check: { kind: 'flag', help: 'Change nothing; exit 1 naming each collection whose script is missing or not this version (in the form asked for)' },
  readable: { kind: 'flag', help: 'Install the script laid out readably, with its comments (each request then carries more text)' },
} as const;

const HELP = `Usage: pm-cognito install <collection>... [--check] [--readable]

Puts pm-cognito's pre-request script (dist/pm-cognito.prerequest.js) into each collection, between
the lines "// >>> pm-cognito" and "// <<< pm-cognito", keeping any other code of that script:
  - a v2.1 collection file (*.postman_collection.json): its collection-level pre-request script;
  - a v3 collection directory (Postman v12, git-native): the http:beforeRequest script of its
    root .resources/definition.yaml. Every other key, comment and line of the file stays as it is.
A directory that is not a collection stands for every collection inside it. Running it again
changes nothing; files are replaced whole (temp file, then rename), never left half written.

The script is installed compact: dist/pm-cognito.prerequest.readable.js with its comments and
whitespace removed and every name kept, because every byte of the script travels into Postman's
sandbox with every request. --readable installs it as laid out, with its comments, instead.

Options:
${describeOptions(OPTIONS)}

Exit codes: 0 installed (or, with --check, every script current); 1 with --check, some script is
missing or stale; 2 a path is not a collection, or bad usage.

Examples:
  pm-cognito install collections/pets.postman_collection.json
  pm-cognito install "postman/collections/Pets API"
  pm-cognito install postman/collections --check      # in CI or a pre-commit hook
  pm-cognito install collections --readable            # full code readable in the Postman app
`;

/** The built script: compact full code (what `install` and Portman use) or readable (`--readable`). */
export function builtScript(readable = false): string {
  return readFileSync(join(packageRoot(), 'dist', readable ? 'pm-cognito.prerequest.readable.js' : 'pm-cognito.prerequest.js'), 'utf8');
}

export async function installCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { options, positionals, help } = parseArgs('install', argv, OPTIONS);
  if (help) return printed(io, HELP);
  if (positionals.length === 0) throw new UsageError('pm-cognito install: name the collections, e.g. pm-cognito install collections/pets.postman_collection.json "postman/collections/Pets API"');
  const targets = positionals.flatMap((arg) => resolveCollectionArg(arg, io.cwd));
  const outcomes = installCollections(targets, builtScript(options.readable), { check: options.check, otherForm: builtScript(!options.readable) });
  const shown = (path: string) => relative(io.cwd, path) || '.';
  let stale = 0;
  for (const outcome of outcomes) {
    for (const warning of outcome.warnings) io.err(warning + '\n');
    const name = shown(outcome.target.path) + ' (' + outcome.target.format + ')';
    if (options.check) {
      if (outcome.before !== 'current') {
        stale++;
        io.out('pm-cognito install --check: ' + name + ': ' + (outcome.before === 'missing' ? 'no pm-cognito script'
          : outcome.otherForm ? 'this version, with its full code ' + (options.readable ? 'compact (check without --readable, or install with --readable)' : 'readable (check with --readable, or install without it)')
          : 'the script is not this version') + '\n');
      }
    } else {
      io.out('pm-cognito install: ' + name + ': ' + (outcome.changed ? (outcome.before === 'missing' ? 'installed' : outcome.otherForm ? 'full code made ' + (options.readable ? 'readable' : 'compact') : 'updated') : 'already current') + '\n');
    }
  }
  if (options.check && stale > 0) {
    io.out('pm-cognito install --check: ' + stale + ' of ' + outcomes.length + ' collections need pm-cognito install\n');
    return EXIT.failed;
  }
  return EXIT.ok;
}
