// What the double's Describe* operations report about the pool beyond its clients and users: its policies, add-ons and domain.

export interface StrictPoolDescription {
  /** PoolName; default 'strict-pool'. */
  name?: string;
  /** MfaConfiguration; default 'OPTIONAL' when a user has a TOTP secret, else 'OFF'. */
  mfaConfiguration?: 'OFF' | 'ON' | 'OPTIONAL';
  /** UsernameAttributes (sign in with email/phone instead of a username). */
  usernameAttributes?: Array<'email' | 'phone_number'>;
  /** AliasAttributes (email/phone/preferred_username as aliases of a username). */
  aliasAttributes?: Array<'email' | 'phone_number' | 'preferred_username'>;
  /** Standard attributes whose schema says Required (NEW_PASSWORD_REQUIRED asks a user without them). */
  requiredAttributes?: string[];
  /** Policies.SignInPolicy.AllowedFirstAuthFactors; default ['PASSWORD']. */
  allowedFirstAuthFactors?: Array<'PASSWORD' | 'EMAIL_OTP' | 'SMS_OTP' | 'WEB_AUTHN'>;
  /** UserPoolAddOns.AdvancedSecurityMode (threat protection); default 'OFF'. */
  advancedSecurityMode?: 'OFF' | 'AUDIT' | 'ENFORCED';
  /** The prefix domain (`<domain>.auth.<region>.amazoncognito.com`). */
  domain?: string;
  customDomain?: string;
  /** RiskExceptionConfiguration of the pool's risk configuration. */
  skippedIpRanges?: string[];
  blockedIpRanges?: string[];
  /** App clients with a risk configuration of their own: DescribeRiskConfiguration echoes ClientId only for them (else it answers the pool's). */
  riskClientIds?: string[];
  /** ClientName of each app client, by client id; default the client id. */
  clientNames?: Record<string, string>;
}
