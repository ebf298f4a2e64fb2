// Finds and reads the collections of a run (files, directories, or every collection in ./collections) and checks them up front.

import { basename, join } from 'node:path';
import { collectionsInDirectory, resolveCollectionArg, type CollectionTarget } from './collection-targets';
import { collectionShapeProblem } from './collection-shape';
import { readJsonFile } from './read-json-file';
import { InputError } from './input-error';
import { readV3Collection, type V3Collection } from './v3-collection';

export interface LoadedCollection {
  /** The collection's info.name, else the file name. */
  name: string;
  path: string;
  /** The parsed v2.1 collection; for v3, just its name and variables in v2.1 shape. */
  collection: Record<string, unknown>;
  /** v3 collections (Postman v12 directories) run through the Postman CLI; undefined is v2.1. */
  format?: 'v2.1' | 'v3';
  v3?: V3Collection;
}

const SUFFIX = '.postman_collection.json';

/** Reads one collection file; anything unreadable or not a collection is a usage error. */
export function readCollection(path: string): LoadedCollection {
  const parsed = readJsonFile(path, 'collection ' + path, 'check the path, and export collections from Postman as Collection v2.1');
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray((parsed as { item?: unknown }).item)) {
    throw new InputError('pm-cognito: ' + path + ' is not a Postman collection (no "item" list): export it from Postman as Collection v2.1');
  }
  const collection = parsed as Record<string, unknown>;
  const problem = collectionShapeProblem(collection);
  if (problem !== undefined) throw new InputError('pm-cognito: ' + path + ': ' + problem + ': fix that field, or export the collection from Postman again');
  const info = collection['info'];
  const name = typeof info === 'object' && info !== null && typeof (info as { name?: unknown }).name === 'string'
    ? (info as { name: string }).name
    : basename(path, SUFFIX);
  return { name, path, collection, format: 'v2.1' };
}

/** Reads a v3 collection directory; its variables take the v2.1 shape so the rest of the run treats both alike. */
export function readV3Suite(dir: string): LoadedCollection {
  let v3: V3Collection;
  try {
    v3 = readV3Collection(dir);
  } catch (error) {
    throw new InputError('pm-cognito: ' + dir + ' is not a readable v3 collection (' + (error instanceof Error ? error.message : String(error)) + '): check the directory, or export it again from Postman');
  }
  const variable = Object.keys(v3.variables).map((key) => ({ key, value: v3.variables[key] }));
  return { name: v3.name, path: dir, collection: { info: { name: v3.name }, variable }, format: 'v3', v3 };
}

function load(target: CollectionTarget): LoadedCollection {
  return target.format === 'v3' ? readV3Suite(target.path) : readCollection(target.path);
}

/**
 * The collections to run: each argument is a collection file, a v3 collection directory, or a directory
 * of collections; with no argument, every collection in `<cwd>/collections`.
 */
export function loadCollections(args: readonly string[], cwd: string): LoadedCollection[] {
  if (args.length === 0) {
    const dir = join(cwd, 'collections');
    let found: CollectionTarget[] = [];
    try {
      found = collectionsInDirectory(dir);
    } catch {
      found = [];
    }
    if (found.length === 0) {
      throw new InputError('pm-cognito: no collection given and ' + dir + ' has no *' + SUFFIX + ' files or v3 collection directories: name the collections to run, e.g. pm-cognito run api.postman_collection.json -e env.json');
    }
    return found.map(load);
  }
  return args.flatMap((arg) => resolveCollectionArg(arg, cwd)).map(load);
}

/** The collection's own variables (lower precedence than the environment), for computing the same settings as the script. */
export function collectionVariablesOf(collection: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  const list = collection['variable'];
  if (!Array.isArray(list)) return out;
  for (const entry of list as Array<{ key?: unknown; value?: unknown; disabled?: unknown }>) {
    if (typeof entry !== 'object' || entry === null || typeof entry.key !== 'string' || entry.disabled === true) continue;
    if (entry.value === undefined || entry.value === null) continue;
    out[entry.key] = typeof entry.value === 'string' ? entry.value : String(entry.value);
  }
  return out;
}
