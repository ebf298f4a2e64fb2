// The README is short and links to every doc; the docs' settings, errors and run-options tables agree with the code.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSecret, readSettings, SETTING_SPECS, type SettingSpec } from '../../src/core/settings';
import { IDENTITY_POOL_SETTING_DESCRIPTIONS, SETTING_DESCRIPTIONS } from '../../src/core/setting-descriptions';
import { IDENTITY_POOL_SETTING_SPECS } from '../../src/core/identity-pool/setting-specs';
import { cognitoError } from '../../src/core/cognito-errors';
import { RUN_OPTIONS } from '../../src/cli/run-command';

const ROOT = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const readme = read('README.md');
const DOCS = readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => 'docs/' + name);

/** Written on other branches of issue 20; linked from README's "More" list. Drop a name once its file is merged. */
const PENDING = new Set<string>([]);

/** The lines of a section: from its heading to the next heading of the same or a higher level. */
function section(text: string, heading: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line === heading);
  if (start < 0) return [];
  const level = heading.indexOf(' ');
  const end = lines.findIndex((line, i) => i > start && /^#+ /.test(line) && line.indexOf(' ') <= level);
  return lines.slice(start, end < 0 ? lines.length : end);
}

/** The rows of the markdown table whose header row is `header`, each split into its cells. */
function tableRows(text: string, header: string): string[][] {
  const lines = text.split('\n');
  const start = lines.indexOf(header);
  if (start < 0) return [];
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.replace(/\\\|/g, '\u0000').split('|').slice(1, -1).map((cell) => cell.trim().replace(/\u0000/g, '|')));
  }
  return rows;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading.toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
}

/** Relative links of a markdown file (no http, no mailto), outside code blocks, resolved against the repository root. */
function relativeLinks(path: string): { target: string; anchor: string | undefined; raw: string }[] {
  const text = read(path).replace(/```[\s\S]*?```/g, '');
  const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((href) => !/^[a-z]+:/i.test(href));
  return links.map((raw) => {
    const [file, anchor] = raw.split('#') as [string, string | undefined];
    const target = file === '' ? path : relative(ROOT, normalize(join(ROOT, dirname(path), file)));
    return { target, anchor, raw };
  });
}

