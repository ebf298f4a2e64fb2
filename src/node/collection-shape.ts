// Checks the fields of a v2.1 collection that pm-cognito and the runners read, at any depth without recursion, naming the first bad one.

/**
 * Folders nested deeper than this are refused: no real collection comes near it, and newman, the
 * Postman app and parts of pm-cognito walk folders one call per level (a hostile file 5,000 deep
 * would overflow their stacks).
 */
export const MAX_FOLDER_DEPTH = 100;

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : 'a ' + typeof value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What is wrong with one node's `event` list, its fields named from `at` ('' for the collection). */
function eventProblem(events: unknown, at: string): string | undefined {
  if (events === undefined) return undefined;
  if (!Array.isArray(events)) return at + 'event must be an array (it is ' + kindOf(events) + ')';
  for (let i = 0; i < events.length; i++) {
    const event: unknown = events[i];
    const name = at + 'event[' + i + ']';
    if (!isRecord(event)) return name + ' must be an object (it is ' + kindOf(event) + ')';
    if (event['listen'] !== undefined && typeof event['listen'] !== 'string') return name + '.listen must be text (it is ' + kindOf(event['listen']) + ')';
    const script = event['script'];
    if (script === undefined) continue;
    if (!isRecord(script)) return name + '.script must be an object with an "exec" list (it is ' + kindOf(script) + ')';
    const exec = script['exec'];
    if (exec === undefined || typeof exec === 'string') continue;
    if (!Array.isArray(exec)) return name + '.script.exec must be an array of lines or a text (it is ' + kindOf(exec) + ')';
    const bad = exec.findIndex((line) => typeof line !== 'string');
    if (bad !== -1) return name + '.script.exec[' + bad + '] must be text (it is ' + kindOf(exec[bad]) + ')';
  }
  return undefined;
}

interface Pending {
  node: Record<string, unknown>;
  /** The node's field path with a trailing dot ('' for the collection). */
  at: string;
  depth: number;
}

/**
 * The first problem with a parsed v2.1 collection, e.g. 'event must be an array (it is an object)'
 * or 'item[2].event[0].script.exec must be an array of lines or a text (it is a number)'; undefined
 * when the fields pm-cognito reads are well formed. A missing top-level `item` is the caller's
 * business (it decides whether the file is a collection at all).
 */
export function collectionShapeProblem(collection: Record<string, unknown>): string | undefined {
  const pending: Pending[] = [{ node: collection, at: '', depth: 0 }];
  while (pending.length > 0) {
    const { node, at, depth } = pending.pop()!;
    const problem = eventProblem(node['event'], at);
    if (problem !== undefined) return problem;
    const items = node['item'];
    if (items === undefined) continue;
    if (!Array.isArray(items)) return at + 'item must be an array (it is ' + kindOf(items) + ')';
    if (items.length > 0 && depth >= MAX_FOLDER_DEPTH) {
      const path = at.length > 60 ? at.slice(0, 32) + '…' + at.slice(-24) : at;
      return path + 'item: folders are nested more than ' + MAX_FOLDER_DEPTH + ' deep, which pm-cognito does not accept: flatten the collection';
    }
    const bad = items.findIndex((child) => !isRecord(child));
    if (bad !== -1) return at + 'item[' + bad + '] must be an object (it is ' + kindOf(items[bad]) + ')';
    // Pushed in reverse so that the first bad item in document order is the one named.
    for (let i = items.length - 1; i >= 0; i--) pending.push({ node: items[i] as Record<string, unknown>, at: at + 'item[' + i + '].', depth: depth + 1 });
  }
  return undefined;
}
