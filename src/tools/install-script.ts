// Puts the built script into a collection's pre-request script between markers, keeping any other code there.

export const BEGIN_MARKER = '// >>> pm-cognito (managed by `pm-cognito install`; edit outside these markers)';
export const END_MARKER = '// <<< pm-cognito';
/** Any earlier wording of the begin marker starts with this (the build used to be the only installer). */
const BEGIN_PREFIX = '// >>> pm-cognito';
/** The first line of every build's banner: a script pasted whole (or injected by Portman) has it, without markers. */
const BANNER_PREFIX = /^\/\/ pm-cognito \S+: Amazon Cognito sign-in for Postman/m;

/** What a collection's pre-request code holds of pm-cognito. */
export type ScriptState = 'current' | 'stale' | 'missing';

function markerLines(lines: readonly string[]): { begin: number; end: number } {
  const begin = lines.findIndex((line) => line.startsWith(BEGIN_PREFIX));
  const end = begin === -1 ? -1 : lines.indexOf(END_MARKER, begin + 1);
  return { begin, end };
}

function managedBlock(script: string): string[] {
  return [BEGIN_MARKER, ...script.replace(/\n$/, '').split('\n'), END_MARKER];
}

/**
 * The code with the script between the markers: an existing block is replaced, else the block goes
 * first (so the user's own code runs after the header is set). The same code when already current.
 */
export function spliceManagedBlock(code: string, script: string): string {
  const lines = code === '' ? [] : code.split('\n');
  const { begin, end } = markerLines(lines);
  const block = managedBlock(script);
  if (begin >= 0 && end > begin) return [...lines.slice(0, begin), ...block, ...lines.slice(end + 1)].join('\n');
  return [...block, ...lines].join('\n');
}

/** Whether the code has the begin and end markers. */
export function hasManagedBlock(code: string): boolean {
  const { begin, end } = markerLines(code.split('\n'));
  return begin >= 0 && end > begin;
}

/** Whether the code holds this build of the script ('current'), another one or one without markers ('stale'), or none. */
export function scriptState(code: string, script: string): ScriptState {
  const lines = code.split('\n');
  const { begin, end } = markerLines(lines);
  if (begin >= 0 && end > begin) return lines.slice(begin, end + 1).join('\n') === managedBlock(script).join('\n') ? 'current' : 'stale';
  // Pasted whole, or injected by Portman: this very build, just without markers.
  const body = script.replace(/\n$/, '');
  if (body !== '' && code.includes(body)) return 'current';
  return BANNER_PREFIX.test(code) ? 'stale' : 'missing';
}

interface CollectionEvent {
  listen: string;
  script?: { type?: string; exec?: string[] | string };
  [key: string]: unknown;
}

interface CollectionJson {
  event?: CollectionEvent[];
  [key: string]: unknown;
}

/** The collection-level pre-request code of a v2.1 collection ('' when it has none). */
export function collectionPrerequestCode(collection: CollectionJson): string {
  const exec = collection.event?.find((e) => e.listen === 'prerequest')?.script?.exec;
  return Array.isArray(exec) ? exec.join('\n') : typeof exec === 'string' ? exec : '';
}

/** The indentation the file was written with: Postman exports with tabs, this repository with two spaces. */
function indentOf(text: string): string | number {
  const match = /\n([ \t]+)"/.exec(text);
  if (!match) return 2;
  return match[1]!.startsWith('\t') ? '\t' : match[1]!.length;
}

/** Returns the collection JSON text with the script installed; the same text when already current. */
export function installScript(collectionText: string, script: string): string {
  const collection = JSON.parse(collectionText) as CollectionJson;
  if (scriptState(collectionPrerequestCode(collection), script) === 'current') return collectionText;
  const events = collection.event ?? (collection.event = []);
  let event = events.find((e) => e.listen === 'prerequest');
  if (!event) {
    event = { listen: 'prerequest', script: { type: 'text/javascript', exec: [] } };
    events.unshift(event);
  }
  const scriptObject = event.script ?? (event.script = { type: 'text/javascript', exec: [] });
  const code = collectionPrerequestCode(collection);
  // One element, not one per line: newman's cost per script run grows with the number of exec
  // elements (about 3.6 ms per request for this script as 1,700 lines; see docs/benchmarks.md).
  // The Postman app shows the same text either way.
  scriptObject.exec = [spliceManagedBlock(code, script)];
  scriptObject.type = 'text/javascript';
  return JSON.stringify(collection, null, indentOf(collectionText)) + (collectionText.endsWith('\n') || collectionText === '' ? '\n' : '');
}
