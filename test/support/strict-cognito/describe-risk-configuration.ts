// DescribeRiskConfiguration: threat protection's exceptions (SkippedIPRangeList, BlockedIPRangeList), in AWS's shape.

import { AwsServiceError, awsErrors } from './aws-errors';
import { checkPoolId, CREATED_SECONDS, inputOf, type JsonObject } from './describe-common';
import type { StrictCognitoOptions } from './types';

export function describeRiskConfiguration(body: unknown, options: StrictCognitoOptions, poolId: string): JsonObject {
  const input = inputOf(body);
  checkPoolId(input, poolId);
  const d = options.description ?? {};
  // DescribeRiskConfiguration needs the threat-protection add-on, as in AWS.
  if ((d.advancedSecurityMode ?? 'OFF') === 'OFF') throw new AwsServiceError('UserPoolAddOnNotEnabledException', 'Threat protection is not enabled for user pool ' + poolId + '.');
  const clientId = input['ClientId'];
  if (clientId !== undefined && (typeof clientId !== 'string' || !options.clients.some((c) => c.clientId === clientId))) throw awsErrors.clientNotFound(String(clientId));
  const config: JsonObject = { UserPoolId: poolId, LastModifiedDate: CREATED_SECONDS };
  // AWS falls back to the pool's configuration when the client has none of its own, and then names no client.
  if (typeof clientId === 'string' && (d.riskClientIds ?? []).includes(clientId)) config['ClientId'] = clientId;
  if (d.skippedIpRanges !== undefined || d.blockedIpRanges !== undefined) {
    const exceptions: JsonObject = {};
    if (d.skippedIpRanges !== undefined) exceptions['SkippedIPRangeList'] = d.skippedIpRanges;
    if (d.blockedIpRanges !== undefined) exceptions['BlockedIPRangeList'] = d.blockedIpRanges;
    config['RiskExceptionConfiguration'] = exceptions;
  }
  if (d.advancedSecurityMode === 'ENFORCED') {
    config['AccountTakeoverRiskConfiguration'] = { Actions: { LowAction: { Notify: false, EventAction: 'NO_ACTION' }, MediumAction: { Notify: false, EventAction: 'MFA_IF_CONFIGURED' }, HighAction: { Notify: false, EventAction: 'BLOCK' } } };
  }
  return { RiskConfiguration: config };
}
