// The demo API's small HTTP helpers: JSON answers and bounded request bodies.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from './read-body';

export const MAX_BODY_BYTES = 64 * 1024;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendNoContent(res: ServerResponse): void {
  res.writeHead(204);
  res.end();
}

/** The body as UTF-8 text, or undefined when it is larger than MAX_BODY_BYTES. */
export async function bodyText(req: IncomingMessage): Promise<string | undefined> {
  return (await readBody(req, MAX_BODY_BYTES))?.toString('utf8');
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
