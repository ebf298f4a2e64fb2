// COGNITO_* process variables map onto every setting of both tables, and onto nothing else.

import { describe, expect, it } from 'vitest';
import { IDENTITY_POOL_SETTING_SPECS } from '../../src/core/identity-pool/setting-specs';
import { SETTING_SPECS } from '../../src/core/setting-specs';
import { processVariable, variablesFromProcessEnv } from '../../src/node/run-variables';

describe('variablesFromProcessEnv', () => {
  const variables = [...Object.values(SETTING_SPECS), ...Object.values(IDENTITY_POOL_SETTING_SPECS)].map((spec) => spec.variable);

  it('maps COGNITO_<SETTING> and COGNITO_<SETTING>__<IDENTITY> for every row of the user-pool and identity-pool tables', () => {
    const env = Object.fromEntries(variables.flatMap((variable) => [[processVariable(variable), 'v'], [processVariable(variable) + '__ADMIN', 'a']]));
    const mapped = variablesFromProcessEnv(env);
    expect(Object.keys(mapped).sort()).toEqual(variables.flatMap((variable) => [variable, variable + '@admin']).sort());
    expect(mapped['cognito_identity_pool_id']).toBe('v');
    expect(mapped['cognito_identity_guest@admin']).toBe('a');
  });

  it('takes no other COGNITO_ variable, and no empty one', () => {
    expect(variablesFromProcessEnv({ COGNITO_PASWORD: 'x', COGNITO_TOKEN: 'x', COGNITO_PASSWORD: '', cognito_password: 'x', COGNITO_IAM_ACCESS_KEY_ID: 'x' })).toEqual({});
  });
});
