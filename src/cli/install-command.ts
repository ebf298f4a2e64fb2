// `pm-cognito install <collection>... [--check]`: puts the built script into collections, or checks that it is current.

import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describeOptions, parseArgs, printed } from './argv';
import { EXIT, type CliIo } from './io';
import { resolveCollectionArg } from '../node/collection-targets';
import { installCollections, type InstallOutcome, type ScriptChoice } from '../node/install-collections';
import { hasIamForm } from '../core/managed-block';
import { namesIamVariables } from '../node/iam-requests';
import type { CollectionTarget } from '../node/collection-targets';
import { packageRoot } from '../node/package-root';
import { UsageError } from './usage-error';
import { targetTypoWarnings } from '../node/name-typo-warnings';

const OPTIONS = {
  check: { kind: 'flag', help: 'Change nothing; exit 1 naming each collection whose script is missing or not this version (in the form asked for)' },
  readable: { kind: 'flag', help: 'Install the script laid out readably, with its comments (each request then carries more text)' },
  iam: { kind: 'flag', help: 'Install the script with what signs with AWS keys: identity pools (cognito_iam_*, docs/identity-pools.md) and the ADMIN_* flows; kept on later installs' },
  noIam: { kind: 'flag', help: 'Install the script without them, also where a collection has the --iam form' },
} as const;

const HELP = `Usage: pm-cognito install <collection>... [--check] [--readable] [--iam | --no-iam]

Puts pm-cognito's pre-request script (dist/pm-cognito.prerequest.js) into each collection, between
the lines "// >>> pm-cognito" and "// <<< pm-cognito", keeping any other code of that script:
  - a v2.1 collection file (*.postman_collection.json): its collection-level pre-request script;
  - a v3 collection directory (Postman v12, git-native): the http:beforeRequest script of its
    root .resources/definition.yaml. Every other key, comment and line of the file stays as it is.
A directory that is not a collection stands for every collection inside it. Running it again
changes nothing; files are replaced whole (temp files, then renames), never left half written, and
keep their mode, owner, line endings and every byte outside the script. A symbolic link is followed:
its target is written and the link stays. A read-only file, a file with other hard links, a field of
the wrong kind (such as an "event" that is not a list), or a failed write stops the install before
any file changes.

The script is installed compact: dist/pm-cognito.prerequest.readable.js through esbuild --minify,
with every function, class and constant keeping its name (only local variables and parameters are
shortened), because every byte of the script travels into Postman's sandbox with every request.
--readable installs it as laid out, with its comments, instead.

What signs with AWS keys is in the script only with --iam (dist/pm-cognito.iam.prerequest.js):
identity pools (AWS credentials from a Cognito identity pool in cognito_iam_* variables) and the
ADMIN_USER_PASSWORD_AUTH and ADMIN_USER_AUTH flows (AdminInitiateAuth signed with cognito_aws_*).
Without them it is smaller, and a request that names a cognito_iam_* variable, or an identity whose
cognito_auth_flow is ADMIN_*, fails saying to install with --iam. A collection that has that form,
or whose requests name cognito_iam_* variables, gets it without the flag (and --check fails it
while it holds the default script); --no-iam takes it out.

Options:
${describeOptions(OPTIONS)}

Exit codes: 0 installed (or, with --check, every script current); 1 with --check, some script is
missing or stale; 2 a path is not a collection, a field of it is malformed, a file cannot be
written (nothing was changed), or bad usage.

Examples:
  pm-cognito install collections/pets.postman_collection.json
  pm-cognito install "postman/collections/Pets API"
  pm-cognito install postman/collections --check      # in CI or a pre-commit hook
  pm-cognito install collections --readable            # full code readable in the Postman app
  pm-cognito install collections/iam.postman_collection.json --iam
`;

/** The built script: compact (what `install` and Portman use) or readable (`--readable`), without or with what signs with AWS keys (`--iam`). */
export function builtScript(readable = false, iam = false): string {
  return readFileSync(join(packageRoot(), 'dist', 'pm-cognito.' + (iam ? 'iam.' : '') + (readable ? 'prerequest.readable.js' : 'prerequest.js')), 'utf8');
}

