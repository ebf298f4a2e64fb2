// `pm-cognito install` and `npm run build`: puts the built script into v2.1 files and v3 directories, or checks that it is there.

import { accessSync, constants, lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { hasIamForm, hasManagedBlock, managedBlockCount, scriptState, type ScriptState } from '../core/managed-block';
import { FileWriteError, writeFilesAtomic } from './atomic-write';
import type { CollectionTarget } from './collection-targets';
import { collectionShapeProblem } from './collection-shape';
import { decodeFileText, encodeFileText, type FileText } from './file-text';
import { InputError } from './input-error';
import { bomLength, installScript, prerequestCodeFromText, ScriptTextError } from './v21-script-edit';
import { DefinitionError, definitionPrerequestCode, installInDefinition } from './v3-definition-script';
import { noauthWarnings, readV3Collection } from './v3-collection';

export interface InstallOutcome {
  target: CollectionTarget;
  /** What the collection held before. */
  before: ScriptState;
  /** Whether the file was (or, with check, would be) rewritten. */
  changed: boolean;
  /** Requests the script cannot treat as No Auth (v3 only). */
  warnings: string[];
  /** The collection held this build in its other form (readable or compact) before. */
  otherForm: boolean;
  /** How many managed blocks the script held before (more than one: all were replaced by one). */
  blocks: number;
  /** Whether the collection held the identity-pool form (`--iam`) before, and whether it gets (or, with check, is compared with) it. */
  iamBefore: boolean;
  iam: boolean;
  /** The file written (or read), when the target's script file is a symbolic link to it. */
  linkTarget?: string;
}

function notACollection(target: CollectionTarget, reason: string): InputError {
  return new InputError('pm-cognito: ' + target.path + ' is not a Postman collection (' + reason + '): export it from Postman as Collection v2.1, or pass a v3 collection directory');
}

/** The file that really holds the script: the script file, or the file its symbolic link points to. */
function realFile(target: CollectionTarget): string {
  try {
    return realpathSync(target.scriptFile);
  } catch (error) {
    throw notACollection(target, 'cannot read ' + target.scriptFile + ': ' + errorCode(error) + (errorCode(error) === 'ENOENT' ? ', or it is a symbolic link to nothing' : ''));
  }
}

function readText(target: CollectionTarget, file: string): FileText {
  try {
    return decodeFileText(readFileSync(file));
  } catch (error) {
    throw notACollection(target, 'cannot read ' + file + ': ' + errorCode(error));
  }
}

function asInputError<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof DefinitionError || error instanceof ScriptTextError) throw new InputError('pm-cognito: ' + error.message);
    throw error;
  }
}

