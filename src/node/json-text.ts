// Finds where values sit in JSON text, without recursion, so one value can be replaced and every other byte kept.

/** A value's place in the text: [start, end). */
export interface Span {
  start: number;
  end: number;
}

export interface MemberSpan {
  key: string;
  /** Where the key's opening quote is. */
  keyStart: number;
  value: Span;
}

const WHITESPACE = /[ \t\r\n]/;

export function skipWhitespace(text: string, at: number): number {
  let i = at;
  while (i < text.length && WHITESPACE.test(text[i]!)) i++;
  return i;
}

function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** Where the value starting at `start` ends; the text must be valid JSON (JSON.parse it first). Iterative: any depth. */
export function valueEnd(text: string, start: number): number {
  const first = text[start];
  if (first === '"') return stringEnd(text, start);
  if (first !== '{' && first !== '[') {
    let i = start;
    while (i < text.length && !/[,\]} \t\r\n]/.test(text[i]!)) i++;
    return i;
  }
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      i = stringEnd(text, i);
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  return i;
}

/** The members of the object at `start`, in order (duplicates kept: JSON.parse takes the last). */
export function objectMembers(text: string, start: number): MemberSpan[] {
  const members: MemberSpan[] = [];
  let i = skipWhitespace(text, start + 1);
  while (text[i] === '"') {
    const keyEnd = stringEnd(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    const valueStart = skipWhitespace(text, skipWhitespace(text, keyEnd) + 1);
    const end = valueEnd(text, valueStart);
    members.push({ key, keyStart: i, value: { start: valueStart, end } });
    i = skipWhitespace(text, end);
    if (text[i] === ',') i = skipWhitespace(text, i + 1);
  }
  return members;
}

/** The elements of the array at `start`, in order. */
export function arrayElements(text: string, start: number): Span[] {
  const elements: Span[] = [];
  let i = skipWhitespace(text, start + 1);
  while (i < text.length && text[i] !== ']') {
    const end = valueEnd(text, i);
    elements.push({ start: i, end });
    i = skipWhitespace(text, end);
    if (text[i] === ',') i = skipWhitespace(text, i + 1);
  }
  return elements;
}

/** The last member named `key` (the one JSON.parse keeps). */
export function member(members: readonly MemberSpan[], key: string): MemberSpan | undefined {
  for (let i = members.length - 1; i >= 0; i--) if (members[i]!.key === key) return members[i];
  return undefined;
}

/** The whitespace a line starts with, for the line holding `offset`. */
export function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
}
