// The block `pm-cognito install` must write around a script, spelt out from the markers alone (not by the splicing code under test).

import { BEGIN_MARKER, END_MARKER, LEGACY_OFF } from '../../src/core/managed-block';

/** The begin line of a block that is its script's only code: the sandbox's legacy globals off (managed-block.ts). */
export const ALONE_BEGIN = LEGACY_OFF + ' ' + BEGIN_MARKER;

/** The script's lines between the two markers, without its final newline; `alone` (the default): the script's only code. */
export function managedBlockText(script: string, alone = true): string {
  return [alone ? ALONE_BEGIN : BEGIN_MARKER, ...script.replace(/\n$/, '').split('\n'), END_MARKER].join('\n');
}
