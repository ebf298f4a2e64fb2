// One postman-sandbox 4.7.1 context, as newman uses one per run, for the benches that measure the sandbox alone.

/** The part of an execution's result the benches read. */
export interface Execution {
  request: { header?: Array<{ key: string; value: string }> };
}

interface SandboxContext {
  execute(target: string[], options: { context: object }, callback: (error: unknown, execution: Execution) => void): void;
  dispose(): void;
}
// postman-sandbox ships no types; this is the part of its API used here.
const Sandbox = require('postman-sandbox') as { createContext(options: object, callback: (error: unknown, context: SandboxContext) => void): void };

export interface OpenSandbox {
  /** Sends the script into the sandbox (as one exec element, as newman gets it) with this context, and back. */
  execute(code: string, context: object): Promise<Execution>;
  dispose(): void;
}

export async function openSandbox(): Promise<OpenSandbox> {
  const context = await new Promise<SandboxContext>((done, fail) => Sandbox.createContext({ timeout: 10_000 }, (error, ctx) => (error ? fail(error) : done(ctx))));
  return {
    execute: (code, scope) => new Promise<Execution>((done, fail) => context.execute([code], { context: scope }, (error, execution) => (error ? fail(new Error('bench: the sandbox refused a script: ' + JSON.stringify(error).slice(0, 300))) : done(execution)))),
    dispose: () => context.dispose(),
  };
}
