// Which identities a collection's requests use (tags, token and cognito_iam_* references), so a run signs in only those.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { referencedTokens, tagFromLocation } from '../core/identities';
import { referencedIamIdentities } from '../core/identity-pool/variables';
import type { LoadedCollection } from './collections';
import { v3Text } from './v3-collection';

interface Place {
  /** [collection, folders..., request], as pm.execution.location gives it. */
  location: string[];
  /** The request's own text (auth, headers, URL, body): where it may name token variables. */
  text: string;
  /** The request says No Auth, or its own auth is of another kind than bearer/inherit (the script leaves it alone). */
  auth: 'noauth' | 'inherit' | 'other';
}

type Json = Record<string, unknown>;

/** A collection's text without its scripts (pm-cognito's own script must not count as a request naming variables). */
export function itemsText(suite: LoadedCollection): string {
  if (suite.v3 !== undefined) return v3Text(suite.v3).replace(/\n\s*code: [|>][-+]?\n(?:\s{4,}.*\n?)*/g, '\n');
  return JSON.stringify(suite.collection, (key, value: unknown) => (key === 'event' ? undefined : value));
}
const record = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Json : {});

function authOf(value: unknown): Place['auth'] {
  const type = record(value)['type'];
  return type === 'noauth' ? 'noauth' : type === undefined || type === 'inherit' ? 'inherit' : 'other';
}

/** Every request of a v2.1 collection with its place; a folder's No Auth is inherited by what has no auth of its own. */
function v21Places(collection: Json, name: string): Place[] {
  const places: Place[] = [];
  const walk = (items: unknown, location: string[], inherited: Place['auth']) => {
    if (!Array.isArray(items)) return;
    for (const raw of items) {
      const item = record(raw);
      const itemName = typeof item['name'] === 'string' ? item['name'] : '';
      if (Array.isArray(item['item'])) {
        const own = authOf(item['auth']);
        walk(item['item'], [...location, itemName], own === 'inherit' ? inherited : own);
      } else {
        const request = record(item['request']);
        const own = authOf(request['auth']);
        places.push({ location: [...location, itemName], text: JSON.stringify(item['request'] ?? ''), auth: own === 'inherit' ? inherited : own });
      }
    }
  };
  walk(collection['item'], [name], 'inherit');
  return places;
}

function v3Places(suite: LoadedCollection): Place[] {
  const v3 = suite.v3!;
  return v3.requests.map((request) => {
    let text = '';
    try {
      text = readFileSync(join(v3.dir, request.file), 'utf8');
    } catch {
      text = '';
    }
    return { location: request.location, text, auth: request.effectiveAuth };
  });
}

/**
 * The identities ('' is the default one) whose tokens or AWS credentials some request of the suite may need, by
 * the script's own routing (request-needs.ts): the token variables a request names, else its or its folder's tag,
 * else the default identity; plus every identity whose `{{cognito_*@name}}` variables appear anywhere else in the
 * collection outside its scripts (folder or collection auth, variables). Over-counting costs a sign-in; under-counting
 * only moves a sign-in into the suite, where the script does it.
 */
export function identitiesUsedBy(suite: LoadedCollection): Set<string> {
  const collectionText = itemsText(suite);
  const used = new Set<string>();
  for (const need of referencedTokens(collectionText)) used.add(need.identity);
  for (const identity of referencedIamIdentities(collectionText)) used.add(identity);
  const places = suite.v3 !== undefined ? v3Places(suite) : v21Places(suite.collection, suite.name);
  for (const place of places) {
    const references = referencedTokens(place.text);
    if (references.length > 0 || referencedIamIdentities(place.text).length > 0) continue;
    if (place.auth !== 'inherit') continue;
    const tag = tagFromLocation(place.location);
    if (tag === 'none') continue;
    used.add(tag === undefined ? '' : tag.identity);
  }
  return used;
}
