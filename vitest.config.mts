// Two projects: `unit` (pure modules, fakes, no servers: seconds) and `integration` (real servers on free loopback ports, real newman).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Builds dist/ before any test file starts (only when src/ changed), never during the run.
    globalSetup: ['test/global-setup.ts'],
    // Two cores: more parallel files only make each cognito-local slower.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 30_000 },
      },
      {
        extends: true,
        // Tests start real servers (cognito-local, the demo API, proxies): give them time.
        test: { name: 'integration', globalSetup: ['test/shared-cognito-local-setup.ts'], include: ['test/integration/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
      },
    ],
  },
});