/** Every form of this build (compact and readable, without and with --iam): what `run` and `--check` recognise. */
export function builtScriptForms(): string[] {
  return [false, true].flatMap((iam) => [builtScript(false, iam), builtScript(true, iam)]);
}

/** The script for one collection: --iam, --no-iam, else --iam where it has that form now or its requests name cognito_iam_*. */
function chooser(readable: boolean, iam: boolean, noIam: boolean): (code: string, target: CollectionTarget) => ScriptChoice {
  const read = new Map<string, string>();
  const script = (asReadable: boolean, withIam: boolean) => {
    const key = String(asReadable) + String(withIam);
    if (!read.has(key)) read.set(key, builtScript(asReadable, withIam));
    return read.get(key)!;
  };
  return (code, target) => {
    const withIam = iam || (!noIam && (hasIamForm(code) || namesIamVariables(target)));
    return { script: script(readable, withIam), otherForm: script(!readable, withIam), iam: withIam };
  };
}

export async function installCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { options, positionals, help } = parseArgs('install', argv, OPTIONS);
  if (help) return printed(io, HELP);
  if (positionals.length === 0) throw new UsageError('pm-cognito install: name the collections, e.g. pm-cognito install collections/pets.postman_collection.json "postman/collections/Pets API"');
  if (options.iam && options.noIam) throw new UsageError('pm-cognito install: --iam and --no-iam contradict each other: give one');
  const targets = positionals.flatMap((arg) => resolveCollectionArg(arg, io.cwd));
  const outcomes = installCollections(targets, chooser(options.readable, options.iam, options.noIam), { check: options.check });
  const shown = (path: string) => relative(io.cwd, path) || '.';
  if (options.check) for (const warning of targetTypoWarnings(targets, io.env)) io.err(warning + '\n');
  let stale = 0;
  for (const outcome of outcomes) {
    for (const warning of outcome.warnings) io.err(warning + '\n');
    const name = shown(outcome.target.path) + ' (' + outcome.target.format + ')';
    if (options.check) {
      if (outcome.before !== 'current') {
        stale++;
        io.out('pm-cognito install --check: ' + name + ': ' + checkVerdict(outcome, options.readable) + '\n');
      }
    } else {
      const via = outcome.linkTarget !== undefined && outcome.changed ? ' (written to ' + shown(outcome.linkTarget) + ', the target of the symbolic link ' + shown(outcome.target.scriptFile) + ')' : '';
      io.out('pm-cognito install: ' + name + ': ' + installVerdict(outcome, options.readable) + via + '\n');
    }
  }
  if (options.check && stale > 0) {
    io.out('pm-cognito install --check: ' + stale + ' of ' + outcomes.length + ' collections need pm-cognito install\n');
    return EXIT.failed;
  }
  return EXIT.ok;
}

function checkVerdict(outcome: InstallOutcome, readable: boolean): string {
  if (outcome.before === 'missing') return 'no pm-cognito script';
  if (outcome.iam && !outcome.iamBefore) return 'the script is without --iam (identity pools, ADMIN_* flows): install with --iam';
  if (!outcome.iam && outcome.iamBefore) return 'the script has the --iam form: check without --no-iam, or install with --no-iam to take it out';
  if (outcome.blocks > 1) return 'the pm-cognito script is there ' + outcome.blocks + ' times (each copy runs): pm-cognito install keeps one';
  if (outcome.otherForm) return 'this version, with its full code ' + (readable ? 'compact (check without --readable, or install with --readable)' : 'readable (check with --readable, or install without it)');
  return 'the script is not this version';
}

function installVerdict(outcome: InstallOutcome, readable: boolean): string {
  if (!outcome.changed) return 'already current';
  if (outcome.before === 'missing') return outcome.iam ? 'installed, with --iam' : 'installed';
  if (outcome.iam !== outcome.iamBefore) return outcome.iam ? 'updated, --iam part added' : 'updated, --iam part left out';
  if (outcome.blocks > 1) return 'updated: its ' + outcome.blocks + ' pm-cognito blocks were replaced by one';
  return outcome.otherForm ? 'full code made ' + (readable ? 'readable' : 'compact') : 'updated';
}
