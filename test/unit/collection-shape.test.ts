import { describe, expect, it } from 'vitest';
import { collectionShapeProblem, MAX_FOLDER_DEPTH } from '../../src/node/collection-shape';
import { installScript, ScriptTextError } from '../../src/node/v21-script-edit';

/** `depth` folders, each inside the one before, built without recursion. */
function nested(depth: number): Record<string, unknown> {
  return JSON.parse('{"item": [' + '{"item": ['.repeat(depth) + ']}'.repeat(depth) + ']}') as Record<string, unknown>;
}

describe('collectionShapeProblem', () => {
  it('accepts what Postman exports: exec as lines or as one text, events without a script, no events', () => {
    expect(collectionShapeProblem({ item: [{ name: 'r', request: {}, event: [{ listen: 'test', script: { exec: 'x()' } }] }], event: [{ listen: 'prerequest', script: { exec: ['a', 'b'] } }, { listen: 'test' }] })).toBeUndefined();
    expect(collectionShapeProblem({ item: [] })).toBeUndefined();
  });

  it('names the field and what it is', () => {
    expect(collectionShapeProblem({ item: [], event: { listen: 'prerequest' } })).toBe('event must be an array (it is an object)');
    expect(collectionShapeProblem({ item: [], event: ['x'] })).toBe('event[0] must be an object (it is a string)');
    expect(collectionShapeProblem({ item: [], event: [{ listen: 1 }] })).toBe('event[0].listen must be text (it is a number)');
    expect(collectionShapeProblem({ item: [], event: [{ listen: 'prerequest', script: null }] })).toBe('event[0].script must be an object with an "exec" list (it is null)');
    expect(collectionShapeProblem({ item: [], event: [{ listen: 'prerequest', script: { exec: ['a', 1] } }] })).toBe('event[0].script.exec[1] must be text (it is a number)');
    expect(collectionShapeProblem({ item: [{ item: {} }] })).toBe('item[0].item must be an array (it is an object)');
  });

  it('names the first bad item in document order', () => {
    expect(collectionShapeProblem({ item: [{ item: [{ event: 1 }] }, 7, { event: {} }] })).toBe('item[1] must be an object (it is a number)');
    expect(collectionShapeProblem({ item: [{ item: [{ event: 1 }] }, { event: {} }] })).toBe('item[0].item[0].event must be an array (it is a number)');
  });

  it('accepts ' + MAX_FOLDER_DEPTH + ' levels of folders and refuses one more; 5,000 levels end in a message, not a stack overflow', () => {
    expect(collectionShapeProblem(nested(MAX_FOLDER_DEPTH))).toBeUndefined();
    const problem = collectionShapeProblem(nested(MAX_FOLDER_DEPTH + 1));
    expect(problem).toMatch(/^item\[0\]\.item\[0\]\.item\[0\]\.item\[0\]\.…/);
    expect(problem).toMatch(/item\[0\]\.item: folders are nested more than 100 deep/);
    expect(problem!.length).toBeLessThan(200);
    expect(collectionShapeProblem(nested(5000))).toContain('folders are nested more than 100 deep, which pm-cognito does not accept: flatten the collection');
  });
});

describe('installScript on a file that is not UTF-8', () => {
  it('refuses a script whose own bytes are not UTF-8 rather than guess', () => {
    const text = '{"item": [], "event": [{"listen": "prerequest", "script": {"exec": ["caf\u00e9"]}}]}';
    expect(() => installScript(text, 'v1', 'latin1')).toThrow(ScriptTextError);
    expect(() => installScript(text, 'v1', 'latin1')).toThrow('holds bytes that are not UTF-8, in a file that is not UTF-8 either');
  });
});
