// `pm-cognito install` and `npm run build`: puts the built script into v2.1 files and v3 directories, or checks that it is there.

import { readFileSync } from 'node:fs';
import { collectionPrerequestCode, hasManagedBlock, installScript, scriptState, type ScriptState } from '../tools/install-script';
import { writeFileAtomic } from './atomic-write';
import type { CollectionTarget } from './collection-targets';
import { InputError } from './input-error';
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
}

function notACollection(target: CollectionTarget, reason: string): InputError {
  return new InputError('pm-cognito: ' + target.path + ' is not a Postman collection (' + reason + '): export it from Postman as Collection v2.1, or pass a v3 collection directory');
}

function readText(target: CollectionTarget): string {
  try {
    return readFileSync(target.scriptFile, 'utf8');
  } catch (error) {
    throw notACollection(target, 'cannot read ' + target.scriptFile + ': ' + ((error as { code?: string }).code ?? 'error'));
  }
}

/** The collection-level code of a target's text; a usage error when the text is not a collection. */
export function prerequestCodeOf(target: CollectionTarget, text: string): string {
  if (target.format === 'v3') {
    try {
      return definitionPrerequestCode(text, target.scriptFile);
    } catch (error) {
      if (error instanceof DefinitionError) throw new InputError('pm-cognito: ' + error.message);
      throw error;
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw notACollection(target, 'not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray((parsed as { item?: unknown }).item)) throw notACollection(target, 'no "item" list');
  return collectionPrerequestCode(parsed as Record<string, never>);
}

/** Whether a collection holds this build of the script, in any of its forms (compact or readable full code). */
export function collectionScriptState(target: CollectionTarget, forms: readonly string[]): ScriptState {
  const code = prerequestCodeOf(target, readText(target));
  const states = forms.map((form) => scriptState(code, form));
  return states.includes('current') ? 'current' : states.includes('stale') ? 'stale' : 'missing';
}

/** The collection's text with the script installed (the same text when it is current). */
export function installedText(target: CollectionTarget, text: string, script: string): string {
  if (target.format === 'v2.1') return installScript(text, script);
  try {
    return installInDefinition(text, script, target.scriptFile);
  } catch (error) {
    if (error instanceof DefinitionError) throw new InputError('pm-cognito: ' + error.message);
    throw error;
  }
}

function v3Warnings(target: CollectionTarget): string[] {
  try {
    return noauthWarnings(readV3Collection(target.path));
  } catch (error) {
    throw new InputError('pm-cognito: ' + target.path + ': ' + (error instanceof Error ? error.message : String(error)) + ': fix that file, or export the collection again');
  }
}

/**
 * Installs (or, with `check`, only compares) the script in every target. Every target is read and
 * checked before any file is written, so a bad path changes nothing. Writes are atomic.
 */
export function installCollections(targets: readonly CollectionTarget[], script: string, options: { check?: boolean; otherForm?: string } = {}): InstallOutcome[] {
  const planned = targets.map((target) => {
    const text = readText(target);
    const code = prerequestCodeOf(target, text);
    const before = scriptState(code, script);
    if (before === 'stale' && !hasManagedBlock(code) && options.check !== true) {
      // Adding a block would leave the old copy running after it.
      throw new InputError('pm-cognito: ' + target.path + ' holds a pm-cognito script pasted without the markers that is not this one (another version, or the other form of its full code): delete it from the collection\'s pre-request script and run pm-cognito install again');
    }
    const after = installedText(target, text, script);
    const warnings = target.format === 'v3' ? v3Warnings(target) : [];
    const otherForm = before === 'stale' && options.otherForm !== undefined && scriptState(code, options.otherForm) === 'current';
    return { target, before, text, after, warnings, otherForm };
  });
  return planned.map(({ target, before, text, after, warnings, otherForm }) => {
    const changed = after !== text;
    if (changed && options.check !== true) writeFileAtomic(target.scriptFile, after);
    return { target, before, changed, warnings, otherForm };
  });
}
