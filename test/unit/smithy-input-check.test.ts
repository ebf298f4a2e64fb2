// The doubles' model check on its own: member paths, list and map wording, sensitive values, and the models' own headers.

import { describe, expect, it } from 'vitest';
import { checkInput, valueViolations, type InputModel } from '../../src/local/smithy-input-check';
import identityShapes from '../../src/local/identity-pool-double/cognito-identity.shapes.json';
import userPoolShapes from '../support/strict-cognito/models/cognito-identity-provider.shapes.json';

const MODEL: InputModel = {
  operations: { Put: 'PutRequest' },
  shapes: {
    PutRequest: {
      type: 'structure',
      members: {
        Name: { target: 'Name', required: true },
        Tags: { target: 'TagList' },
        Meta: { target: 'Meta' },
        Secret: { target: 'Secret' },
        Count: { target: 'Integer' },
        Enabled: { target: 'Boolean' },
      },
    },
    Name: { type: 'string', length: { min: 2, max: 5 }, pattern: '^[a-z]+$' },
    TagList: { type: 'list', member: 'Tag', length: { max: 2 } },
    Tag: { type: 'structure', members: { Key: { target: 'Name', required: true } } },
    Meta: { type: 'map', key: 'Name', value: 'Name' },
    Secret: { type: 'string', length: { max: 3 }, sensitive: true },
    Integer: { type: 'integer' },
    Boolean: { type: 'boolean' },
  },
};

describe('checkInput', () => {
  it('passes a body that fits, and any operation the model does not list', () => {
    expect(checkInput(MODEL, 'Put', { Name: 'abc', Tags: [{ Key: 'ab' }], Meta: { ab: 'cd' }, Count: 1, Enabled: true })).toBeUndefined();
    expect(checkInput(MODEL, 'Other', { Anything: 1 })).toBeUndefined();
  });

  it('names nested members as AWS does: camel case, list items as .N.member', () => {
    expect(checkInput(MODEL, 'Put', { Name: 'a', Tags: [{ Key: 'ab' }, {}] })).toEqual({
      kind: 'validation',
      message:
        "2 validation errors detected: Value 'a' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 2; " +
        "Value null at 'tags.2.member.key' failed to satisfy constraint: Member must not be null",
    });
  });

  it('reports a list too long, and map keys and values that break their shapes, once each', () => {
    const out = checkInput(MODEL, 'Put', { Name: 'abc', Tags: [{ Key: 'ab' }, { Key: 'cd' }, { Key: 'ef' }], Meta: { A: 'toolong', b: 'x' } });
    expect(out?.message).toBe(
      "3 validation errors detected: Value '[{\"Key\":\"ab\"},{\"Key\":\"cd\"},{\"Key\":\"ef\"}]' at 'tags' failed to satisfy constraint: Member must have length less than or equal to 2; " +
        "Value '{\"A\":\"toolong\",\"b\":\"x\"}' at 'meta' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length greater than or equal to 2, Member must satisfy regular expression pattern: [a-z]+]; " +
        "Value '{\"A\":\"toolong\",\"b\":\"x\"}' at 'meta' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 5, Member must have length greater than or equal to 2]",
    );
  });

  it('never quotes a sensitive value', () => {
    expect(checkInput(MODEL, 'Put', { Name: 'abc', Secret: 'hunter2' })).toEqual({
      kind: 'validation',
      message: "1 validation error detected: Value at 'secret' failed to satisfy constraint: Member must have length less than or equal to 3",
    });
  });

  it('refuses what cannot be read into the shape before any constraint, as SerializationException does', () => {
    expect(checkInput(MODEL, 'Put', [])).toEqual({ kind: 'serialization', message: 'Start of structure or map expected' });
    expect(checkInput(MODEL, 'Put', { Name: 'a', Nmae: 'abc' })).toEqual({ kind: 'serialization', message: 'Unknown member Nmae' });
    expect(checkInput(MODEL, 'Put', { Name: { x: 1 } })).toEqual({ kind: 'serialization', message: 'Start of structure or map found where not expected.' });
    expect(checkInput(MODEL, 'Put', { Name: 'abc', Count: '1' })).toEqual({ kind: 'serialization', message: 'Unexpected field type' });
    expect(checkInput(MODEL, 'Put', { Name: 'abc', Tags: 'x' })).toEqual({ kind: 'serialization', message: 'Unexpected field type' });
    // A string where a boolean belongs is accepted, as measured on the live API (floci-io/floci#2869).
    expect(checkInput(MODEL, 'Put', { Name: 'abc', Enabled: 'yes' })).toBeUndefined();
  });

  it('treats null like an absent member', () => {
    expect(checkInput(MODEL, 'Put', { Name: null })?.message).toBe("1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null");
    expect(checkInput(MODEL, 'Put', { Name: 'abc', Tags: null })).toBeUndefined();
  });
});

describe('valueViolations', () => {
  it('checks one value of a named shape, hiding it', () => {
    expect(valueViolations(MODEL, 'Name', 'A', 'name')).toEqual([
      "Value at 'name' failed to satisfy constraint: Member must have length greater than or equal to 2",
      "Value at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-z]+",
    ]);
  });
});

describe('the trimmed models', () => {
  it('name their source and commit and cover every operation the doubles serve or will serve', () => {
    for (const [shapes, operations] of [
      [userPoolShapes, ['InitiateAuth', 'AdminInitiateAuth', 'RespondToAuthChallenge', 'AdminRespondToAuthChallenge', 'GetTokensFromRefreshToken', 'DescribeUserPool', 'DescribeUserPoolClient', 'AdminGetUser', 'DescribeRiskConfiguration']],
      [identityShapes, ['GetId', 'GetCredentialsForIdentity', 'DescribeIdentityPool', 'GetIdentityPoolRoles']],
    ] as const) {
      expect(shapes.source).toMatchObject({ repository: 'https://github.com/aws/api-models-aws', commit: '56c8953e87aeead95ae5e66a3ca6a355731db6ad' });
      expect(Object.keys(shapes.operations)).toEqual(operations);
      const model = shapes as unknown as InputModel;
      for (const input of Object.values(model.operations)) expect(model.shapes[input]?.type).toBe('structure');
    }
  });
});
