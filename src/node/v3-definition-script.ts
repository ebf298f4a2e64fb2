// Reads and rewrites the collection script in a v3 collection's root .resources/definition.yaml, changing no other byte.

import { isMap, isScalar, isSeq, parseDocument, type Document, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { spliceManagedBlock } from '../tools/install-script';

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

function scriptsOf(root: YAMLMap): { pair: Pair | undefined; item: YAMLMap | undefined; code: Scalar | undefined } {
  const pair = root.items.find((p) => isScalar(p.key) && p.key.value === 'scripts');
  if (pair === undefined || !isSeq(pair.value)) return { pair, item: undefined, code: undefined };
  const item = pair.value.items.find((i): i is YAMLMap => isMap(i) && i.get('type') === BEFORE_REQUEST);
  const code = item?.get('code', true);
  return { pair, item, code: isScalar(code) ? code : undefined };
}

/** The collection-level pre-request code of a v3 root definition ('' when it has none); throws DefinitionError if it is not one. */
export function definitionPrerequestCode(text: string, file: string): string {
  const { code } = scriptsOf(parse(text, file).root);
  return code !== undefined && typeof code.value === 'string' ? code.value : '';
}

/** The column a line of `text` starts its content at, for the line holding `offset`. */
function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** A YAML literal block scalar (`|-`) holding `code` exactly, its lines indented by `indent` spaces. */
export function literalBlock(code: string, indent: number): string {
  const trailing = /\n*$/.exec(code)![0].length;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const body = trailing === 0 ? code : code.slice(0, -trailing);
  const lines = body.split('\n');
  // A first line that starts with a space needs an explicit indentation indicator.
  const indicator = /^[ \t]/.test(lines.find((l) => l !== '') ?? '') ? String(indent) : '';
  const pad = ' '.repeat(indent);
  const rendered = lines.map((line) => (line === '' ? '' : pad + line)).join('\n');
  return '|' + indicator + chomp + '\n' + rendered + '\n'.repeat(Math.max(trailing, 1) - 1);
}

function scriptItem(code: string, dashIndent: number): string {
  const pad = ' '.repeat(dashIndent);
  return pad + '- type: ' + BEFORE_REQUEST + '\n' +
    pad + '  code: ' + literalBlock(code, dashIndent + 4) + '\n' +
    pad + '  language: text/javascript\n';
}

/**
 * The definition text with the script installed. The managed block is spliced into the existing
 * code's source range; everything outside that range (keys, comments, quoting, indentation) keeps
 * its bytes. Returns the same text when the script is already current.
 */
export function installInDefinition(text: string, script: string, file: string): string {
  const { root } = parse(text, file);
  const { pair, item, code } = scriptsOf(root);
  const oldCode = code !== undefined && typeof code.value === 'string' ? code.value : '';
  const newCode = spliceManagedBlock(oldCode, script);
  if (code !== undefined && newCode === oldCode) return text;

  if (code !== undefined && code.range) {
    const [start, end] = code.range;
    const codeKey = item!.items.find((p) => isScalar(p.key) && p.key.value === 'code')!.key as Scalar;
    const keyColumn = columnOf(text, codeKey.range![0]);
    const old = text.slice(start, end);
    // Keep the indentation the file already uses for this block, if it is a block.
    const firstContent = /^[|>][^\n]*\n( *)\S/.exec(old);
    const indent = firstContent && firstContent[1]!.length > keyColumn ? firstContent[1]!.length : keyColumn + 2;
    const block = literalBlock(newCode, indent);
    return text.slice(0, start) + (old.endsWith('\n') ? block + '\n' : block) + text.slice(end);
  }

  if (item !== undefined) {
    // A beforeRequest item without a code string: rare enough to re-emit the item's map only.
    throw new DefinitionError(file + ': its ' + BEFORE_REQUEST + ' script has no "code" text: remove that item or give it code: "" and run pm-cognito install again');
  }

  const seq = pair?.value;
  const firstItem = isSeq(seq) ? (seq.items[0] as { range?: [number, number, number] } | undefined) : undefined;
  if (isSeq(seq) && seq.flow !== true && firstItem?.range !== undefined) {
    // Insert a new first item at the indentation of the existing ones.
    const first = firstItem.range[0];
    const dash = text.lastIndexOf('-', first - 1);
    const lineStart = text.lastIndexOf('\n', dash - 1) + 1;
    return text.slice(0, lineStart) + scriptItem(newCode, dash - lineStart) + text.slice(lineStart);
  }
  if (pair !== undefined && !(isSeq(seq) && seq.items.length === 0) && !(isScalar(seq) && (seq.value === null || seq.value === ''))) {
    throw new DefinitionError(file + ': "scripts" is not a list this installer can extend: write it as a block list (- type: ...) and run pm-cognito install again');
  }
  if (pair !== undefined) {
    // `scripts: []` or an empty `scripts:`: replace that line's value with the list.
    const keyStart = (pair.key as Scalar).range![0];
    const lineEnd = text.indexOf('\n', keyStart);
    const keyColumn = columnOf(text, keyStart);
    return text.slice(0, keyStart) + 'scripts:\n' + scriptItem(newCode, keyColumn + 2) + (lineEnd === -1 ? '' : text.slice(lineEnd + 1));
  }
  // No scripts at all: append the key to the root map, at the end of the file.
  const body = text === '' || text.endsWith('\n') ? text : text + '\n';
  return body + 'scripts:\n' + scriptItem(newCode, 2);
}
