// The test workers' reuse of newman's sandbox boot script: compiled once, every run still in a context of its own.

import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { installBootScriptReuse } from '../support/sandbox-boot-script';

/** A boot-sized text (over 1 MB) that counts its runs in the context it runs in. */
const boot = (step: number) => 'var runs = (typeof runs === "number" ? runs : 0) + ' + step + '; var seen = "' + 'x'.repeat(1_100_000) + '".length;';
const BOOT = boot(1);

function fakeVm() {
  const calls: string[] = [];
  const target = {
    runInContext: ((code: string, context: vm.Context, options?: vm.RunningScriptOptions) => {
      calls.push(code.length > 100 ? 'boot-sized' : code);
      return vm.runInContext(code, context, options);
    }) as typeof vm.runInContext,
  };
  installBootScriptReuse(target);
  return { target, calls };
}

describe('installBootScriptReuse', () => {
  it('runs the same boot text in fresh contexts without handing it to the original again, each context its own', () => {
    const { target, calls } = fakeVm();
    const first = vm.createContext({});
    const second = vm.createContext({});
    target.runInContext(BOOT, first, { timeout: 5_000 });
    target.runInContext(BOOT.slice(0), second);
    target.runInContext(BOOT, second);
    expect(calls).toEqual([]);
    expect(vm.runInContext('runs + ":" + seen', first)).toBe('1:1100000');
    expect(vm.runInContext('runs', second)).toBe(2);
  });

  it('leaves small texts, other options and a changed text as they were', () => {
    const { target, calls } = fakeVm();
    const context = vm.createContext({});
    expect(target.runInContext('1 + 1', context)).toBe(2);
    target.runInContext(BOOT, context, { filename: 'named.js' });
    expect(calls).toEqual(['1 + 1', 'boot-sized']);
    target.runInContext(boot(10), context);
    expect(vm.runInContext('runs', context)).toBe(11);
  });

  it('is installed once per target', () => {
    const { target } = fakeVm();
    const wrapped = target.runInContext;
    installBootScriptReuse(target);
    expect(target.runInContext).toBe(wrapped);
  });

  it('is what the test workers use: vm.runInContext is the wrapper', () => {
    expect(vm.runInContext.name).toBe('runInContext');
    expect((vm as unknown as Record<symbol, boolean>)[Symbol.for('pm-cognito.test.sandbox-boot-script')]).toBe(true);
  });
});
