// Two projects: `unit` (pure modules, fakes, no servers: seconds) and `integration` (real servers on free loopback ports, real newman).
import { defineConfig } from 'vitest/config';
import DurationSequencer from './test/support/duration-sequencer.mjs';

export default defineConfig({
  test: {
    // Builds dist/ before any test file starts (only when src/ changed), never during the run.
    globalSetup: ['test/global-setup.ts'],
    // Two cores, but many integration tests wait (timeouts, token lifetimes, drips) rather than compute: a third
    // worker fills those waits. One shared cognito-local (test/shared-cognito-local-setup.ts) keeps the load down.
    maxWorkers: 3,
    // Longest files first, from test/file-durations.json: a clean clone (CI) has no results cache to order by.
    sequence: { sequencer: DurationSequencer },
    // The secrets src/core/redact.ts remembers live as long as the process: each test starts with none, as a new process would.
    setupFiles: ['test/support/fresh-secrets.ts', ...(process.env['PM_COGNITO_CPU_PROFILE'] ? ['test/support/cpu-profile.ts'] : [])],
    projects: [
      {
        extends: true,
        // One process per file cost ~1.4 s CPU each (start + imports) against ~0.1 s of tests: the files share workers
        // and modules instead (39 s -> 11 s). Tests restore what they change (env, timers, globals, remembered secrets).
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 30_000, isolate: false, pool: 'threads' },
      },
      {
        extends: true,
        // Tests start real servers (cognito-local, the demo API, proxies): give them time. Files share workers (a fresh
        // fork per file cost ~3 s of CPU in imports); each stops what it starts and restores what it changes.
        test: { name: 'integration', globalSetup: ['test/shared-cognito-local-setup.ts'], include: ['test/integration/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000, isolate: false },
      },
    ],
  },
});
