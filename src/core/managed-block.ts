// The markers around pm-cognito's script in a pre-request script, and what a script's code holds of it: pure text logic, no I/O.

export const BEGIN_MARKER = '// >>> pm-cognito (managed by `pm-cognito install`; edit outside these markers)';
export const END_MARKER = '// <<< pm-cognito';
/**
 * What opens the begin line when the block is the script's only code: Postman's sandbox then skips setting up its legacy
 * globals (tests, postman, environment, CryptoJS, _, atob…) for this script, which pm-cognito never uses; that setup is
 * about a quarter of what a minimal script costs per request in newman 6.2.2 (docs/benchmarks.md). The sandbox reads it
 * only as the script's first 15 characters. Code added beside the block makes it stale (`install --check`), and the
 * next install writes the plain begin line, so that code keeps the legacy globals it may use.
 */
export const LEGACY_OFF = '"use sandbox2";';
/** Any earlier wording of the begin marker starts with this (the build used to be the only installer). */
const BEGIN_PREFIX = '// >>> pm-cognito';
/** The first line of every build's banner: a script pasted whole (or injected by Portman) has it, without markers. */
const BANNER_PREFIX = /^\/\/ pm-cognito \S+: Amazon Cognito sign-in for Postman/m;

/**
 * The line that marks the installed script with what signs with AWS keys (`pm-cognito install --iam`: identity pools
 * and the ADMIN_* flows): a re-install or `--check` keeps that form for a collection that has it.
 */
export const IAM_FORM_LINE = '// With AWS keys (pm-cognito install --iam): identity pools fill cognito_iam_*, ADMIN_* flows sign with cognito_aws_*.';

/** Whether the code holds the --iam form of the script (any build: the marking line, alone on its line; indented in a YAML file). */
export function hasIamForm(code: string): boolean {
  return code.split('\n').some((line) => line.trim() === IAM_FORM_LINE);
}

/** What a collection's pre-request code holds of pm-cognito. */
export type ScriptState = 'current' | 'stale' | 'missing';

/** Every begin…end pair, in order (a line may end in \r when the code came from a CRLF editor). */
function markerBlocks(lines: readonly string[]): Array<{ begin: number; end: number }> {
  const blocks: Array<{ begin: number; end: number }> = [];
  let begin = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (begin === -1 && withoutLegacyOff(line).startsWith(BEGIN_PREFIX)) begin = i;
    else if (begin !== -1 && line === END_MARKER) {
      blocks.push({ begin, end: i });
      begin = -1;
    }
  }
  return blocks;
}

/** A begin line without the LEGACY_OFF that may open it. */
const withoutLegacyOff = (line: string): string => (line.startsWith(LEGACY_OFF + ' ') ? line.slice(LEGACY_OFF.length + 1) : line);

/** The block; `alone`: it is the script's only code (see LEGACY_OFF). */
function managedBlock(script: string, alone: boolean): string[] {
  return [(alone ? LEGACY_OFF + ' ' : '') + BEGIN_MARKER, ...script.replace(/\n$/, '').split('\n'), END_MARKER];
}

/**
 * Whether the block, spliced in, is the script's only code (LEGACY_OFF opens the script's first line): the first block
 * (if any) starts the code, and every line outside the blocks is blank. One rule for writing and for checking.
 */
function blockAlone(lines: readonly string[], blocks: ReadonlyArray<{ begin: number; end: number }>): boolean {
  return (blocks[0]?.begin ?? 0) === 0 && lines.every((line, i) => line.trim() === '' || blocks.some(({ begin, end }) => i >= begin && i <= end));
}

/**
 * The code with the script between the markers: the first existing block is replaced and any further
 * one removed (an older copy would run after it), else the block goes first (so the user's own code
 * runs after the header is set). The same code when already current.
 * `besides`: the code of the collection's other prerequest scripts (v2.1 may have several), read together with this one
 * by scriptState: the block is alone (LEGACY_OFF) only when that is blank too.
 */
export function spliceManagedBlock(code: string, script: string, besides = ''): string {
  const lines = code === '' ? [] : code.split('\n');
  const blocks = markerBlocks(lines);
  const block = managedBlock(script, besides.trim() === '' && blockAlone(lines, blocks));
  if (blocks.length === 0) return [...block, ...lines].join('\n');
  const out = [...lines.slice(0, blocks[0]!.begin), ...block];
  blocks.forEach(({ end }, i) => out.push(...lines.slice(end + 1, blocks[i + 1]?.begin ?? lines.length)));
  return out.join('\n');
}

/** The code with every managed block removed (for a second prerequest event: its copy would run too). */
export function removeManagedBlocks(code: string): string {
  const lines = code.split('\n');
  const blocks = markerBlocks(lines);
  if (blocks.length === 0) return code;
  const out = lines.slice(0, blocks[0]!.begin);
  blocks.forEach(({ end }, i) => out.push(...lines.slice(end + 1, blocks[i + 1]?.begin ?? lines.length)));
  return out.join('\n');
}

/** How many lines come before the first managed block and after the last one (undefined without a block). */
export function linesAroundBlocks(code: string): { before: number; after: number } | undefined {
  const lines = code.split('\n');
  const blocks = markerBlocks(lines);
  if (blocks.length === 0) return undefined;
  return { before: blocks[0]!.begin, after: lines.length - 1 - blocks[blocks.length - 1]!.end };
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
    return lines.slice(begin, end + 1).join('\n') === managedBlock(script, blockAlone(lines, blocks)).join('\n') ? 'current' : 'stale';
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
