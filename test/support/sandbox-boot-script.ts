// One compiled postman-sandbox boot script per test worker: newman starts a fresh sandbox context for every run and
// hands uvm the same 2.2 MB boot text, which V8 finds in its compilation cache only after hashing all of it (~15 ms of
// CPU a run, hundreds of runs a suite). Each run still boots its own fresh context from that script.

import vm from 'node:vm';

/** Boot texts are megabytes; what else the tests run in a context (uvm's dispatch snippets, our scripts) is far smaller. */
const BOOT_TEXT_AT_LEAST = 1_000_000;
const INSTALLED = Symbol.for('pm-cognito.test.sandbox-boot-script');
/** Options that only say how to run (uvm gives a timeout): anything about compiling (filename, offsets) goes the usual way. */
const RUN_OPTIONS = new Set(['timeout', 'breakOnSigint', 'displayErrors']);

interface Compiled {
  text: string;
  script: vm.Script;
}

/** vm.runInContext as uvm calls it (text, context, options), reusing the last compiled boot text when the text is the same. */
export function installBootScriptReuse(target: { runInContext: typeof vm.runInContext } = vm): void {
  const marked = target as unknown as Record<symbol, boolean>;
  if (marked[INSTALLED]) return;
  marked[INSTALLED] = true;
  const original = target.runInContext;
  let last: Compiled | undefined;
  target.runInContext = function runInContext(this: unknown, code: string, context: vm.Context, options?: vm.RunningScriptOptions | string) {
    const runOnly = options === undefined || (typeof options === 'object' && Object.keys(options).every((name) => RUN_OPTIONS.has(name)));
    if (typeof code !== 'string' || code.length < BOOT_TEXT_AT_LEAST || !runOnly) return original.call(this, code, context, options);
    // The defaults runInContext would compile with (filename evalmachine.<anonymous>), so stacks read the same.
    if (last === undefined || last.text !== code) last = { text: code, script: new vm.Script(code) };
    return last.script.runInContext(context, options as vm.RunningScriptOptions | undefined);
  } as typeof vm.runInContext;
}

installBootScriptReuse();
