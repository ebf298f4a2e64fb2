// Edits the collection-level pre-request script of v2.1 collection text in place: only the exec values change, every other byte stays.

import { linesAroundBlocks, removeManagedBlocks, scriptState, spliceManagedBlock } from '../core/managed-block';
import { fromFileSpace, lineEndingOf, toFileSpace, type TextBytes } from './file-text';
import { editStringLiterals } from './json-string-edit';
import { arrayElements, lineIndent, member, objectMembers, skipWhitespace, type MemberSpan, type Span } from './json-text';
import { v21EditProblem } from './install-guard';

/** The script's text cannot be edited without guessing (a file that is not UTF-8 whose script is not UTF-8 either). */
export class ScriptTextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScriptTextError';
  }
}

/** How long the byte-order mark the text starts with is (0 without one); JSON.parse refuses it, so it is stepped over and kept. */
export function bomLength(text: string, bytes: TextBytes = 'utf8'): number {
  if (bytes === 'utf8') return text.startsWith('\uFEFF') ? 1 : 0;
  return text.startsWith('\u00EF\u00BB\u00BF') ? 3 : 0;
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

/** A prerequest event of the collection, as far as it has a script. */
interface Prerequest {
  event: Span;
  script?: Span;
  exec?: MemberSpan;
}

/** Where the collection-level pre-request scripts sit in the text (newman runs every prerequest event, in order). */
interface Located {
  root: Span;
  events?: Span;
  prerequests: Prerequest[];
}

function locate(text: string, bytes: TextBytes): Located {
  const start = skipWhitespace(text, bomLength(text, bytes));
  const located: Located = { root: { start, end: text.lastIndexOf('}') + 1 }, prerequests: [] };
  const events = member(objectMembers(text, start), 'event')?.value;
  if (events === undefined) return located;
  // The caller checks the shape first (collection-shape.ts); this only keeps a wrong one from being edited.
  if (text[events.start] !== '[') throw new ScriptTextError('event must be an array');
  located.events = events;
  for (const event of arrayElements(text, events.start)) {
    if (text[event.start] !== '{' || listenOf(text, event) !== 'prerequest') continue;
    const found: Prerequest = { event };
    located.prerequests.push(found);
    const script = member(objectMembers(text, event.start), 'script')?.value;
    if (script === undefined) continue;
    if (text[script.start] !== '{') throw new ScriptTextError('the prerequest event\'s script must be an object');
    found.script = script;
    const exec = member(objectMembers(text, script.start), 'exec');
    if (exec !== undefined) found.exec = exec;
  }
  return located;
}

function listenOf(text: string, event: Span): unknown {
  const listen = member(objectMembers(text, event.start), 'listen')?.value;
  return listen === undefined ? undefined : (JSON.parse(text.slice(listen.start, listen.end)) as unknown);
}

/** The exec value's code, as Unicode; string literals are decoded from their own bytes. */
function codeOf(text: string, exec: MemberSpan | undefined, bytes: TextBytes): string {
  if (exec === undefined) return '';
  const literals = text[exec.value.start] === '[' ? arrayElements(text, exec.value.start) : [exec.value];
  return literals.map((literal) => {
    const raw = fromFileSpace(text.slice(literal.start, literal.end), bytes);
    if (raw === undefined) throw new ScriptTextError('its pre-request script (event[].script.exec) holds bytes that are not UTF-8, in a file that is not UTF-8 either: save the file as UTF-8 and run pm-cognito install again');
    return JSON.parse(raw) as string;
  }).join('\n');
}

/** The code of each collection-level prerequest event of v2.1 collection text, as Unicode, in order. */
export function prerequestCodes(text: string, bytes: TextBytes = 'utf8'): string[] {
  return locate(text, bytes).prerequests.map((p) => codeOf(text, p.exec, bytes));
}

/** All the collection-level pre-request code of v2.1 collection text (a JSON object), as Unicode ('' when it has none): every prerequest event's, in order. */
export function prerequestCodeFromText(text: string, bytes: TextBytes = 'utf8'): string {
  return prerequestCodes(text, bytes).join('\n');
}

/** What joins two elements of this exec list (",\n\t\t\t\t\t" in a Postman export). */
function elementSeparator(text: string, literals: readonly Span[], list: Span, layout: Layout): string {
  if (literals.length > 1) return text.slice(literals[0]!.end, literals[1]!.start);
  if (literals.length === 1 && text.slice(list.start, literals[0]!.start).includes('\n')) return ',' + layout.eol + lineIndent(text, literals[0]!.start);
  return layout.unit === '' ? ',' : ', ';
}

/** The text with one exec value's code changed: only the lines that differ, else (a file that is not UTF-8) the whole value. */
function replaceExec(text: string, exec: MemberSpan, oldCode: string, newCode: string, layout: Layout, bytes: TextBytes): string {
  const { value } = exec;
  const isList = text[value.start] === '[';
  const literals = isList ? arrayElements(text, value.start) : [value];
  if (bytes === 'utf8') {
    // The block is rewritten whole, as one list element; the user's lines around it keep theirs.
    const edited = editStringLiterals(text, literals, oldCode, newCode, isList ? elementSeparator(text, literals, value, layout) : undefined, linesAroundBlocks(oldCode));
    if (edited !== undefined) return edited;
  }
  // One element, not one per line: newman's cost per script run grows with the number of exec
  // elements (about 3.6 ms per request for this script as 1,700 lines; see docs/benchmarks.md).
  const literal = toFileSpace(JSON.stringify(newCode), bytes);
  const multiline = text.slice(value.start, value.end).includes('\n');
  const indent = lineIndent(text, exec.keyStart);
  const replaced = !isList ? literal : multiline ? '[' + layout.eol + indent + layout.unit + literal + layout.eol + indent + ']' : '[' + literal + ']';
  return text.slice(0, value.start) + replaced + text.slice(value.end);
}

/** The first prerequest event (or a new one) holding `newCode`. */
function installFirst(text: string, located: Located, oldCode: string, newCode: string, layout: Layout, bytes: TextBytes): string {
  const first = located.prerequests[0];
  if (first?.exec !== undefined) return replaceExec(text, first.exec, oldCode, newCode, layout, bytes);
  if (first?.script !== undefined) return insertMember(text, first.script, 'exec', [newCode], layout, bytes);
  const script = { type: 'text/javascript', exec: [newCode] };
  if (first !== undefined) return insertMember(text, first.event, 'script', script, layout, bytes);
  const event = { listen: 'prerequest', script };
  if (located.events !== undefined) return insertFirstElement(text, located.events, event, layout, bytes);
  return insertMember(text, located.root, 'event', [event], layout, bytes);
}

/**
 * The collection text with the script installed; the same text when already current. Edits the text
 * (only the exec values, or an inserted event), never prints parsed JSON again: big numbers, escapes,
 * key order, indentation, line endings, the user's own exec lines and non-UTF-8 bytes elsewhere stay as
 * they are. The block goes into the first prerequest event; a block in a later one (an older copy that
 * would run too) is removed. `text` must be a JSON object; with `bytes` 'latin1' it holds one
 * character per byte of the file. The result is parsed again and compared before it is returned.
 */
export function installScript(text: string, script: string, bytes: TextBytes = 'utf8'): string {
  const located = locate(text, bytes);
  const codes = located.prerequests.map((p) => codeOf(text, p.exec, bytes));
  if (scriptState(codes.join('\n'), script) === 'current') return text;
  const others = codes.slice(1).map(removeManagedBlocks);
  const newCodes = codes.length === 0 ? [spliceManagedBlock('', script)] : [spliceManagedBlock(codes[0]!, script, others.join('\n')), ...others];
  const layout = layoutOf(text);
  let out = text;
  // From the last event to the first, so that the spans found before stay valid.
  for (let i = codes.length - 1; i >= 1; i--) if (newCodes[i] !== codes[i]) out = replaceExec(out, located.prerequests[i]!.exec!, codes[i]!, newCodes[i]!, layout, bytes);
  out = installFirst(out, located, codes[0] ?? '', newCodes[0]!, layout, bytes);
  const problem = v21EditProblem(text, out, newCodes.map((code) => toFileSpace(code, bytes)), bomLength(text, bytes));
  if (problem !== undefined) throw new ScriptTextError('pm-cognito could not install the script without changing other parts of the file (' + problem + '): nothing was changed; please report this with the file');
  return out;
}
