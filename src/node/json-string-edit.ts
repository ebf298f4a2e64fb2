// Replaces part of the text held by JSON string literals (an exec text or list) while every other escape and byte of them stays as written.

import type { Span } from './json-text';

/** Where each decoded UTF-16 unit of a string literal starts in the text; the last entry is its closing quote. */
function literalOffsets(text: string, literal: Span): number[] {
  const out: number[] = [];
  let i = literal.start + 1;
  while (i < literal.end - 1) {
    out.push(i);
    i += text[i] === '\\' ? (text[i + 1] === 'u' ? 6 : 2) : 1;
  }
  out.push(literal.end - 1);
  return out;
}

/**
 * The literals' code joined with '\n' (as newman joins exec lines) mapped to the text: entry k is where
 * the code's unit k starts; a joining '\n' and the end map to the closing quote of the literal before them.
 */
function joinedOffsets(text: string, literals: readonly Span[]): number[] {
  return literals.flatMap((literal) => literalOffsets(text, literal));
}

/** The offset in `code` where line `n` starts (code.length + 1 past the last line). */
function lineStart(lines: readonly string[], n: number): number {
  let at = 0;
  for (let i = 0; i < n; i++) at += lines[i]!.length + 1;
  return at;
}

/** At most how many lines at the start and at the end may be kept as they are (the rest is rewritten as one piece). */
export interface Keep {
  before: number;
  after: number;
}

/**
 * Where the old and new code differ, in whole lines: [from, to) of the old code and what replaces it, so
 * that a line the user wrote is either kept whole or (between two replaced blocks) rewritten whole.
 */
export function lineDifference(oldCode: string, newCode: string, keep: Keep = { before: Infinity, after: Infinity }): { from: number; to: number; inserted: string } {
  const a = oldCode.split('\n');
  const b = newCode.split('\n');
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && prefix < keep.before && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && suffix < keep.after && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const removed = a.slice(prefix, a.length - suffix);
  const added = b.slice(prefix, b.length - suffix);
  const from = lineStart(a, prefix);
  if (removed.length > 0 && added.length > 0) return { from, to: from + removed.join('\n').length, inserted: added.join('\n') };
  const lines = removed.length > 0 ? removed : added;
  const joined = lines.join('\n');
  // Whole lines come or go with one line break: the one after them, or before them at the end of the code.
  if (suffix > 0) return removed.length > 0 ? { from, to: from + joined.length + 1, inserted: '' } : { from, to: from, inserted: joined + '\n' };
  if (prefix === 0) return removed.length > 0 ? { from: 0, to: oldCode.length, inserted: '' } : { from: 0, to: 0, inserted: joined };
  return removed.length > 0 ? { from: from - 1, to: oldCode.length, inserted: '' } : { from: oldCode.length, to: oldCode.length, inserted: '\n' + joined };
}

function escaped(code: string): string {
  return JSON.stringify(code).slice(1, -1);
}

/**
 * The text with the code held by `literals` (the elements of an exec list, or the one exec text) turned
 * from `oldCode` into `newCode`, rewriting only the characters that differ: the user's lines before and
 * after keep their escapes and their own list elements. Whole lines inserted before a list element become
 * an element of their own, joined by `separator` (such as ",\n\t\t\t\t\t"). Undefined when the literals
 * do not hold `oldCode` (the caller then rewrites the whole value). `keep` makes a block rewritten as one piece.
 */
export function editStringLiterals(text: string, literals: readonly Span[], oldCode: string, newCode: string, separator: string | undefined, keep?: Keep): string | undefined {
  if (literals.length === 0) return undefined;
  const offsets = joinedOffsets(text, literals);
  if (offsets.length !== oldCode.length + 1) return undefined;
  const { from, to, inserted } = lineDifference(oldCode, newCode, keep);
  if (separator !== undefined && from === to && inserted.endsWith('\n')) {
    let elementStart = 0;
    for (const literal of literals) {
      if (elementStart === from) return text.slice(0, literal.start) + JSON.stringify(inserted.slice(0, -1)) + separator + text.slice(literal.start);
      elementStart += literalOffsets(text, literal).length;
    }
  }
  return text.slice(0, offsets[from]!) + escaped(inserted) + text.slice(offsets[to]!);
}
