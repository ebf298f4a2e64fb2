// Reads and rewrites the collection script in a v3 collection's root .resources/definition.yaml, changing no other byte.

import type { Document, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { yaml } from './yaml';
import { scriptState, spliceManagedBlock } from '../core/managed-block';
import { fromFileSpace, lineEndingOf, toFileSpace, type TextBytes } from './file-text';
import { v3EditProblem } from './install-guard';
import { codeValue, yamlDoubleQuoted } from './yaml-code-text';

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
  // Unique keys: with `code:` (or `scripts:`) twice, install would edit the first while every reader takes the last.
  const { isMap, parseDocument } = yaml();
  const doc = parseDocument(text, { keepSourceTokens: true, prettyErrors: false, uniqueKeys: true });
  const duplicate = doc.errors.find((e) => e.code === 'DUPLICATE_KEY');
  if (duplicate !== undefined) {
    const key = /^[^:\r\n]*/.exec(text.slice(duplicate.pos[0]))![0].trim();
    const line = text.slice(0, duplicate.pos[0]).split('\n').length;
    throw new DefinitionError(file + ': the key "' + key + '" appears twice in one map (again on line ' + line + '): pm-cognito install would edit one while Postman reads the other: remove one of them and run pm-cognito install again');
  }
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
  const { isAlias, isMap, isScalar, isSeq } = yaml();
  if (isMap(node)) return 'a map';
  if (isSeq(node)) return 'a list';
  if (isAlias(node)) return 'an alias (*' + node.source + ')';
  const value = isScalar(node) ? node.value : node;
  if (value === null || value === undefined) return 'empty';
  if (value instanceof Uint8Array) return 'binary data';
  if (typeof value === 'string') return 'text';
  return typeof value === 'object' ? 'an object' : 'a ' + typeof value;
}

