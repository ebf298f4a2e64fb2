// Picks the double's read-only operation by name (each in its own file), so index.ts needs one line for all of them.

import { adminGetUser } from './admin-get-user';
import { awsErrors } from './aws-errors';
import type { JsonObject } from './describe-common';
import { describeRiskConfiguration } from './describe-risk-configuration';
import { describeUserPool } from './describe-user-pool';
import { describeUserPoolClient } from './describe-user-pool-client';
import type { StrictCognitoOptions } from './types';
import type { StrictUserPool } from './user-pool';

export function readOperation(op: string, body: unknown, options: StrictCognitoOptions, pool: StrictUserPool, poolId: string, region: string): JsonObject {
  switch (op) {
    case 'DescribeUserPool': return describeUserPool(body, options, poolId, region);
    case 'DescribeUserPoolClient': return describeUserPoolClient(body, options, poolId);
    case 'AdminGetUser': return adminGetUser(body, options, poolId, pool);
    case 'DescribeRiskConfiguration': return describeRiskConfiguration(body, options, poolId);
    default: throw awsErrors.unknownOperation(op);
  }
}