/** The collection-level code of a target's text (as Unicode); a usage error when the text is not a collection, naming the bad field. */
export function prerequestCodeOf(target: CollectionTarget, file: FileText): string {
  if (target.format === 'v3') return asInputError(() => definitionPrerequestCode(file.text, target.scriptFile, file.bytes));
  let parsed: unknown;
  // A byte-order mark (some Windows editors write one) is stepped over here and kept in the file.
  const bom = bomLength(file.text, file.bytes);
  try {
    parsed = JSON.parse(file.text.slice(bom));
  } catch {
    throw notACollection(target, 'not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray((parsed as { item?: unknown }).item)) throw notACollection(target, 'no "item" list');
  const problem = collectionShapeProblem(parsed as Record<string, unknown>);
  if (problem !== undefined) throw new InputError('pm-cognito: ' + target.path + ': ' + problem + ': fix that field, or export the collection from Postman again');
  // Read from the text, not the parse, so that the code of a file that is not UTF-8 comes out as Unicode.
  return asInputError(() => prerequestCodeFromText(file.text, file.bytes));
}

/** Whether a collection holds this build of the script, in any of its forms (compact or readable full code). */
export function collectionScriptState(target: CollectionTarget, forms: readonly string[]): ScriptState {
  const code = prerequestCodeOf(target, readText(target, realFile(target)));
  const states = forms.map((form) => scriptState(code, form));
  return states.includes('current') ? 'current' : states.includes('stale') ? 'stale' : 'missing';
}

/** The collection's text with the script installed (the same text when it is current), in the file's own bytes. */
export function installedText(target: CollectionTarget, file: FileText, script: string): FileText {
  // Both take the script as Unicode and the text in the file's own space (one character per byte when it is not UTF-8).
  const text = target.format === 'v2.1'
    ? asInputError(() => installScript(file.text, script, file.bytes))
    : asInputError(() => installInDefinition(file.text, script, target.scriptFile, file.bytes));
  return { text, bytes: file.bytes };
}

function v3Warnings(target: CollectionTarget): string[] {
  try {
    return noauthWarnings(readV3Collection(target.path));
  } catch (error) {
    throw new InputError('pm-cognito: ' + target.path + ': ' + (error instanceof Error ? error.message : String(error)) + ': fix that file, or export the collection again');
  }
}

function errorCode(error: unknown): string {
  return (error as { code?: string }).code ?? 'error';
}

/** The script file as messages name it: through its link, when it is one. */
function shownFile(target: CollectionTarget, file: string): string {
  return lstatSync(target.scriptFile).isSymbolicLink() ? target.scriptFile + ' (a symbolic link to ' + file + ')' : target.scriptFile;
}

/** Refuses, before anything is written, a file that is read-only or sits in a directory that cannot take the temporary file. */
function assertWritable(target: CollectionTarget, file: string): void {
  const shown = shownFile(target, file);
  // The mode is checked as well as access(): root may write anything, but a 0444 file says "do not change me".
  const stat = statSync(file);
  if (stat.nlink > 1) {
    throw new InputError('pm-cognito install: ' + shown + ' has ' + stat.nlink + ' hard links: replacing it would leave the other names with the old content: nothing was changed; install into a copy (cp, then rm the link) or leave it out');
  }
  const mode = stat.mode & 0o777;
  let writable = (mode & 0o222) !== 0;
  try {
    accessSync(file, constants.W_OK);
  } catch {
    writable = false;
  }
  if (!writable) {
    throw new InputError('pm-cognito install: ' + shown + ' is read-only (mode 0' + mode.toString(8) + '): nothing was changed; make it writable (chmod u+w) and run pm-cognito install again, or leave it out');
  }
  try {
    accessSync(dirname(file), constants.W_OK);
  } catch (error) {
    throw new InputError('pm-cognito install: cannot write in ' + dirname(file) + ' (' + errorCode(error) + '), where ' + shown + ' is replaced through a temporary file: nothing was changed; make the directory writable and run pm-cognito install again');
  }
}

/** What the system's error code means for the user, and what to do. */
function writeHint(code: string): string {
  if (code === 'ENAMETOOLONG') return 'the name is too long for this file system: rename the file';
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'the disk (or quota) is full: free some space';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'make it and its directory writable';
  return 'fix that';
}

/** Writes every changed file or none: temp files first, then renames (atomic-write.ts). */
function writeAll(plans: ReadonlyArray<{ outcome: InstallOutcome; file: string; after: FileText }>): void {
  const writes = plans.filter(({ outcome }) => outcome.changed);
  try {
    writeFilesAtomic(writes.map(({ file, after }) => ({ file, content: encodeFileText(after) })));
  } catch (error) {
    if (!(error instanceof FileWriteError)) throw error;
    const plan = writes.find(({ file }) => file === error.file)!;
    const shown = shownFile(plan.outcome.target, error.file);
    if (error.step === 'owner') {
      throw new InputError('pm-cognito install: cannot give the new ' + shown + ' its owner and group (' + error.code + '): nothing was changed; run pm-cognito install as the file\'s owner, or leave it out');
    }
    if (error.step === 'temp') {
      throw new InputError('pm-cognito install: cannot write ' + shown + ' (' + error.code + ', through a temporary file in its directory): nothing was changed; ' + writeHint(error.code) + ' and run pm-cognito install again');
    }
    const done = error.written.length === 0 ? 'no file was changed' : 'already installed in ' + error.written.join(', ') + '; the others were not changed';
    throw new InputError('pm-cognito install: cannot replace ' + shown + ' (' + error.code + '): ' + done + '; ' + writeHint(error.code) + ' and run pm-cognito install again');
  }
}

/** The script for one collection, chosen from what its pre-request code holds now; `otherForm` is the same build's other layout. */
export interface ScriptChoice {
  script: string;
  otherForm?: string;
  iam?: boolean;
}

/**
 * Installs (or, with `check`, only compares) the script in every target: one script, or the one `choose` picks for
 * each collection's current code (`pm-cognito install` keeps the identity-pool form where a collection has it). Every target is read and
 * checked before any file is written, so a bad path or a read-only file changes nothing. Writes are
 * atomic and all or nothing (writeAll), keep the file's mode, owner, group, and go to a symbolic link's target (the link stays).
 */
export function installCollections(targets: readonly CollectionTarget[], choose: string | ((code: string, target: CollectionTarget) => ScriptChoice), options: { check?: boolean; otherForm?: string } = {}): InstallOutcome[] {
  const planned = targets.map((target) => {
    const file = realFile(target);
    const before = readText(target, file);
    const code = prerequestCodeOf(target, before);
    const chosen: ScriptChoice = typeof choose === 'string' ? { script: choose, ...(options.otherForm !== undefined ? { otherForm: options.otherForm } : {}) } : choose(code, target);
    const { script } = chosen;
    const state = scriptState(code, script);
    if (state === 'stale' && !hasManagedBlock(code) && options.check !== true) {
      // Adding a block would leave the old copy running after it.
      throw new InputError('pm-cognito: ' + target.path + ' holds a pm-cognito script pasted without the markers that is not this one (another version, or the other form of its full code): delete it from the collection\'s pre-request script and run pm-cognito install again');
    }
    const after = installedText(target, before, script);
    const changed = after.text !== before.text;
    if (changed && options.check !== true) assertWritable(target, file);
    const warnings = target.format === 'v3' ? v3Warnings(target) : [];
    const otherForm = state === 'stale' && chosen.otherForm !== undefined && scriptState(code, chosen.otherForm) === 'current';
    const outcome: InstallOutcome = { target, before: state, changed, warnings, otherForm, blocks: managedBlockCount(code), iamBefore: hasIamForm(code), iam: chosen.iam ?? hasIamForm(script) };
    if (lstatSync(target.scriptFile).isSymbolicLink()) outcome.linkTarget = file;
    return { outcome, file, after };
  });
  if (options.check !== true) writeAll(planned);
  return planned.map(({ outcome }) => outcome);
}
