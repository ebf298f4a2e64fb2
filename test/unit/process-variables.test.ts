// The one mapping between setting variables and COGNITO_* process variables, both ways.

import { describe, expect, it } from 'vitest';
import { parseProcessVariable, processVariable } from '../../src/core/process-variables';

describe('process variables', () => {
  it('names the process variable of a setting, for the default identity and a named one', () => {
    expect(processVariable('cognito_password')).toBe('COGNITO_PASSWORD');
    expect(processVariable('cognito_client_secret@admin')).toBe('COGNITO_CLIENT_SECRET__ADMIN');
  });

  it('reads a process variable back, identity names in lower case', () => {
    expect(parseProcessVariable('COGNITO_PASSWORD')).toEqual({ variable: 'cognito_password', identity: '' });
    expect(parseProcessVariable('COGNITO_CLIENT_SECRET__ADMIN')).toEqual({ variable: 'cognito_client_secret', identity: 'admin' });
    for (const name of ['cognito_password', 'COGNITO_', 'COGNITO_PASSWORD__', 'COGNITO_PASSWORD__bad name', 'AWS_REGION']) expect(parseProcessVariable(name), name).toBeUndefined();
  });
});
