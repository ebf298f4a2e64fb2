// Reads a Postman v12 (schema 3.0.0, git-native) collection directory: its name, variables, and each request's place and auth.

import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { yaml } from './yaml';
import { tagFromLocation } from '../core/identities';
import { MAX_FOLDER_DEPTH } from './collection-shape';

export const DEFINITION = join('.resources', 'definition.yaml');
const REQUEST_SUFFIX = '.request.yaml';

export interface V3Request {
  /** [collection, folders..., request], as pm.execution.location gives it. */
  location: string[];
  /** The request's file, relative to the collection directory. */
  file: string;
  /** 'noauth' when the request or a folder above it (not the collection) says No Auth and nothing nearer says otherwise. */
  effectiveAuth: 'noauth' | 'inherit' | 'other';
}

export interface V3Collection {
  name: string;
  dir: string;
  /** The collection's own enabled variables. */
  variables: Record<string, string>;
  requests: V3Request[];
}

/** Whether a directory holds a v3 collection (or folder) definition. */
export function isV3Directory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory() && existsSync(join(dir, DEFINITION));
  } catch {
    return false;
  }
}

function readYaml(file: string): unknown {
  const doc = yaml().parseDocument(readFileSync(file, 'utf8'), { prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) throw new Error(file + ' is not valid YAML (' + doc.errors[0]!.message.split('\n')[0] + ')');
  return doc.toJS() as unknown;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** `auth: {type}` on a request, `auth: [{type}]` on a folder or collection (as `postman collection migrate` writes them). */
function authType(value: unknown): Auth {
  const auth = Array.isArray(value) ? value[0] : value;
  if (auth === undefined || auth === null) return 'inherit';
  const type = record(auth)['type'];
  if (type === 'noauth') return 'noauth';
  if (type === 'inherit' || type === undefined) return 'inherit';
  return 'other';
}

function variablesOf(definition: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  const list = definition['variables'];
  if (!Array.isArray(list)) return out;
  for (const entry of list.map(record)) {
    if (typeof entry['key'] !== 'string' || entry['disabled'] === true) continue;
    const value = entry['value'];
    if (value === undefined || value === null) continue;
    out[entry['key']] = typeof value === 'string' ? value : String(value);
  }
  return out;
}

type Auth = 'noauth' | 'inherit' | 'other';

/** A folder being read: its entries in name order and the next one to look at. */
interface OpenFolder {
  folder: string;
  location: string[];
  inherited: Auth;
  relative: string;
  entries: Dirent[];
  next: number;
}

function openFolder(folder: string, location: string[], inherited: Auth, relative: string): OpenFolder {
  const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  return { folder, location, inherited, relative, entries, next: 0 };
}

/** Reads the collection at `dir` (whose .resources/definition.yaml must exist). */
export function readV3Collection(dir: string): V3Collection {
  const root = record(readYaml(join(dir, DEFINITION)));
  const name = typeof root['name'] === 'string' && root['name'] !== '' ? root['name'] : basename(dir);
  const requests: V3Request[] = [];
  // The collection's own auth is not counted: the README asks for No Auth or Inherit there, with the script setting the header.
  // A stack of open folders rather than recursion: requests come in the same order, and no depth can overflow the call stack.
  const open = [openFolder(dir, [name], 'inherit', '')];
  while (open.length > 0) {
    const at = open[open.length - 1]!;
    const entry = at.entries[at.next++];
    if (entry === undefined) {
      open.pop();
      continue;
    }
    if (entry.name.startsWith('.')) continue;
    const path = join(at.folder, entry.name);
    if (entry.isDirectory() && existsSync(join(path, DEFINITION))) {
      if (open.length > MAX_FOLDER_DEPTH) throw new Error(join(at.relative, entry.name) + ': folders are nested more than ' + MAX_FOLDER_DEPTH + ' deep, which pm-cognito does not accept: flatten the collection');
      const definition = record(readYaml(join(path, DEFINITION)));
      const folderName = typeof definition['name'] === 'string' && definition['name'] !== '' ? definition['name'] : entry.name;
      const own = authType(definition['auth']);
      open.push(openFolder(path, [...at.location, folderName], own === 'inherit' ? at.inherited : own, join(at.relative, entry.name)));
    } else if (entry.isFile() && entry.name.endsWith(REQUEST_SUFFIX)) {
      const request = record(readYaml(path));
      const requestName = typeof request['name'] === 'string' && request['name'] !== '' ? request['name'] : entry.name.slice(0, -REQUEST_SUFFIX.length);
      const own = authType(request['auth']);
      requests.push({ location: [...at.location, requestName], file: join(at.relative, entry.name), effectiveAuth: own === 'inherit' ? at.inherited : own });
    }
  }
  return { name, dir, variables: variablesOf(root), requests };
}

/**
 * Requests whose auth is No Auth but which would get a token anyway: in a v3 run `pm.request.auth` is
 * undefined for No Auth, exactly as for inherited auth, so the script cannot tell them apart. A `@none`
 * tag on the request or a folder is visible to it.
 */
export function untaggedNoauthRequests(collection: V3Collection): V3Request[] {
  return collection.requests.filter((r) => r.effectiveAuth === 'noauth' && tagFromLocation(r.location) !== 'none');
}

/** One warning line per such request, naming it and saying what to do. */
export function noauthWarnings(collection: V3Collection): string[] {
  return untaggedNoauthRequests(collection).map((r) =>
    'pm-cognito: warning: "' + r.location.join(' / ') + '" (' + r.file + ') is No Auth, which the script cannot see in a v3 collection: ' +
    'pm-cognito run sends it no token, but the Postman app and a plain `postman collection run` send one; add @none to the end of its name (or its folder\'s)');
}

/** The collection directory a folder directory belongs to, when `dir` is a folder of a larger collection. */
export function enclosingCollection(dir: string): string | undefined {
  let parent = dirname(dir);
  let found: string | undefined;
  while (parent !== dirname(parent) && isV3Directory(parent)) {
    found = parent;
    parent = dirname(parent);
  }
  return found;
}

/** Every YAML file of the collection (requests, folder and collection definitions) as one text, to find the variables they name. */
export function v3Text(collection: V3Collection): string {
  const files = readdirSync(collection.dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.yaml')).sort();
  return files.map((file) => readFileSync(join(collection.dir, file), 'utf8')).join('\n');
}
