// The v3 editor: the script goes into the root definition's beforeRequest code, every other byte and comment stays, or the file is refused.

import { describe, expect, it } from 'vitest';
import { isMap, parse, parseDocument, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { BEGIN_MARKER, END_MARKER, scriptState } from '../../src/core/managed-block';
import { DefinitionError, definitionPrerequestCode, installInDefinition } from '../../src/node/v3-definition-script';
import { literalBlock } from '../../src/node/yaml-code-text';
import { ALONE_BEGIN } from '../support/managed-block-text';

const FILE = 'c/.resources/definition.yaml';
const SCRIPT = '// built\nconsole.log("pm-cognito");\n';
const BLOCK = [BEGIN_MARKER, '// built', 'console.log("pm-cognito");', END_MARKER].join('\n');
/** The block as the script's only code: its begin line turns the sandbox's legacy globals off (managed-block.ts). */
const ALONE_BLOCK = [ALONE_BEGIN, '// built', 'console.log("pm-cognito");', END_MARKER].join('\n');

function codeOf(text: string): string {
  return definitionPrerequestCode(text, FILE);
}

describe('installInDefinition', () => {
  it('adds a scripts list to the one-line definition `postman collection new` writes', () => {
    const out = installInDefinition('$kind: collection\n', SCRIPT, FILE);
    expect(out.startsWith('$kind: collection\nscripts:\n  - type: http:beforeRequest\n    code: |-\n      ' + ALONE_BEGIN + '\n')).toBe(true);
    expect(codeOf(out)).toBe(ALONE_BLOCK);
    expect(parse(out).scripts[0].language).toBe('text/javascript');
    expect(installInDefinition(out, SCRIPT, FILE)).toBe(out);
  });

  it('replaces only the managed block, keeping the user code, comments, quoting and order byte for byte', () => {
    const before = [
      '$kind: collection',
      '# a comment a person wrote',
      'name:   "Pets API"   # trailing comment',
      'scripts:',
      '  - type: http:beforeRequest',
      '    code: |-',
      '      // mine before',
      '      ' + BEGIN_MARKER,
      '      old();',
      '      ' + END_MARKER,
      '      // mine after',
      '    language: text/javascript',
      '  - type: http:afterResponse',
      "    code: pm.test('x', () => {})",
      '    language: text/javascript',
      'variables:',
      '  - {key: a, value: "1"}',
      '',
    ].join('\n');
    const out = installInDefinition(before, SCRIPT, FILE);
    expect(codeOf(out)).toBe('// mine before\n' + BLOCK + '\n// mine after');
    const head = before.slice(0, before.indexOf('      // mine before'));
    const tail = before.slice(before.indexOf('    language: text/javascript'));
    expect(out.startsWith(head)).toBe(true);
    expect(out.endsWith(tail)).toBe(true);
    expect(installInDefinition(out, SCRIPT, FILE)).toBe(out);
    expect(scriptState(codeOf(out), SCRIPT)).toBe('current');
    expect(scriptState(codeOf(before), SCRIPT)).toBe('stale');
  });

  it('puts the script first into an existing list at its indentation, leaving the other items alone', () => {
    const before = '$kind: collection\nscripts:\n    -   type: http:afterResponse\n        code: "x()"\n';
    const out = installInDefinition(before, SCRIPT, FILE);
    expect(out.endsWith('    -   type: http:afterResponse\n        code: "x()"\n')).toBe(true);
    const scripts = parse(out).scripts;
    expect(scripts.map((s: { type: string }) => s.type)).toEqual(['http:beforeRequest', 'http:afterResponse']);
    expect(codeOf(out)).toBe(ALONE_BLOCK);
  });

  it('turns a one-line code value into a block holding the user code after the script', () => {
    const before = '$kind: collection\nscripts:\n  - type: http:beforeRequest\n    code: console.log(1)\n    language: text/javascript\n';
    const out = installInDefinition(before, SCRIPT, FILE);
    expect(codeOf(out)).toBe(BLOCK + '\nconsole.log(1)');
    expect(out.endsWith('    language: text/javascript\n')).toBe(true);
  });

  it('fills `scripts: []`', () => {
    const out = installInDefinition('$kind: collection\nscripts: []\norder: 1000\n', SCRIPT, FILE);
    expect(codeOf(out)).toBe(ALONE_BLOCK);
    expect(parse(out).order).toBe(1000);
  });

  it('refuses what is not a collection definition, naming the file', () => {
    expect(() => installInDefinition('$kind: http-request\nurl: x\n', SCRIPT, FILE)).toThrow(DefinitionError);
    expect(() => installInDefinition('$kind: http-request\nurl: x\n', SCRIPT, FILE)).toThrow(/c\/.resources\/definition.yaml does not start a v3 collection/);
    expect(() => installInDefinition('a: [b\n', SCRIPT, FILE)).toThrow(/is not valid YAML/);
  });
});

describe('literalBlock', () => {
  for (const code of ['a', 'a\nb', 'a\n\n  b\n', '  leading spaces\nx', 'tail\n\n\n', 'tab\there\n', '', '# not a comment\n- not a list']) {
    it('keeps ' + JSON.stringify(code) + ' exactly', () => {
      expect(parse('k: ' + literalBlock(code, 2) + '\n').k ?? '').toBe(code);
    });
  }
});

/** The text with the beforeRequest code's source range cut out, and that code (the rest must be byte for byte the same). */
function outsideCode(text: string): string {
  const doc = parseDocument(text, { keepSourceTokens: true });
  const scripts = (doc.contents as YAMLMap).get('scripts', true) as unknown as YAMLSeq;
  const item = scripts.items.find((i) => isMap(i) && i.get('type') === 'http:beforeRequest') as YAMLMap;
  const code = item.get('code', true) as Scalar;
  return text.slice(0, code.range![0]) + text.slice(code.range![1]);
}

function parsesCleanly(text: string): void {
  expect(parseDocument(text).errors.map((e) => e.message)).toEqual([]);
}

describe('installInDefinition keeps every byte outside the code', () => {
  it('writes a double-quoted string into a flow-style scripts list, and the file still parses', () => {
    const before = '$kind: collection\nscripts: [{type: http:beforeRequest, code: "mine();", language: text/javascript}]  # flow\nname: x\n';
    const out = installInDefinition(before, SCRIPT, FILE);
    parsesCleanly(out);
    expect(codeOf(out)).toBe(BLOCK + '\nmine();');
    expect(outsideCode(out)).toBe(outsideCode(before));
    expect(installInDefinition(out, SCRIPT, FILE)).toBe(out);
  });

  it('writes a double-quoted string into a flow-style item of a block list', () => {
    const before = '$kind: collection\nscripts:\n  - {type: http:beforeRequest, code: mine(), language: text/javascript}\n  - type: http:afterResponse\n    code: x()\n';
    const out = installInDefinition(before, SCRIPT, FILE);
    parsesCleanly(out);
    expect(codeOf(out)).toBe(BLOCK + '\nmine()');
    expect(outsideCode(out)).toBe(outsideCode(before));
  });

  it('adds the script as a flow item to a flow-style list without one', () => {
    const before = '$kind: collection\nscripts: [{type: http:afterResponse, code: x()}]\n';
    const out = installInDefinition(before, SCRIPT, FILE);
    parsesCleanly(out);
    expect(parse(out).scripts.map((s: { type: string }) => s.type)).toEqual(['http:beforeRequest', 'http:afterResponse']);
    expect(codeOf(out)).toBe(ALONE_BLOCK);
  });

  for (const [name, line] of [['empty', '    code:'], ['~', '    code: ~'], ['null with a comment', '    code: # none yet']] as const) {
    it('fills a null code (' + name + ') with a block that parses', () => {
      const before = '$kind: collection\nscripts:\n  - type: http:beforeRequest\n' + line + '\n    language: text/javascript\n';
      const out = installInDefinition(before, SCRIPT, FILE);
      parsesCleanly(out);
      expect(codeOf(out)).toBe(ALONE_BLOCK);
      expect(out.endsWith('\n    language: text/javascript\n')).toBe(true);
      if (line.includes('#')) expect(out).toContain('    code: |- # none yet\n');
    });
  }

  it('keeps a comment on the block header', () => {
    const before = '$kind: collection\nscripts:\n  - type: http:beforeRequest\n    code: |- # code\n      mine();\n    language: text/javascript\n';
    const out = installInDefinition(before, SCRIPT, FILE);
    expect(out).toContain('    code: |- # code\n      ' + BEGIN_MARKER + '\n');
    expect(codeOf(out)).toBe(BLOCK + '\nmine();');
    parsesCleanly(out);
  });

  it("keeps a CRLF file's line endings, with no line ending in a bare LF", () => {
    const lines = ['$kind: collection', 'scripts:', '  - type: http:beforeRequest', '    code: |-', '      mine();', '      two();', '    language: text/javascript', ''];
    const out = installInDefinition(lines.join('\r\n'), SCRIPT, FILE);
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
    expect(codeOf(out)).toBe(BLOCK + '\nmine();\ntwo();');
    const fresh = installInDefinition('$kind: collection\r\nname: x\r\n', SCRIPT, FILE);
    expect(fresh.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('refuses code that is not text and scripts that is not a list, naming the field', () => {
    const number = '$kind: collection\nscripts:\n  - type: http:beforeRequest\n    code: 5\n';
    expect(() => installInDefinition(number, SCRIPT, FILE)).toThrow('c/.resources/definition.yaml: scripts[0].code must be text (it is a number)');
    expect(() => definitionPrerequestCode(number, FILE)).toThrow(DefinitionError);
    expect(() => installInDefinition('$kind: collection\nscripts: {a: 1}\n', SCRIPT, FILE)).toThrow('scripts must be a list (it is a map)');
  });
});

describe('installInDefinition: what the review found (each case parses again, keeps its comments, or is refused)', () => {
  const cases: Array<[string, string, string]> = [
    ['an empty flow list over two lines', '$kind: collection\nscripts: [\n]\nname: A\n', 'name: A\n'],
    ['an empty flow list with a comment', '$kind: collection\nscripts: [] # none yet\nname: A\n', '# none yet'],
    ['a null list with a comment', '$kind: collection\nscripts: ~ # later\n', '# later'],
  ];
  for (const [name, before, kept] of cases) {
    it('fills ' + name + ': exactly the value is replaced, and the file parses', () => {
      const out = installInDefinition(before, SCRIPT, FILE);
      expect(parseDocument(out).errors).toEqual([]);
      expect(codeOf(out)).toBe(ALONE_BLOCK);
      expect(out).toContain(kept);
      expect(out).not.toMatch(/^\]/m);
      expect(installInDefinition(out, SCRIPT, FILE)).toBe(out);
    });
  }

  it('refuses a flow-style root and a root followed by a document end, changing nothing', () => {
    expect(() => installInDefinition('{$kind: collection, name: A}\n', SCRIPT, FILE)).toThrow('root map is written in flow style');
    expect(() => installInDefinition('$kind: collection\nname: A\n...\n', SCRIPT, FILE)).toThrow('"..." document end');
  });

  it('refuses a key given twice (scripts, code), naming it: install would edit the first while readers take the last', () => {
    expect(() => installInDefinition('$kind: collection\nscripts: []\nscripts:\n  - {type: http:afterResponse, code: x}\n', SCRIPT, FILE)).toThrow('the key "scripts" appears twice in one map (again on line 3)');
    const twice = '$kind: collection\nscripts:\n  - type: http:beforeRequest\n    code: a()\n    code: b()\n';
    expect(() => installInDefinition(twice, SCRIPT, FILE)).toThrow('the key "code" appears twice');
    expect(() => definitionPrerequestCode(twice, FILE)).toThrow(DefinitionError);
  });

  for (const code of ['a\r\nb', '\t\u0007bell', 'x\u0085y\u0090z\ufeff']) {
    it('writes code holding ' + JSON.stringify(code) + ' as a double-quoted string that reads back exactly', () => {
      const before = '$kind: collection\nscripts:\n  - type: http:beforeRequest\n    code: ' + JSON.stringify(code) + ' # mine\n    language: text/javascript\n';
      const out = installInDefinition(before, SCRIPT, FILE);
      expect(parseDocument(out, { uniqueKeys: true }).errors).toEqual([]);
      expect(codeOf(out)).toBe(BLOCK + '\n' + code);
      // eslint-disable-next-line no-control-regex
      expect(out).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff]|\r/);
      expect(out).toContain('" # mine\n    language: text/javascript\n');
    });
  }

  it('is a no-op for this build pasted whole without markers (the Postman app path)', () => {
    const pasted = '$kind: collection\nscripts:\n  - type: http:beforeRequest\n    code: ' + literalBlock(SCRIPT.replace(/\n$/, ''), 6) + '\n    language: text/javascript\n';
    expect(scriptState(codeOf(pasted), SCRIPT)).toBe('current');
    expect(installInDefinition(pasted, SCRIPT, FILE)).toBe(pasted);
  });
});

describe('names the kind of a wrong value in English', () => {
  it('an alias, binary data', () => {
    const alias = '$kind: collection\nx: &a hi\nscripts:\n  - type: http:beforeRequest\n    code: *a\n';
    expect(() => installInDefinition(alias, SCRIPT, FILE)).toThrow('scripts[0].code must be text (it is an alias (*a))');
    expect(() => installInDefinition('$kind: collection\nscripts: *b\nb: &b 1\n', SCRIPT, FILE)).toThrow('scripts must be a list (it is an alias (*b))');
  });
});
