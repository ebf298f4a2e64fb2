// Tells what a path names: a v2.1 collection file, a v3 collection directory, or a directory holding collections.

import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { DEFINITION, enclosingCollection, isV3Directory } from './v3-collection';
import { InputError } from './input-error';

export const JSON_SUFFIX = '.postman_collection.json';

export interface CollectionTarget {
  format: 'v2.1' | 'v3';
  /** The collection file (v2.1) or directory (v3). */
  path: string;
  /** The file that holds the collection-level script: the JSON file, or the v3 root .resources/definition.yaml. */
  scriptFile: string;
}

function v3Target(dir: string): CollectionTarget {
  return { format: 'v3', path: dir, scriptFile: join(dir, DEFINITION) };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** What a symbolic link points to; a dangling link named like a collection is refused rather than skipped without a word. */
function linkedKind(path: string): 'file' | 'directory' | 'other' {
  try {
    const stat = statSync(path);
    return stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : 'other';
  } catch (error) {
    if (!path.endsWith(JSON_SUFFIX)) return 'other';
    throw new InputError('pm-cognito: ' + path + ' is a symbolic link to nothing (' + ((error as { code?: string }).code ?? 'error') + '): point it at the collection file, or remove it');
  }
}

/**
 * Every collection directly in `dir`: `*.postman_collection.json` files and v3 collection
 * directories, looking into plain subdirectories (such as Postman's `postman/collections/`) up to
 * three levels down, following symbolic links. Sorted by path.
 */
export function collectionsInDirectory(dir: string, depth = 3): CollectionTarget[] {
  const found: CollectionTarget[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    // A symbolic link counts as what it points to (its target is what install writes).
    const kind = entry.isSymbolicLink() ? linkedKind(path) : entry.isFile() ? 'file' : entry.isDirectory() ? 'directory' : 'other';
    if (kind === 'file' && entry.name.endsWith(JSON_SUFFIX)) found.push({ format: 'v2.1', path, scriptFile: path });
    else if (kind === 'directory' && isV3Directory(path)) found.push(v3Target(path));
    else if (kind === 'directory' && depth > 1) found.push(...collectionsInDirectory(path, depth - 1));
  }
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

const WHAT_IS_A_COLLECTION = 'give a v2.1 collection file (*.postman_collection.json, exported from Postman) or a v3 collection directory (the one holding .resources/definition.yaml)';

/**
 * The collections a command-line argument names: a collection file, a v3 collection directory, or a
 * directory of collections. Anything else is a usage error that says what to pass instead.
 */
export function resolveCollectionArg(arg: string, cwd: string): CollectionTarget[] {
  const path = resolve(cwd, arg);
  if (!existsSync(path)) throw new InputError('pm-cognito: collection ' + arg + ': it does not exist: ' + WHAT_IS_A_COLLECTION);
  // The root definition file itself stands for its collection.
  if (basename(path) === 'definition.yaml' && basename(dirname(path)) === '.resources') return resolveCollectionArg(dirname(dirname(path)), cwd);
  if (isDirectory(path)) {
    if (isV3Directory(path)) {
      const outer = enclosingCollection(path);
      if (outer !== undefined) {
        throw new InputError('pm-cognito: ' + arg + ' is a folder of the v3 collection ' + (relative(cwd, outer) || '.') + ': pass the collection\'s own directory');
      }
      return [v3Target(path)];
    }
    const found = collectionsInDirectory(path);
    if (found.length === 0) throw new InputError('pm-cognito: ' + arg + ' is a directory with no collection in it: ' + WHAT_IS_A_COLLECTION);
    return found;
  }
  if (path.endsWith('.json')) return [{ format: 'v2.1', path, scriptFile: path }];
  throw new InputError('pm-cognito: ' + arg + ' is not a Postman collection: ' + WHAT_IS_A_COLLECTION);
}
