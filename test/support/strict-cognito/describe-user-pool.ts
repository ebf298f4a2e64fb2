// DescribeUserPool: the pool's policies, MFA, sign-in names, required attributes, threat protection and domain, in AWS's shape.

import { checkPoolId, CREATED_SECONDS, inputOf, type JsonObject } from './describe-common';
import type { StrictCognitoOptions } from './types';

const STANDARD_STRING = (name: string, required: boolean) => ({ Name: name, AttributeDataType: 'String', DeveloperOnlyAttribute: false, Mutable: name !== 'sub', Required: required, StringAttributeConstraints: { MinLength: name === 'sub' ? '1' : '0', MaxLength: '2048' } });
const STANDARD = ['sub', 'name', 'given_name', 'family_name', 'email', 'phone_number', 'preferred_username'];

export function describeUserPool(body: unknown, options: StrictCognitoOptions, poolId: string, region: string): JsonObject {
  checkPoolId(inputOf(body), poolId);
  const d = options.description ?? {};
  const required = new Set(['sub', ...(d.requiredAttributes ?? [])]);
  const names = [...new Set([...STANDARD, ...required])];
  const mfa = d.mfaConfiguration ?? (options.users.some((u) => u.totpSecret !== undefined) ? 'OPTIONAL' : 'OFF');
  const pool: JsonObject = {
    Id: poolId,
    Name: d.name ?? 'strict-pool',
    Arn: `arn:aws:cognito-idp:${region}:123456789012:userpool/${poolId}`,
    CreationDate: CREATED_SECONDS,
    LastModifiedDate: CREATED_SECONDS,
    Policies: {
      PasswordPolicy: { MinimumLength: 8, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true, TemporaryPasswordValidityDays: 7 },
      SignInPolicy: { AllowedFirstAuthFactors: d.allowedFirstAuthFactors ?? ['PASSWORD'] },
    },
    DeletionProtection: 'INACTIVE',
    SchemaAttributes: names.map((name) => STANDARD_STRING(name, required.has(name))),
    MfaConfiguration: mfa,
    EstimatedNumberOfUsers: options.users.length,
    UserPoolTier: 'ESSENTIALS',
    AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    UserPoolAddOns: { AdvancedSecurityMode: d.advancedSecurityMode ?? 'OFF' },
  };
  if (d.usernameAttributes !== undefined) pool['UsernameAttributes'] = d.usernameAttributes;
  if (d.aliasAttributes !== undefined) pool['AliasAttributes'] = d.aliasAttributes;
  if (d.domain !== undefined) pool['Domain'] = d.domain;
  if (d.customDomain !== undefined) pool['CustomDomain'] = d.customDomain;
  return { UserPool: pool };
}
