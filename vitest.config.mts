// Tests start real servers (cognito-local, the demo API, proxies) on free loopback ports: give them time.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds dist/ before any test file starts (only when src/ changed), never during the run.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: more parallel files only make each cognito-local slower.
    maxWorkers: 2,
  },
});
