// The block `pm-cognito install` must write around a script, spelt out from the markers alone (not by the splicing code under test).

import { BEGIN_MARKER, END_MARKER } from '../../src/core/managed-block';

/** The script's lines between the two markers, without its final newline. */
export function managedBlockText(script: string): string {
  return [BEGIN_MARKER, ...script.replace(/\n$/, '').split('\n'), END_MARKER].join('\n');
}