describe('README', () => {
  it('is at most 250 lines, with a quick start for your own API under 60 lines', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(250);
    const quickStart = section(readme, '## Quick start: your own API');
    expect(quickStart.length).toBeGreaterThan(10);
    expect(quickStart.length).toBeLessThan(60);
    for (const step of ['npm i -D pm-cognito', 'npx pm-cognito install', 'COGNITO_PASSWORD=', 'npx pm-cognito run', 'npx newman run', 'env.json']) {
      expect(quickStart.join('\n'), step).toContain(step);
    }
  });

  it('gives the commands CI runs, and says how long the tests take', () => {
    const lines = readme.split('\n');
    for (const command of ['npm ci', 'npm run demo', 'npm test']) expect(lines.some((line) => line === command || line.startsWith(command + ' ')), command).toBe(true);
    expect(lines.find((line) => line.startsWith('npm test'))).toMatch(/minutes on \d+ cores/);
    expect(read('.ci/run')).toMatch(/^npm test$/m);
  });

  it('and every doc close each code block it opens', () => {
    for (const path of ['README.md', ...DOCS]) expect(read(path).split('\n').filter((line) => line.startsWith('```')).length % 2, path).toBe(0);
  });

  it('reaches every file of docs/ through its links', () => {
    const reached = new Set<string>();
    const queue = ['README.md'];
    while (queue.length > 0) {
      const path = queue.shift()!;
      for (const { target } of relativeLinks(path)) {
        if (!target.endsWith('.md') || reached.has(target) || !existsSync(join(ROOT, target))) continue;
        reached.add(target);
        if (target.startsWith('docs/')) queue.push(target);
      }
    }
    expect(DOCS.filter((doc) => !reached.has(doc))).toEqual([]);
  });

  it('and every doc link to a file and a heading that exist', () => {
    const broken: string[] = [];
    for (const path of ['README.md', ...DOCS]) {
      for (const { target, anchor, raw } of relativeLinks(path)) {
        if (PENDING.has(target) && path === 'README.md') continue;
        if (!existsSync(join(ROOT, target))) broken.push(path + ': ' + raw);
        else if (anchor !== undefined && target.endsWith('.md')) {
          const anchors = read(target).split('\n').filter((line) => /^#+ /.test(line)).map((line) => anchorOf(line.replace(/^#+ /, '')));
          if (!anchors.includes(anchor)) broken.push(path + ': ' + raw + ' (no such heading)');
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('links the pending docs only from its "More" list', () => {
    const more = section(readme, '## More').join('\n');
    for (const doc of PENDING) expect(more, doc).toContain('(' + doc + ')');
    const elsewhere = readme.replace(more, '');
    for (const doc of PENDING) expect(elsewhere, doc).not.toContain('(' + doc + ')');
  });
});

describe('docs/settings.md settings table', () => {
  const settings = read('docs/settings.md');
  const specs: Array<SettingSpec<never>> = [...Object.values(SETTING_SPECS), ...Object.values(IDENTITY_POOL_SETTING_SPECS)];
  const descriptions: Record<string, string> = { ...SETTING_DESCRIPTIONS, ...IDENTITY_POOL_SETTING_DESCRIPTIONS };
  const keys = [...Object.keys(SETTING_SPECS), ...Object.keys(IDENTITY_POOL_SETTING_SPECS)];
  const docRows = tableRows(settings, '| Variable | Default | What it is |');
  specs.forEach((spec, i) => {
    it('documents ' + spec.variable + ': its default, its description, its allowed values, whether it is secret', () => {
      const row = docRows.find((cells) => cells[0] === '`' + spec.variable + '`');
      expect(row, spec.variable + ' has no row in the docs/settings.md table').toBeDefined();
      const [, defaultCell, what] = row!;
      if (spec.defaultValue) expect(defaultCell).toContain('`' + spec.defaultValue + '`');
      expect(what, 'setting-descriptions.ts and docs/settings.md differ for ' + spec.variable).toBe(descriptions[keys[i]!]);
      for (const allowed of spec.allowed ?? []) expect(what, spec.variable).toContain('`' + allowed + '`');
      expect(what!.includes('Secret.'), spec.variable + ' is ' + (isSecret(spec) ? '' : 'not ') + 'secret').toBe(isSecret(spec));
    });
  });

  it('has no row for a setting the script does not read', () => {
    const known = new Set(specs.map((spec) => spec.variable));
    const rows = tableRows(settings, '| Variable | Default | What it is |').map((cells) => cells[0]!.replace(/`/g, ''));
    expect(rows.length).toBe(known.size);
    expect(rows.filter((name) => !known.has(name))).toEqual([]);
  });
});

describe('docs/errors.md table', () => {
  const rows = tableRows(read('docs/errors.md'), '| Cognito says | pm-cognito tells you |');
  const user = readSettings((name) => ({ cognito_region: 'eu-west-1', cognito_user_pool_id: 'eu-west-1_Pool1', cognito_client_id: 'client1', cognito_username: 'alice', cognito_password: 'pw-Secret1!' } as Record<string, string>)[name]);
  const refusalRows = rows.filter(([says]) => /`\w+Exception`/.test(says!));

  it('has its rows', () => {
    expect(rows.length).toBeGreaterThanOrEqual(15);
    expect(refusalRows.length).toBeGreaterThanOrEqual(10);
  });

  // Each refusal row: for every error type and wording it names, the message pm-cognito gives names every
  // setting and command the row promises, and is never the catch-all for unknown errors.
  for (const [says, tells] of refusalRows) {
    it(says!, () => {
      const types = [...says!.matchAll(/`(\w+Exception)`/g)].map((m) => m[1]!);
      const wordings = [...says!.matchAll(/"([^"]+)"/g)].map((m) => m[1]!.replace(/…/g, 'client1').trim());
      const promised = [...tells!.matchAll(/`((?:cognito_|aws )[^`]+)`/g)].map((m) => m[1]!);
      for (const type of types) {
        for (const message of wordings.length > 0 ? wordings : ['']) {
          const error = cognitoError({ type, message }, user, 'InitiateAuth');
          expect(error.code, type + ' "' + message + '"').not.toBe('COGNITO_UNKNOWN_ERROR');
          for (const text of promised) expect(error.message, type + ' "' + message + '"').toContain(text);
        }
      }
    });
  }
});

describe('docs/cli.md run options table', () => {
  const rows = tableRows(read('docs/cli.md'), '| Option | What it does |').map((cells) => cells[0]!.replace(/`/g, ''));
  const flag = (key: string) => '--' + key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());

  for (const [key, spec] of Object.entries(RUN_OPTIONS)) {
    it('documents ' + flag(key), () => {
      const short = 'short' in spec ? '-' + spec.short + ', ' : '';
      const value = 'value' in spec ? ' ' + spec.value : '';
      expect(rows).toContain(short + flag(key) + value);
    });
  }

  it('has no row for an option run does not take', () => {
    expect(rows.length).toBe(Object.keys(RUN_OPTIONS).length);
  });
});
