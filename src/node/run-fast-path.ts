// Under `pm-cognito run`, each request carries only the fast path; the full code is fetched from the runner when needed.
//
// A collection whose pre-request code holds this very build of the script (either form) gets, in the runner's private copy,
// the runner's fast path in its place (dist/pm-cognito.run-fast-path.js): the same fast path as the installed
// script, without the 100 KB of full code that every request would otherwise carry into the sandbox and back.
// When the fast path declines (first request of an identity, a refresh or renewal, a changed user or cache), it fetches
// the full code from a server of the runner on 127.0.0.1 (full-code-server.ts) and runs it. The up-front note covers
// the tokens and the AWS credentials (cognito_iam_*) the CLI obtained before the suites, so a request needs the full
// code only when these near their expiry or a test changes a setting. Any other collection (another build, no script)
// runs as it is.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectionPrerequestCode, hasManagedBlock, scriptState, spliceManagedBlock } from '../core/managed-block';
import { startFullCodeServer, type FullCodeServer } from './full-code-server';
import { packageRoot } from './package-root';
import { FULL_CODE_URL_VARIABLE } from '../postman/runner-variables';
import { iamNeedKey, needKey, NOTE_VARIABLE, settingsFingerprint, type Note } from '../postman/fast-path-note';
import { credentialsNoteEntry, iamFingerprint } from '../postman/fast-path-credentials';
import { noteEntry } from '../postman/note-entry';
import { readSettings, TOKEN_TYPES, type TokenType } from '../core/settings';
import { readCredentialsSettings } from '../core/identity-pool/credentials';
import { identitiesOf, settingLookup } from './pre-authenticate';
import type { Variables } from './run-variables';


export interface RunnerScripts {
  /** The installed script as `pm-cognito install` writes it (compact full code). */
  installed: string;
  /** The same build with its full code readable (`pm-cognito install --readable`). */
  installedReadable: string;
  /** The same build with identity pools (`pm-cognito install --iam`), compact and readable. */
  iamForms?: string[];
  fastPath: string;
  fullCode: string;
}

export function readRunnerScripts(root = packageRoot()): RunnerScripts {
  const read = (name: string) => readFileSync(join(root, 'dist', name), 'utf8');
  return {
    installed: read('pm-cognito.prerequest.js'), installedReadable: read('pm-cognito.prerequest.readable.js'),
    iamForms: [read('pm-cognito.iam.prerequest.js'), read('pm-cognito.iam.prerequest.readable.js')], fastPath: read('pm-cognito.run-fast-path.js'), fullCode: read('pm-cognito.full-code.js') };
}

interface CollectionEvents {
  event?: Array<{ listen: string; script?: { exec?: string[] | string; [k: string]: unknown }; [k: string]: unknown }>;
  [key: string]: unknown;
}

/**
 * A copy of the collection with the runner's fast path instead of the installed script, or undefined when the
 * collection does not hold this build (it then runs unchanged, with whatever script it has).
 */
export function withRunnerFastPath(collection: Record<string, unknown>, scripts: RunnerScripts): Record<string, unknown> | undefined {
  const code = collectionPrerequestCode(collection as Parameters<typeof collectionPrerequestCode>[0]);
  const installed = [scripts.installed, scripts.installedReadable, ...(scripts.iamForms ?? [])].find((form) => code !== '' && scriptState(code, form) === 'current');
  if (installed === undefined) return undefined;
  const body = installed.replace(/\n$/, '');
  const replaced = hasManagedBlock(code) ? spliceManagedBlock(code, scripts.fastPath) : code.replace(body, () => scripts.fastPath.replace(/\n$/, ''));
  const copy = JSON.parse(JSON.stringify(collection)) as CollectionEvents;
  const event = copy.event!.find((e) => e.listen === 'prerequest')!;
  event.script!.exec = [replaced];
  return copy as Record<string, unknown>;
}

/**
 * The note the full code would leave after serving each identity from the up-front sign-ins, and each identity in
 * `iamIdentities` (whose cognito_iam_* variables the suite names) from the up-front AWS credentials, so that no
 * request of the suite needs the full code until a token or the credentials near their expiry or a test changes a
 * setting. `variables` are what the suite's script sees (its collection variables under the run's); a note the
 * script would compute differently only costs one fetch of the full code, which then writes its own.
 */
export function upFrontNote(variables: Variables, caches: Readonly<Record<string, string>>, iamIdentities: readonly string[] = []): Record<string, string> {
  const lookup = settingLookup(variables);
  const stored = (name: string) => caches[name] ?? variables[name];
  const note: Note = {};
  for (const identity of identitiesOf(variables)) {
    try {
      const fingerprint = settingsFingerprint(identity, lookup);
      const read = readSettings(lookup, identity);
      // With debug on the full code writes no note (its log lines need it to run).
      if (read.debug) continue;
      for (const forced of [undefined, ...TOKEN_TYPES] as Array<TokenType | undefined>) {
        const settings = forced === undefined ? read : { ...read, tokenType: forced };
        const entry = noteEntry(settings, fingerprint, stored);
        if (entry !== undefined) note[needKey({ identity, tokenType: forced })] = entry;
      }
    } catch {
      // Settings the script will report itself.
    }
  }
  for (const identity of iamIdentities) {
    try {
      // As aws-credentials.ts leaves it after serving the identity: no entry with debug on, the same fingerprint and window.
      const { pool, user } = readCredentialsSettings(lookup, identity);
      if (pool.debug) continue;
      const entry = credentialsNoteEntry(pool, user, iamFingerprint(identity, lookup), stored);
      if (entry !== undefined) note[iamNeedKey(identity)] = entry;
    } catch {
      // Settings the script will report itself.
    }
  }
  return Object.keys(note).length === 0 ? {} : { [NOTE_VARIABLE]: JSON.stringify(note) };
}

export interface RunnerFastPath {
  /** The collection to run for a suite (the prepared copy, or the original). */
  collectionFor(collection: Record<string, unknown>): Record<string, unknown>;
  /** Variables every newman suite gets in addition to the run's. */
  variables: Record<string, string>;
  server: FullCodeServer;
  stop(): Promise<void>;
}

export async function startRunnerFastPath(scripts: RunnerScripts = readRunnerScripts()): Promise<RunnerFastPath> {
  const server = await startFullCodeServer(scripts.fullCode);
  return {
    collectionFor: (collection) => withRunnerFastPath(collection, scripts) ?? collection,
    variables: { [FULL_CODE_URL_VARIABLE]: server.url },
    server,
    stop: () => server.stop(),
  };
}
