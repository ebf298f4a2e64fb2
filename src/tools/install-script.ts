// Puts the built script into a collection's pre-request script between markers, keeping any other code there and every other byte of the file.

import { fromFileSpace, lineEndingOf, toFileSpace, type TextBytes } from '../node/file-text';
import { arrayElements, lineIndent, member, objectMembers, skipWhitespace, type MemberSpan, type Span } from '../node/json-text';

export const BEGIN_MARKER = '// >>> pm-cognito (managed by `pm-cognito install`; edit outside these markers)';
export const END_MARKER = '// <<< pm-cognito';
/** Any earlier wording of the begin marker starts with this (the build used to be the only installer). */
const BEGIN_PREFIX = '// >>> pm-cognito';
/** The first line of every build's banner: a script pasted whole (or injected by Portman) has it, without markers. */
const BANNER_PREFIX = /^\/\/ pm-cognito \S+: Amazon Cognito sign-in for Postman/m;

/** What a collection's pre-request code holds of pm-cognito. */
export type ScriptState = 'current' | 'stale' | 'missing';

/** The script's text cannot be edited without guessing (a file that is not UTF-8 whose script is not UTF-8 either). */
export class ScriptTextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScriptTextError';
  }
}

/** Every begin…end pair, in order (a line may end in \r when the code came from a CRLF editor). */
function markerBlocks(lines: readonly string[]): Array<{ begin: number; end: number }> {
  const blocks: Array<{ begin: number; end: number }> = [];
  let begin = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (begin === -1 && line.startsWith(BEGIN_PREFIX)) begin = i;
    else if (begin !== -1 && line === END_MARKER) {
      blocks.push({ begin, end: i });
      begin = -1;
    }
  }
  return blocks;
}

function managedBlock(script: string): string[] {
  return [BEGIN_MARKER, ...script.replace(/\n$/, '').split('\n'), END_MARKER];
}

/**
 * The code with the script between the markers: the first existing block is replaced and any further
 * one removed (an older copy would run after it), else the block goes first (so the user's own code
 * runs after the header is set). The same code when already current.
 */
export function spliceManagedBlock(code: string, script: string): string {
  const lines = code === '' ? [] : code.split('\n');
  const blocks = markerBlocks(lines);
  const block = managedBlock(script);
  if (blocks.length === 0) return [...block, ...lines].join('\n');
  const out = [...lines.slice(0, blocks[0]!.begin), ...block];
  blocks.forEach(({ end }, i) => out.push(...lines.slice(end + 1, blocks[i + 1]?.begin ?? lines.length)));
  return out.join('\n');
}

/** How many begin…end blocks the code holds (more than one is stale: each would run). */
export function managedBlockCount(code: string): number {
  return markerBlocks(code.split('\n')).length;
}

/** Whether the code has the begin and end markers. */
export function hasManagedBlock(code: string): boolean {
  return managedBlockCount(code) > 0;
}

