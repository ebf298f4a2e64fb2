// The user-pool double's input checks: every request body against its operation's input shape from AWS's Smithy model.

import { checkInput, valueViolations, type InputModel } from '../../../src/local/smithy-input-check';
import { AwsServiceError, awsErrors } from './aws-errors';
import shapes from './models/cognito-identity-provider.shapes.json';

const MODEL = shapes as unknown as InputModel;

/**
 * Throws what Cognito answers for a body its model refuses: SerializationException when it cannot be read into the
 * input shape, InvalidParameterException (Cognito user pools' validation type, seen in many SDK reports) for
 * constraint violations. Operations the model does not list pass.
 */
export function checkUserPoolInput(operation: string, body: unknown): void {
  const refusal = checkInput(MODEL, operation, body);
  if (refusal === undefined) return;
  throw refusal.kind === 'serialization' ? awsErrors.serialization(refusal.message) : new AwsServiceError('InvalidParameterException', refusal.message);
}

/** Refuses, at start-up, an id or secret AWS would never issue (its request would fail the same checks). */
export function checkConfiguredValue(shape: 'ClientIdType' | 'ClientSecretType' | 'UserPoolIdType', value: string, what: string): void {
  const member = { ClientIdType: 'clientId', ClientSecretType: 'clientSecret', UserPoolIdType: 'userPoolId' }[shape];
  const problems = valueViolations(MODEL, shape, value, member);
  if (problems.length > 0) throw new Error(`strict-cognito: ${what} does not satisfy AWS's ${shape}: ${problems.join('; ')}`);
}
