// Secret values never reach a message; remote text is cut to a readable length.

import { describe, expect, it } from 'vitest';
import { clip, forgetSecrets, redact, rememberSecrets } from '../../src/core/redact';
import { BadResponseError, CognitoRefusal, describeError } from '../../src/core/errors';

describe('redact', () => {
  it('replaces every occurrence of a remembered secret, longest first, and leaves short values alone', () => {
    rememberSecrets(['Hunter2-Secret', 'Hunter2-Secret-Longer', undefined, 'abc']);
    expect(redact('a Hunter2-Secret-Longer and Hunter2-Secret, abc')).toBe('a [secret] and [secret], abc');
  });

  it('forgets what it remembered only when told to, as a new process starts with nothing remembered', () => {
    rememberSecrets(['Forgotten-Secret-1']);
    expect(redact('x Forgotten-Secret-1')).toBe('x [secret]');
    expect(redact('x Forgotten-Secret-1')).toBe('x [secret]');
    forgetSecrets();
    expect(redact('x Forgotten-Secret-1')).toBe('x Forgotten-Secret-1');
  });

  it('redacts extra values given for one message', () => {
    expect(redact('client ZZclientsecretZZ unknown', ['ZZclientsecretZZ'])).toBe('client [secret] unknown');
  });

  it('every PmCognitoError message and Cognito\'s own text are redacted where the error is made', () => {
    rememberSecrets(['P4ssw0rd-quoted']);
    const error = new CognitoRefusal('COGNITO_INVALID_PARAMETER', 'refused', { cognitoType: 'InvalidParameterException', cognitoMessage: 'Value P4ssw0rd-quoted is bad' });
    expect(error.message).toBe('pm-cognito: refused (Cognito said InvalidParameterException: Value [secret] is bad)');
    expect(error.cognitoMessage).toBe('Value [secret] is bad');
    expect(describeError(new Error('boom P4ssw0rd-quoted'))).toBe('pm-cognito failed unexpectedly: boom [secret]. Please report this with the steps that led to it.');
    expect(describeError(new BadResponseError('COGNITO_BAD_RESPONSE', 'x P4ssw0rd-quoted'))).toBe('pm-cognito: x [secret]');
  });
});

describe('clip', () => {
  it('keeps 300 characters and says how many were left out', () => {
    expect(clip('y'.repeat(300))).toBe('y'.repeat(300));
    expect(clip('y'.repeat(1000))).toBe('y'.repeat(300) + '... (700 more characters)');
  });
});
