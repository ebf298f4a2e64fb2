// Tests start real servers (cognito-local, the demo API, proxies) on free loopback ports: give them time.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: more parallel files only make each cognito-local slower.
    maxWorkers: 2,
  },
});
