// The action's own copy installs newman only: action/extras.cjs names the optional packages its inputs need.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { extrasFor } = require('../../action/extras.cjs') as { extrasFor(env: Record<string, string>, actionPath: string, cwd: string): string[] };
const ROOT = join(__dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'pm-cognito-extras-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('action/extras.cjs', () => {
  it('needs nothing for a plain run of JSON collections', () => {
    expect(extrasFor({ INPUT_COLLECTIONS: 'api.postman_collection.json' }, ROOT, work)).toEqual([]);
  });

  it('names each optional package, at the version package.json pins, for the input that needs it', () => {
    expect(extrasFor({ INPUT_COMMAND: 'portman' }, ROOT, work)).toEqual(['@apideck/portman@1.33.0', 'tslib@^2.9.1']);
    expect(extrasFor({ INPUT_HTML: 'reports/run.html' }, ROOT, work)).toEqual(['newman-reporter-htmlextra@1.23.1']);
    expect(extrasFor({ INPUT_EPHEMERAL_USER: 'true' }, ROOT, work)).toEqual(['@aws-sdk/client-cognito-identity-provider@3.1169.0']);
    expect(extrasFor({ INPUT_RUNNER: 'postman' }, ROOT, work)).toEqual(['@postman/pm-bin-linux-x64@1.62.0']);
  });

  it('a v3 collection directory among the collections (a name with spaces) needs the Postman CLI', () => {
    mkdirSync(join(work, 'postman', 'collections', 'My Orders API', '.resources'), { recursive: true });
    writeFileSync(join(work, 'postman', 'collections', 'My Orders API', '.resources', 'definition.yaml'), '$kind: collection\n');
    expect(extrasFor({ INPUT_COLLECTIONS: 'a.json\npostman/collections/My Orders API\n' }, ROOT, work)).toEqual(['@postman/pm-bin-linux-x64@1.62.0']);
  });
});
