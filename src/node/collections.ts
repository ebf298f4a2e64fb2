// Finds and reads the collections of a run (files, directories, or every collection in ./collections) and checks them up front.

import { readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { readJsonFile } from './read-json-file';
import { UsageError } from './usage-error';

export interface LoadedCollection {
  /** The collection's info.name, else the file name. */
  name: string;
  path: string;
  collection: Record<string, unknown>;
}

const SUFFIX = '.postman_collection.json';

function collectionsIn(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith(SUFFIX)).sort().map((f) => join(dir, f));
}

/** Reads one collection file; anything unreadable or not a collection is a usage error. */
export function readCollection(path: string): LoadedCollection {
  const parsed = readJsonFile(path, 'collection ' + path, 'check the path, and export collections from Postman as Collection v2.1');
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray((parsed as { item?: unknown }).item)) {
    throw new UsageError('pm-cognito: ' + path + ' is not a Postman collection (no "item" list): export it from Postman as Collection v2.1');
  }
  const collection = parsed as Record<string, unknown>;
  const info = collection['info'];
  const name = typeof info === 'object' && info !== null && typeof (info as { name?: unknown }).name === 'string'
    ? (info as { name: string }).name
    : basename(path, SUFFIX);
  return { name, path, collection };
}

/**
 * The collections to run: each argument is a collection file or a directory of `*.postman_collection.json`
 * files; with no argument, every collection in `<cwd>/collections`.
 */
export function loadCollections(args: readonly string[], cwd: string): LoadedCollection[] {
  const paths: string[] = [];
  if (args.length === 0) {
    const dir = join(cwd, 'collections');
    let found: string[] = [];
    try {
      found = collectionsIn(dir);
    } catch {
      found = [];
    }
    if (found.length === 0) {
      throw new UsageError('pm-cognito: no collection given and ' + dir + ' has no *' + SUFFIX + ' files: name the collection files to run, e.g. pm-cognito run api.postman_collection.json -e env.json');
    }
    paths.push(...found);
  } else {
    for (const arg of args) {
      const path = resolve(cwd, arg);
      let isDir = false;
      try {
        isDir = statSync(path).isDirectory();
      } catch {
        isDir = false;
      }
      if (isDir) {
        const found = collectionsIn(path);
        if (found.length === 0) throw new UsageError('pm-cognito: directory ' + arg + ' has no *' + SUFFIX + ' files: name the collection files instead');
        paths.push(...found);
      } else {
        paths.push(path);
      }
    }
  }
  return paths.map(readCollection);
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
