// Reads and rewrites the collection script in a v3 collection's root .resources/definition.yaml, changing no other byte.

import { isMap, isScalar, isSeq, parseDocument, type Document, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { spliceManagedBlock } from '../core/managed-block';
import { fromFileSpace, lineEndingOf, toFileSpace, type TextBytes } from './file-text';

/**
 * Postman v12 keeps the collection's pre-request script as an item of the root definition's
 * `scripts` list: `{ type: http:beforeRequest, code: |-, language: text/javascript }`.
 */
export const BEFORE_REQUEST = 'http:beforeRequest';

export class DefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DefinitionError';
  }
}

function parse(text: string, file: string): { doc: Document.Parsed; root: YAMLMap } {
  const doc = parseDocument(text, { keepSourceTokens: true, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) throw new DefinitionError(file + ' is not valid YAML (' + doc.errors[0]!.message.split('\n')[0] + '): fix it or export the collection again');
  const root = doc.contents;
  if (!isMap(root) || (root as YAMLMap).get('$kind') !== 'collection') {
    throw new DefinitionError(file + ' does not start a v3 collection (no "$kind: collection"): pass the collection\'s directory, the one whose .resources/definition.yaml says $kind: collection');
  }
  return { doc, root: root as YAMLMap };
}

/** What the root definition holds of the beforeRequest script, as far as it exists. */
interface Found {
  pair?: Pair;
  seq?: YAMLSeq;
  item?: YAMLMap;
  codeKey?: Scalar;
  /** The code scalar: its value is text or null (the check refuses anything else). */
  code?: Scalar;
}

function kindOf(node: unknown): string {
  if (isMap(node)) return 'a map';
  if (isSeq(node)) return 'a list';
  const value = isScalar(node) ? node.value : node;
  return value === null || value === undefined ? 'empty' : typeof value === 'string' ? 'text' : 'a ' + typeof value;
}

function scriptsOf(root: YAMLMap, file: string): Found {
  const pair = root.items.find((p) => isScalar(p.key) && p.key.value === 'scripts');
  if (pair === undefined) return {};
  if (!isSeq(pair.value)) {
    if (pair.value === null || (isScalar(pair.value) && (pair.value.value === null || pair.value.value === ''))) return { pair };
    throw new DefinitionError(file + ': scripts must be a list (it is ' + kindOf(pair.value) + '): write it as a list of {type, code, language} items and run pm-cognito install again');
  }
  const seq = pair.value;
  const index = seq.items.findIndex((i) => isMap(i) && i.get('type') === BEFORE_REQUEST);
  if (index === -1) return { pair, seq };
  const item = seq.items[index] as YAMLMap;
  const codePair = item.items.find((p) => isScalar(p.key) && p.key.value === 'code');
  if (codePair === undefined) return { pair, seq, item };
  const code = codePair.value;
  if (!isScalar(code) || (code.value !== null && typeof code.value !== 'string') || code.range === undefined || code.range === null) {
    throw new DefinitionError(file + ': scripts[' + index + '].code must be text (it is ' + kindOf(code) + '): make it the script\'s text, or remove the item, and run pm-cognito install again');
  }
  return { pair, seq, item, codeKey: codePair.key as Scalar, code };
}

/** The code's text as Unicode; in a file that is not UTF-8, only code that is UTF-8 itself can be read. */
function codeText(found: Found, text: string, file: string, bytes: TextBytes): string {
  const code = found.code;
  if (code === undefined || code.value === null) return '';
  const source = text.slice(code.range![0], code.range![1]);
  const unicode = bytes === 'latin1' && code.type === 'QUOTE_DOUBLE' && source.includes('\\') ? undefined : fromFileSpace(code.value as string, bytes);
  if (unicode === undefined) {
    throw new DefinitionError(file + ': the beforeRequest script holds bytes that are not UTF-8, in a file that is not UTF-8 either: save the file as UTF-8 and run pm-cognito install again');
  }
  return unicode;
}

/** The collection-level pre-request code of a v3 root definition ('' when it has none); throws DefinitionError if it is not one. */
export function definitionPrerequestCode(text: string, file: string, bytes: TextBytes = 'utf8'): string {
  return codeText(scriptsOf(parse(text, file).root, file), text, file, bytes);
}

/** The column a line of `text` starts its content at, for the line holding `offset`. */
function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/**
 * A YAML literal block scalar (`|-`) holding `code` exactly, its lines indented by `indent` spaces;
 * `comment` (with its leading space) stays on the header line; lines end with `eol`.
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

function scriptItem(code: string, dashIndent: number, eol: string): string {
  const pad = ' '.repeat(dashIndent);
  return pad + '- type: ' + BEFORE_REQUEST + eol +
    pad + '  code: ' + literalBlock(code, dashIndent + 4, '', eol) + eol +
    pad + '  language: text/javascript' + eol;
}

/**
 * Replaces the code scalar's source. Inside a flow collection (`[{…}]`) a block scalar is not allowed:
 * the code becomes one double-quoted JSON string, which YAML reads the same. Elsewhere it becomes a
 * literal block at the file's indentation, keeping a comment on the header line (or after a one-line value).
 */
function replaceCode(text: string, found: Found, code: string): string {
  const scalar = found.code!;
  const [start, end] = scalar.range!;
  const space = text[start - 1] === ':' ? ' ' : '';
  if (found.seq?.flow === true || found.item?.flow === true) return text.slice(0, start) + space + JSON.stringify(code) + text.slice(end);
  const eol = lineEndingOf(text);
  const old = text.slice(start, end);
  const keyColumn = columnOf(text, found.codeKey!.range![0]);
  let regionEnd = end;
  let comment = '';
  if (scalar.type === 'BLOCK_LITERAL' || scalar.type === 'BLOCK_FOLDED') {
    comment = /[ \t]+#[^\r\n]*$/.exec(/^[^\r\n]*/.exec(old)![0])?.[0] ?? '';
  } else {
    const lineEnd = text.indexOf('\n', end);
    const rest = text.slice(end, lineEnd === -1 ? text.length : lineEnd).replace(/\r$/, '');
    const trailing = /^([ \t]*)(#.*)?$/.exec(rest);
    if (trailing !== null) {
      regionEnd = end + rest.length;
      comment = trailing[2] === undefined ? '' : (trailing[1] === '' ? ' ' : trailing[1]!) + trailing[2].trimEnd();
    }
  }
  // Keep the indentation the file already uses for this block, if it is a block.
  const firstContent = /^[|>][^\n]*\n( *)\S/.exec(old);
  const indent = firstContent && firstContent[1]!.length > keyColumn ? firstContent[1]!.length : keyColumn + 2;
  const block = literalBlock(code, indent, comment, eol);
  return text.slice(0, start) + space + (old.endsWith('\n') ? block + eol : block) + text.slice(regionEnd);
}

/**
 * The definition text with the script installed. The managed block is spliced into the existing
 * code's source range; everything outside that range (keys, comments, quoting, indentation, line
 * endings) keeps its bytes. Returns the same text when the script is already current. With `bytes`
 * 'latin1', `text` holds one character per byte of the file.
 */
export function installInDefinition(text: string, script: string, file: string, bytes: TextBytes = 'utf8'): string {
  const { root } = parse(text, file);
  const found = scriptsOf(root, file);
  const oldCode = codeText(found, text, file, bytes);
  const newCode = spliceManagedBlock(oldCode, script);
  if (found.code !== undefined && newCode === oldCode) return text;
  const code = toFileSpace(newCode, bytes);
  if (found.code !== undefined) return replaceCode(text, found, code);

  if (found.item !== undefined) {
    // A beforeRequest item without a code string: rare enough to re-emit the item's map only.
    throw new DefinitionError(file + ': its ' + BEFORE_REQUEST + ' script has no "code" text: remove that item or give it code: "" and run pm-cognito install again');
  }
  return insertItem(text, found, code);
}

/** Adds a beforeRequest item holding `code`: first in the existing list, or as a new `scripts` list. */
function insertItem(text: string, { pair, seq }: Found, code: string): string {
  const eol = lineEndingOf(text);
  const firstItem = seq?.items[0] as { range?: [number, number, number] } | undefined;
  if (seq !== undefined && firstItem?.range !== undefined) {
    const first = firstItem.range[0];
    if (seq.flow === true) {
      return text.slice(0, first) + '{type: ' + BEFORE_REQUEST + ', code: ' + JSON.stringify(code) + ', language: text/javascript}, ' + text.slice(first);
    }
    // Insert a new first item at the indentation of the existing ones.
    const dash = text.lastIndexOf('-', first - 1);
    const lineStart = text.lastIndexOf('\n', dash - 1) + 1;
    return text.slice(0, lineStart) + scriptItem(code, dash - lineStart, eol) + text.slice(lineStart);
  }
  if (pair !== undefined) {
    // `scripts: []` or an empty `scripts:`: replace that line's value with the list.
    const keyStart = (pair.key as Scalar).range![0];
    const lineEnd = text.indexOf('\n', keyStart);
    const keyColumn = columnOf(text, keyStart);
    return text.slice(0, keyStart) + 'scripts:' + eol + scriptItem(code, keyColumn + 2, eol) + (lineEnd === -1 ? '' : text.slice(lineEnd + 1));
  }
  // No scripts at all: append the key to the root map, at the end of the file.
  const body = text === '' || text.endsWith('\n') ? text : text + eol;
  return body + 'scripts:' + eol + scriptItem(code, 2, eol);
}