function scriptsOf(root: YAMLMap, file: string): Found {
  const { isMap, isScalar, isSeq } = yaml();
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

/** A block-list item holding `code` (Unicode), in the file's text space. */
function scriptItem(code: string, bytes: TextBytes, dashIndent: number, eol: string): string {
  const pad = ' '.repeat(dashIndent);
  return pad + '- type: ' + BEFORE_REQUEST + eol +
    pad + '  code: ' + codeValue(code, bytes, dashIndent + 4, '', eol).value + eol +
    pad + '  language: text/javascript' + eol;
}

/** A flow-style item holding `code` (Unicode), in the file's text space. */
function flowItem(code: string, bytes: TextBytes): string {
  return '{type: ' + BEFORE_REQUEST + ', code: ' + toFileSpace(yamlDoubleQuoted(code), bytes) + ', language: text/javascript}';
}

/**
 * Replaces the code scalar's source. Inside a flow collection (`[{…}]`) a block scalar is not allowed:
 * the code becomes one double-quoted JSON string, which YAML reads the same. Elsewhere it becomes a
 * literal block at the file's indentation, keeping a comment on the header line (or after a one-line value).
 */
function replaceCode(text: string, found: Found, code: string, bytes: TextBytes): string {
  const scalar = found.code!;
  const [start, end] = scalar.range!;
  const space = text[start - 1] === ':' ? ' ' : '';
  if (found.seq?.flow === true || found.item?.flow === true) return text.slice(0, start) + space + toFileSpace(yamlDoubleQuoted(code), bytes) + text.slice(end);
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
  const { value } = codeValue(code, bytes, indent, comment, eol);
  return text.slice(0, start) + space + (old.endsWith('\n') ? value + eol : value) + text.slice(regionEnd);
}

/**
 * The definition text with the script installed. The managed block is spliced into the existing
 * code's source range; everything outside that range (keys, comments, quoting, indentation, line
 * endings) keeps its bytes. Returns the same text when the script is already current (between markers,
 * or pasted whole as the Postman app takes it). With `bytes` 'latin1', `text` holds one character per
 * byte of the file. The result is parsed again and compared before it is returned.
 */
export function installInDefinition(text: string, script: string, file: string, bytes: TextBytes = 'utf8'): string {
  const { root } = parse(text, file);
  const found = scriptsOf(root, file);
  const oldCode = codeText(found, text, file, bytes);
  if (found.code !== undefined && scriptState(oldCode, script) === 'current') return text;
  const newCode = spliceManagedBlock(oldCode, script);
  if (found.code === undefined && found.item !== undefined) {
    // A beforeRequest item without a code string: rare enough to re-emit the item's map only.
    throw new DefinitionError(file + ': its ' + BEFORE_REQUEST + ' script has no "code" text: remove that item or give it code: "" and run pm-cognito install again');
  }
  const out = found.code !== undefined ? replaceCode(text, found, newCode, bytes) : insertItem(text, root, found, newCode, bytes, file);
  const problem = v3EditProblem(text, out, toFileSpace(newCode, bytes), BEFORE_REQUEST);
  if (problem !== undefined) {
    throw new DefinitionError(file + ': pm-cognito could not install the script without changing other parts of the file (' + problem + '): nothing was changed; add the script in the Postman app, or write the file in block style, and run pm-cognito install again');
  }
  return out;
}

/** Where the line holding `offset` ends, past its line break (the text's length on the last line). */
function pastLineEnd(text: string, offset: number): number {
  const lineEnd = text.indexOf('\n', offset);
  return lineEnd === -1 ? text.length : lineEnd + 1;
}

/** Adds a beforeRequest item holding `code` (Unicode): first in the existing list, in place of an empty `scripts` value, or as a new `scripts` list. */
function insertItem(text: string, root: YAMLMap, { pair, seq }: Found, code: string, bytes: TextBytes, file: string): string {
  const eol = lineEndingOf(text);
  const firstItem = seq?.items[0] as { range?: [number, number, number] } | undefined;
  if (seq !== undefined && firstItem?.range !== undefined) {
    const first = firstItem.range[0];
    if (seq.flow === true) return text.slice(0, first) + flowItem(code, bytes) + ', ' + text.slice(first);
    // Insert a new first item at the indentation of the existing ones.
    const dash = text.lastIndexOf('-', first - 1);
    const lineStart = text.lastIndexOf('\n', dash - 1) + 1;
    return text.slice(0, lineStart) + scriptItem(code, bytes, dash - lineStart, eol) + text.slice(lineStart);
  }
  if (pair !== undefined) return replaceEmptyScripts(text, pair, code, bytes, eol);
  // No scripts at all: a new key at the end of the root map, which must be a block map that ends the file.
  const rootRange = root.range as [number, number, number] | undefined;
  const after = rootRange === undefined ? '' : text.slice(rootRange[2]);
  if (root.flow === true || /^[ \t]*[^\s#]/m.test(after)) {
    throw new DefinitionError(file + ': its root map is written in flow style ({…}) or is followed by more (such as a "..." document end): pm-cognito install cannot add a scripts list without rewriting it: write it as one key per line, ending the file, and run pm-cognito install again');
  }
  const firstKey = (root.items[0]?.key as Scalar | undefined)?.range?.[0];
  const column = firstKey === undefined ? 0 : columnOf(text, firstKey);
  const body = text === '' || text.endsWith('\n') ? text : text + eol;
  return body + ' '.repeat(column) + 'scripts:' + eol + scriptItem(code, bytes, column + 2, eol);
}

/**
 * `scripts: []`, `scripts: [\n]`, `scripts: ~ # later` or an empty `scripts:`: exactly the value's
 * source goes (with the space before it when nothing else follows on its line: a comment stays), and
 * the new list starts on the next line.
 */
function replaceEmptyScripts(text: string, pair: Pair, code: string, bytes: TextBytes, eol: string): string {
  const key = pair.key as Scalar;
  const keyEnd = key.range![1];
  const valueRange = (pair.value as { range?: [number, number, number] } | null)?.range;
  const [valueStart, valueEnd] = valueRange === undefined ? [keyEnd, keyEnd] : [valueRange[0], valueRange[1]];
  const lineEnd = pastLineEnd(text, valueEnd);
  const rest = text.slice(valueEnd, lineEnd);
  const restOfLine = rest.replace(/\r?\n$/, '');
  const cut = /^[ \t]*$/.test(restOfLine) ? text.slice(0, valueStart).replace(/[ \t]+$/, '').length : valueStart;
  const kept = /^[ \t]*$/.test(restOfLine) ? '' : restOfLine;
  return text.slice(0, cut) + kept + eol + scriptItem(code, bytes, columnOf(text, key.range![0]) + 2, eol) + text.slice(lineEnd);
}
