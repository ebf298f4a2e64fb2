// The one `{{reference}}` rule (core/variable-references.ts) against newman's own replaceIn: the same cases, the same answers.

import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { resolveReferences, resolvingLookup } from '../../src/core/variable-references';
import { settingLookup } from '../../src/node/pre-authenticate';

/** postman-collection as newman 6.2.2 itself loads it (its own pinned copy), not the top-level one. */
const fromNewman = createRequire(require.resolve('newman/package.json'));
const { VariableScope } = fromNewman('postman-collection') as {
  VariableScope: new (definition: { values: Array<{ key: string; value: unknown }> }) => { replaceIn(text: string): string; get(key: string): unknown };
};

const chain = (length: number): Record<string, string> => {
  const vars: Record<string, string> = {};
  for (let i = 0; i < length; i++) vars['c' + i] = i === length - 1 ? 'end' : '{{c' + (i + 1) + '}}';
  return vars;
};

/** [what, variables, text]: each text is resolved by newman's replaceIn and by ours, and must come out the same. */
const CASES: Array<[string, Record<string, unknown>, string]> = [
  ['a plain value', { a: 'x' }, 'plain'],
  ['one reference', { pw: 'Secret-1!' }, '{{pw}}'],
  ['a reference inside text', { who: 'alice' }, 'pre-{{who}}-post'],
  ['two references', { a: '1', b: '2' }, '{{a}}:{{b}}'],
  ['nested references', { outer: '{{inner}}', inner: '{{core}}', core: 'deep' }, '{{outer}}'],
  ['an unknown reference stays', {}, '{{missing}}'],
  ['an unknown beside a known one', { a: 'x' }, '{{a}}{{missing}}'],
  ['a self reference stays', { loop: '{{loop}}' }, '{{loop}}'],
  ['a growing self reference stops at the pass limit', { grow: 'x{{grow}}' }, '{{grow}}'],
  ['a chain longer than the pass limit', chain(25), '{{c0}}'],
  ['a chain just within the limit', chain(18), '{{c0}}'],
  ['an empty value replaces', { e: '' }, '[{{e}}]'],
  ['a number', { n: 42 }, 'n={{n}}'],
  ['a boolean false', { f: false }, '{{f}}'],
  ['spaces inside the braces are part of the name', { ' a ': 'spaced', a: 'plain' }, '{{ a }}'],
  ['empty braces', {}, '{{}}'],
  ['unbalanced braces', { a: 'x' }, '{{a}'],
  ['triple braces', { a: 'x' }, '{{{a}}}'],
  ['a value with a dollar sign', { d: '$&$1' }, '{{d}}'],
];

describe('resolveReferences agrees with newman\'s VariableScope.replaceIn', () => {
  for (const [what, vars, text] of CASES) {
    it(what, () => {
      const scope = new VariableScope({ values: Object.entries(vars).map(([key, value]) => ({ key, value })) });
      const ours = resolveReferences(text, (name) => scope.get(name));
      expect(ours).toBe(scope.replaceIn(text));
    });
  }

  it('the CLI\'s lookup (settingLookup) gives the same answer as the script\'s (resolvingLookup over pm.variables)', () => {
    const vars: Record<string, string> = { cognito_password: '{{vault}}', vault: '{{inner}}', inner: 'pw-1!X', cognito_username: 'pre-{{who}}', who: 'alice', cognito_client_id: '{{missing}}' };
    const scope = new VariableScope({ values: Object.entries(vars).map(([key, value]) => ({ key, value })) });
    const script = resolvingLookup((name) => scope.get(name));
    const cli = settingLookup(vars);
    for (const name of [...Object.keys(vars), 'absent']) {
      expect({ name, value: cli(name) }).toEqual({ name, value: script(name) });
      expect({ name, value: cli(name) }).toEqual({ name, value: vars[name] === undefined ? undefined : scope.replaceIn(vars[name]!) });
    }
  });

  it('leaves Postman\'s dynamic variables alone (they are not settings)', () => {
    expect(resolveReferences('{{$guid}}', () => undefined)).toBe('{{$guid}}');
  });
});
