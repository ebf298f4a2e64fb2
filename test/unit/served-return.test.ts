// served-return.ts: the return after the fast path's modules, on esbuild's real metafile and on hand-made layouts it must refuse.

import { describe, expect, it } from 'vitest';
import type { Metafile } from 'esbuild';
import { sandboxBundle } from '../../src/tools/sandbox-bundle';
import { deferredModules, ENTRY_STATEMENT, FULL_CODE_CALL, fastPathModules, SERVED_RETURN, withServedReturn } from '../../src/tools/served-return';

/** A metafile of modules importing each other (only what served-return reads: inputs and their imports). */
function metafileOf(imports: Record<string, string[]>): Metafile {
  const inputs = Object.fromEntries(Object.entries(imports).map(([path, list]) => [path, { bytes: 1, imports: list.map((p) => ({ path: p, kind: 'import-statement' as const, original: p })) }]));
  return { inputs, outputs: {} };
}

const META = metafileOf({
  'src/core/a.ts': [],
  'src/postman/fast-path.ts': ['src/core/a.ts'],
  'src/core/b.ts': ['src/core/a.ts'],
  'src/postman/full-code.ts': ['src/core/b.ts'],
  'src/postman/installed-entry.ts': ['src/postman/fast-path.ts', 'src/postman/full-code.ts'],
});

const bundle = (order: string[], entry = ENTRY_STATEMENT) => [...order.flatMap((path) => ['// ' + path, 'var x_' + path.length + ' = 1;', '']), '// src/postman/installed-entry.ts', entry, ''].join('\n');

describe('withServedReturn', () => {
  it('puts the return before the first module the fast path does not need, and leaves the entry the full code\'s call', () => {
    const out = withServedReturn(bundle(['src/core/a.ts', 'src/postman/fast-path.ts', 'src/core/b.ts', 'src/postman/full-code.ts']), META).split('\n');
    const at = out.indexOf(SERVED_RETURN[1]!);
    expect(at).toBeGreaterThan(out.indexOf('// src/postman/fast-path.ts'));
    expect(at).toBeLessThan(out.indexOf('// src/core/b.ts'));
    expect(out).toContain(FULL_CODE_CALL);
    expect(out).not.toContain(ENTRY_STATEMENT);
    expect(out.filter((line) => line.includes('serveFromNote()'))).toHaveLength(1);
  });

  it('refuses a layout where a module the fast path needs comes after one it does not (it would be evaluated too late)', () => {
    expect(() => withServedReturn(bundle(['src/core/b.ts', 'src/core/a.ts', 'src/postman/fast-path.ts', 'src/postman/full-code.ts']), META)).toThrow(/src\/core\/a\.ts \(the fast path needs it\) comes after \/\/ src\/core\/b\.ts/);
  });

  it('refuses a bundle whose entry statement is missing or changed', () => {
    expect(() => withServedReturn(bundle(['src/core/a.ts', 'src/postman/fast-path.ts', 'src/core/b.ts'], 'void runFullCode();'), META)).toThrow(/expected the line/);
  });

  it('moves the deferred modules to just after the return, ahead of the full code\'s, in their order', () => {
    const out = withServedReturn(bundle(['src/core/a.ts', 'src/postman/fast-path.ts', 'src/core/b.ts', 'src/postman/full-code.ts']), META, new Set(['src/core/a.ts'])).split('\n');
    const at = out.indexOf(SERVED_RETURN[1]!);
    expect(out.indexOf('// src/postman/fast-path.ts')).toBeLessThan(at);
    expect(out.indexOf('// src/core/a.ts')).toBeGreaterThan(at);
    expect(out.indexOf('// src/core/a.ts')).toBeLessThan(out.indexOf('// src/core/b.ts'));
  });

  it('refuses to defer a module whose value the modules before the return use as they are evaluated', () => {
    const layout = ['// src/core/a.ts', 'var A = class {};', '', '// src/postman/fast-path.ts', 'var made = new A();', '', '// src/core/b.ts', '', '// src/postman/installed-entry.ts', ENTRY_STATEMENT, ''].join('\n');
    expect(() => withServedReturn(layout, META)).not.toThrow();
    expect(() => withServedReturn(layout, META, new Set(['src/core/a.ts']))).toThrow(/do not evaluate on their own \(src\/core\/a\.ts deferred\): TypeError/);
  });

  it('on the real bundle: the fast path\'s modules are exactly the ones before the return, the error classes after it, both forms', async () => {
    for (const withoutIam of [true, false]) {
      const { text, metafile } = await sandboxBundle('installed-entry.ts', { unwrapped: true, withoutIam, metafile: true });
      const alone = await sandboxBundle('fast-path.ts', { unwrapped: true, withoutIam, metafile: true });
      const needed = fastPathModules(metafile!);
      const deferred = deferredModules(metafile!, alone.metafile!);
      expect(needed.has('src/core/cache-policy.ts')).toBe(true);
      expect(needed.has('src/core/srp.ts')).toBe(false);
      expect(needed.has('src/postman/full-code.ts')).toBe(false);
      // Imported by the fast path's modules (for refusals on paths that decline), never run when it serves.
      expect([...deferred]).toContain('src/core/errors.ts');
      expect(deferred.has('src/core/cache-policy.ts')).toBe(false);
      const lines = withServedReturn(text, metafile!, deferred).split('\n');
      const at = lines.indexOf(SERVED_RETURN[1]!);
      const before = lines.slice(0, at).filter((line) => /^\/\/ src\//.test(line)).map((line) => line.slice(3));
      const after = lines.slice(at).filter((line) => /^\/\/ src\//.test(line)).map((line) => line.slice(3));
      for (const path of before) expect(needed.has(path) && !deferred.has(path), path).toBe(true);
      for (const path of after) expect(!needed.has(path) || deferred.has(path), path).toBe(true);
      expect(after).toContain('src/core/srp.ts');
      expect(after).toContain('src/core/errors.ts');
      expect(lines.filter((line) => /^var \w+ = class\b/.test(line) && lines.indexOf(line) < at)).toEqual([]);
    }
  });
});
