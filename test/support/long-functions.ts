// Finds functions longer than a limit with the TypeScript compiler's own parser (typescript 7's API, which runs tsgo).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import {
  isArrowFunction,
  isConstructorDeclaration,
  isFunctionDeclaration,
  isFunctionExpression,
  isGetAccessorDeclaration,
  isMethodDeclaration,
  isSetAccessorDeclaration,
  type Node,
  type SourceFile,
} from 'typescript/unstable/ast';
import { API } from 'typescript/unstable/sync';

const FUNCTION_LIKE = [
  isFunctionDeclaration,
  isFunctionExpression,
  isArrowFunction,
  isMethodDeclaration,
  isConstructorDeclaration,
  isGetAccessorDeclaration,
  isSetAccessorDeclaration,
];

/** Function-like nodes of one parsed file spanning more than `limit` lines (first line to last line), as `name:line (n lines)`. */
export function longFunctionsIn(source: SourceFile, name: string, limit: number): string[] {
  const found: string[] = [];
  const visit = (node: Node): void => {
    if (FUNCTION_LIKE.some((is) => is(node))) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line + 1;
      if (last - first + 1 > limit) found.push(name + ':' + first + ' (' + (last - first + 1) + ' lines)');
    }
    node.forEachChild(visit);
  };
  visit(source);
  return found;
}

export interface FunctionScan {
  /** The files parsed, relative to the root. */
  files: string[];
  /** `file:line (n lines)` for each function over the limit. */
  long: string[];
}

/**
 * Every function over `limit` lines in `files` (absolute paths), named relative to `root`. tsgo parses just these
 * files (no lib, no imports followed: only their syntax is wanted); it is spawned once and closed before returning.
 */
export function longFunctions(root: string, files: readonly string[], limit: number): FunctionScan {
  const dir = mkdtempSync(join(tmpdir(), 'pm-cognito-function-size-'));
  const api = new API({ cwd: dir });
  try {
    const tsconfig = join(dir, 'tsconfig.json');
    writeFileSync(tsconfig, JSON.stringify({ compilerOptions: { noLib: true, noResolve: true, types: [], noEmit: true }, files }));
    const program = api.updateSnapshot({ openProjects: [tsconfig] }).getProjects()[0]?.program;
    if (program === undefined) throw new Error('tsgo opened no project for ' + tsconfig);
    const parsed = [...program.getSourceFileNames()].sort();
    const long = parsed.flatMap((file) => {
      const source = program.getSourceFile(file);
      if (source === undefined) throw new Error('tsgo has no source for ' + file);
      return longFunctionsIn(source, relative(root, file), limit);
    });
    return { files: parsed.map((file) => relative(root, file)), long };
  } finally {
    api.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
