// The script's hashes come from the sandbox's crypto-js: known answers in newman's sandbox (4.7.1) and the Postman CLI.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSuite } from '../../src/node/newman-runner';
import { collection, item, NOAUTH } from '../support/collection';
import { startHeaderEcho, type HeaderEcho } from '../support/header-echo';
import { VECTORS, vectorScript } from '../support/sandbox-crypto-vectors';

let echo: HeaderEcho;
let script: string;

beforeAll(async () => {
  echo = await startHeaderEcho();
  script = await vectorScript();
});

afterAll(async () => {
  await echo?.stop();
});

function vectorCollection(): object {
  return collection('sandbox crypto', [item({ name: 'vectors', path: '/vectors', auth: NOAUTH })], { script });
}

describe('hashes from the sandbox\'s crypto-js', () => {
  it('the bundle carries no hash code of its own: core/sha256 and core/sha1 are swapped for crypto-js', () => {
    expect(script).toContain('pmCognitoCryptoJs()');
    expect(script).not.toContain('padMessage');
    expect(script).not.toContain('0x428a2f98');
  });

  it('newman 6.2.2 (postman-sandbox 4.7.1): every known answer', async () => {
    const result = await runSuite({ collection: vectorCollection(), environment: { baseUrl: echo.url }, silent: true });
    expect(result.summary.run.failures.map((f) => f.error.message)).toEqual([]);
    expect(result.assertions).toBe(VECTORS.length);
  }, 60_000);

  // 'the Postman CLI (the app's sandbox): every known answer' is in postman-cli.test.ts: the vectors ride along in its
  // demo run (one Postman CLI start, seconds of CPU, fewer).
});
