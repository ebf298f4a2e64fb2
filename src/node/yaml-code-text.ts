// Writes a script's code as a YAML value that reads back as exactly that code: a literal block where YAML allows it, else a double-quoted string.

import { toFileSpace, type TextBytes } from './file-text';

/**
 * Characters a literal block cannot hold as they are: a carriage return (YAML reads it as a line break),
 * a byte-order mark, and what YAML 1.2 does not count as printable (control characters, lone surrogates).
 */
// eslint-disable-next-line no-control-regex
const NOT_IN_A_BLOCK = /[^\t\n\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]|\uFEFF/u;

/** Whether `code` can be written as a literal block and read back unchanged. */
export function fitsLiteralBlock(code: string): boolean {
  return !NOT_IN_A_BLOCK.test(code);
}

/** `code` as a YAML double-quoted string: JSON's escapes (YAML has them all), plus \u escapes for what YAML may not hold raw. */
export function yamlDoubleQuoted(code: string): string {
  // eslint-disable-next-line no-control-regex
  return JSON.stringify(code).replace(/[\x7F-\x84\x86-\x9F\uFEFF\uFFFE\uFFFF]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/**
 * A YAML literal block scalar (`|-`) holding `code` exactly, its lines indented by `indent` spaces;
 * `comment` (with its leading space) stays on the header line; lines end with `eol`. Only for code
 * that fitsLiteralBlock.
 */
export function literalBlock(code: string, indent: number, comment = '', eol = '\n'): string {
  const trailing = /\n*$/.exec(code)![0].length;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const body = trailing === 0 ? code : code.slice(0, -trailing);
  const lines = body.split('\n');
  // A first line that starts with a space needs an explicit indentation indicator.
  const indicator = /^[ \t]/.test(lines.find((l) => l !== '') ?? '') ? String(indent) : '';
  const pad = ' '.repeat(indent);
  const rendered = lines.map((line) => (line === '' ? '' : pad + line)).join(eol);
  return '|' + indicator + chomp + comment + eol + rendered + eol.repeat(Math.max(trailing, 1) - 1);
}

/**
 * The code (Unicode) as a block-context value in the file's text space: a literal block, or one
 * double-quoted line (followed by the comment) when a block cannot hold it. `block` says whether the
 * result is a block (it then ends before its last line break, which the caller writes).
 */
export function codeValue(code: string, bytes: TextBytes, indent: number, comment: string, eol: string): { value: string; block: boolean } {
  if (!fitsLiteralBlock(code)) return { value: toFileSpace(yamlDoubleQuoted(code), bytes) + comment, block: false };
  return { value: literalBlock(toFileSpace(code, bytes), indent, comment, eol), block: true };
}
