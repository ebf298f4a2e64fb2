// Writes test/fixtures/srp-vectors.json: SRP known answers computed by AWS's own client, so srp.test.ts need not run jsbn for every vector.
// Run: npx tsx test/support/srp/generate-vectors.ts (after changing a vector's inputs or upgrading amazon-cognito-identity-js).

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SRP_N } from '../../../src/core/srp';
import {
  awsModPow, awsServerChallenge, awsSignature, awsSmallA, inputDigest, modPowCase, MODPOW_EXPONENT_LENGTHS, vectors,
} from './aws-reference';

export const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'srp-vectors.json');

export interface SrpFixture {
  source: string;
  generatedBy: string;
  vectors: Array<{ name: string; inputDigest: string; smallA: string; verifier: string; B: string; A: string; signature: string }>;
  modPow: Array<{ exponentLength: number; sign: 1 | -1; result: string }>;
}

export function generate(): SrpFixture {
  const version = (require('amazon-cognito-identity-js/package.json') as { version: string }).version;
  return {
    source: 'amazon-cognito-identity-js ' + version + ': AuthenticationHelper (jsbn BigInteger) getLargeAValue, getPasswordAuthenticationKey, modPow',
    generatedBy: 'test/support/srp/generate-vectors.ts',
    vectors: vectors.map((v) => {
      const a = awsSmallA(v.aBytes);
      const { B, verifier } = awsServerChallenge(v);
      const { A, signature } = awsSignature(v, a, B);
      return { name: v.name, inputDigest: inputDigest(v), smallA: a.toString(16), verifier: verifier.toString(16), B: B.toString(16), A, signature };
    }),
    modPow: MODPOW_EXPONENT_LENGTHS.flatMap((exponentLength) => ([1n, -1n] as const).map((sign) => {
      const { normalised, exponent } = modPowCase(exponentLength, sign, SRP_N);
      return { exponentLength, sign: sign === 1n ? 1 as const : -1 as const, result: awsModPow(normalised, exponent) };
    })),
  };
}

if (require.main === module) {
  writeFileSync(FIXTURE, JSON.stringify(generate(), null, 2) + '\n');
  console.log('wrote ' + FIXTURE);
}
