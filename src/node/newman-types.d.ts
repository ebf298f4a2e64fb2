// The slice of newman's programmatic API that pm-cognito uses (newman ships no types).

declare module 'newman' {
  import type { EventEmitter } from 'node:events';

  export interface NewmanFailure {
    error: { name: string; message: string; test?: string };
    at?: string;
    source?: { name?: string };
  }

  export interface NewmanStat {
    total?: number;
    failed?: number;
    pending?: number;
  }

  export interface NewmanRunSummary {
    run: {
      stats: Record<'iterations' | 'items' | 'scripts' | 'prerequests' | 'requests' | 'tests' | 'prerequestScripts' | 'testScripts' | 'assertions', NewmanStat>;
      failures: NewmanFailure[];
      error?: unknown;
      executions: Array<{ item: { name: string }; request?: { url: { toString(): string } }; response?: { code: number }; requestError?: unknown; assertions?: Array<{ assertion: string; error?: unknown }> }>;
    };
    collection: { variables: { toObject(): Record<string, unknown> } };
  }

  export interface NewmanRunOptions {
    collection: string | object;
    environment?: string | object;
    globals?: string | object;
    reporters?: string | string[];
    reporter?: Record<string, unknown>;
    iterationCount?: number;
    timeoutRequest?: number;
    silent?: boolean;
    bail?: boolean;
    color?: 'on' | 'off' | 'auto';
    envVar?: Array<{ key: string; value: string }>;
    [option: string]: unknown;
  }

  export function run(options: NewmanRunOptions, callback: (error: Error | null, summary: NewmanRunSummary) => void): EventEmitter;
  const newman: { run: typeof run };
  export default newman;
}