/** Whether the code holds this build of the script once ('current'), another one, several, or one without markers ('stale'), or none. */
export function scriptState(code: string, script: string): ScriptState {
  const lines = code.split('\n');
  const blocks = markerBlocks(lines);
  if (blocks.length > 1) return 'stale';
  if (blocks.length === 1) {
    const { begin, end } = blocks[0]!;
    return lines.slice(begin, end + 1).join('\n') === managedBlock(script).join('\n') ? 'current' : 'stale';
  }
  // Pasted whole, or injected by Portman: this very build, just without markers.
  const body = script.replace(/\n$/, '');
  if (body !== '' && code.includes(body)) return 'current';
  return BANNER_PREFIX.test(code) ? 'stale' : 'missing';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The collection-level pre-request code of a parsed v2.1 collection ('' when it has none, or its fields are not the expected kind). */
export function collectionPrerequestCode(collection: Record<string, unknown>): string {
  const events = collection['event'];
  const event: unknown = Array.isArray(events) ? events.find((e) => isRecord(e) && e['listen'] === 'prerequest') : undefined;
  const script = isRecord(event) ? event['script'] : undefined;
  const exec = isRecord(script) ? script['exec'] : undefined;
  if (Array.isArray(exec)) return exec.filter((line): line is string => typeof line === 'string').join('\n');
  return typeof exec === 'string' ? exec : '';
}

/** How the file lays out JSON: its indentation unit ('' when written on one line) and line ending. */
interface Layout {
  unit: string;
  eol: string;
}

/** The indentation the file was written with: Postman exports with tabs, this repository with two spaces. */
function layoutOf(text: string): Layout {
  if (!text.trimEnd().includes('\n')) return { unit: '', eol: '' };
  const match = /\n([ \t]+)"/.exec(text);
  const unit = !match ? '  ' : match[1]!.startsWith('\t') ? '\t' : match[1]!;
  return { unit, eol: lineEndingOf(text) };
}

/** `value` as JSON in the file's layout, its later lines indented by `indent`. */
function render(value: unknown, layout: Layout, indent: string, bytes: TextBytes): string {
  const json = layout.unit === '' ? JSON.stringify(value) : JSON.stringify(value, null, layout.unit).replace(/\n/g, layout.eol + indent);
  return toFileSpace(json, bytes);
}

function insertMember(text: string, object: Span, key: string, value: unknown, layout: Layout, bytes: TextBytes): string {
  const members = objectMembers(text, object.start);
  const pretty = layout.unit !== '';
  const last = members[members.length - 1];
  if (last !== undefined) {
    const indent = pretty ? lineIndent(text, last.keyStart) : '';
    const added = ',' + (pretty ? layout.eol + indent : '') + JSON.stringify(key) + (pretty ? ': ' : ':') + render(value, layout, indent, bytes);
    return text.slice(0, last.value.end) + added + text.slice(last.value.end);
  }
  const outer = pretty ? lineIndent(text, object.start) : '';
  const indent = outer + layout.unit;
  const inside = pretty ? layout.eol + indent + JSON.stringify(key) + ': ' + render(value, layout, indent, bytes) + layout.eol + outer : JSON.stringify(key) + ':' + render(value, layout, '', bytes);
  return text.slice(0, object.start + 1) + inside + text.slice(object.end - 1);
}

function insertFirstElement(text: string, array: Span, value: unknown, layout: Layout, bytes: TextBytes): string {
  const first = arrayElements(text, array.start)[0];
  const pretty = layout.unit !== '';
  if (first !== undefined) {
    const ownLine = text.slice(array.start, first.start).includes('\n');
    const indent = ownLine ? lineIndent(text, first.start) : '';
    const added = render(value, layout, indent, bytes) + ',' + (ownLine ? layout.eol + indent : pretty ? ' ' : '');
    return text.slice(0, first.start) + added + text.slice(first.start);
  }
  const outer = pretty ? lineIndent(text, array.start) : '';
  const indent = outer + layout.unit;
  const inside = pretty ? layout.eol + indent + render(value, layout, indent, bytes) + layout.eol + outer : render(value, layout, '', bytes);
  return text.slice(0, array.start + 1) + inside + text.slice(array.end - 1);
}

/** Where the collection-level pre-request script sits in the text, as far as it exists. */
interface Located {
  root: Span;
  events?: Span;
  event?: Span;
  script?: Span;
  exec?: MemberSpan;
}

function locate(text: string): Located {
  const start = skipWhitespace(text, 0);
  const located: Located = { root: { start, end: text.lastIndexOf('}') + 1 } };
  const events = member(objectMembers(text, start), 'event')?.value;
  if (events === undefined) return located;
  // The caller checks the shape first (collection-shape.ts); this only keeps a wrong one from being edited.
  if (text[events.start] !== '[') throw new ScriptTextError('event must be an array');
  located.events = events;
  const event = arrayElements(text, events.start).find((e) => text[e.start] === '{' && listenOf(text, e) === 'prerequest');
  if (event === undefined) return located;
  located.event = event;
  const script = member(objectMembers(text, event.start), 'script')?.value;
  if (script === undefined) return located;
  if (text[script.start] !== '{') throw new ScriptTextError('the prerequest event\'s script must be an object');
  located.script = script;
  const exec = member(objectMembers(text, script.start), 'exec');
  if (exec !== undefined) located.exec = exec;
  return located;
}

function listenOf(text: string, event: Span): unknown {
  const listen = member(objectMembers(text, event.start), 'listen')?.value;
  return listen === undefined ? undefined : (JSON.parse(text.slice(listen.start, listen.end)) as unknown);
}

/** The exec value's code, as Unicode; string literals are decoded from their own bytes. */
function codeOf(text: string, exec: Span, bytes: TextBytes): string {
  const literals = text[exec.start] === '[' ? arrayElements(text, exec.start) : [exec];
  return literals.map((literal) => {
    const raw = fromFileSpace(text.slice(literal.start, literal.end), bytes);
    if (raw === undefined) throw new ScriptTextError('its pre-request script (event[].script.exec) holds bytes that are not UTF-8, in a file that is not UTF-8 either: save the file as UTF-8 and run pm-cognito install again');
    return JSON.parse(raw) as string;
  }).join('\n');
}

/** The collection-level pre-request code of v2.1 collection text (a JSON object), as Unicode ('' when it has none). */
export function prerequestCodeFromText(text: string, bytes: TextBytes = 'utf8'): string {
  const { exec } = locate(text);
  return exec !== undefined ? codeOf(text, exec.value, bytes) : '';
}

/**
 * The collection text with the script installed; the same text when already current. Edits the text
 * (only the script's exec value, or an inserted event), never prints parsed JSON again: big numbers,
 * escapes, key order, indentation, line endings and non-UTF-8 bytes elsewhere stay as they are.
 * `text` must be a JSON object; with `bytes` 'latin1' it holds one character per byte of the file.
 */
export function installScript(text: string, script: string, bytes: TextBytes = 'utf8'): string {
  const located = locate(text);
  const code = prerequestCodeFromText(text, bytes);
  if (scriptState(code, script) === 'current') return text;
  // One element, not one per line: newman's cost per script run grows with the number of exec
  // elements (about 3.6 ms per request for this script as 1,700 lines; see docs/benchmarks.md).
  // The Postman app shows the same text either way.
  const newCode = spliceManagedBlock(code, script);
  const layout = layoutOf(text);
  if (located.exec !== undefined) {
    const { value } = located.exec;
    const literal = toFileSpace(JSON.stringify(newCode), bytes);
    const multiline = text.slice(value.start, value.end).includes('\n');
    const indent = lineIndent(text, located.exec.keyStart);
    const replaced = text[value.start] !== '[' ? literal : multiline ? '[' + layout.eol + indent + layout.unit + literal + layout.eol + indent + ']' : '[' + literal + ']';
    return text.slice(0, value.start) + replaced + text.slice(value.end);
  }
  if (located.script !== undefined) return insertMember(text, located.script, 'exec', [newCode], layout, bytes);
  const script0 = { type: 'text/javascript', exec: [newCode] };
  if (located.event !== undefined) return insertMember(text, located.event, 'script', script0, layout, bytes);
  const event = { listen: 'prerequest', script: script0 };
  if (located.events !== undefined) return insertFirstElement(text, located.events, event, layout, bytes);
  return insertMember(text, located.root, 'event', [event], layout, bytes);
}
