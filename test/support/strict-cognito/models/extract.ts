// Writes the trimmed input shapes the Cognito doubles check requests against, from AWS's published Smithy models.
//
// Run: npx tsx test/support/strict-cognito/models/extract.ts [path to a bare or normal clone of aws/api-models-aws]
// (default /work/.mirror/aws+api-models-aws/repo). It reads the models at MODEL_COMMIT with `git show`, keeps only
// the operations the doubles serve (and those planned for them), and writes one JSON per service.

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TrimmedShape } from '../../../../src/local/smithy-input-check';

const MODEL_REPOSITORY = 'https://github.com/aws/api-models-aws';
const MODEL_COMMIT = '56c8953e87aeead95ae5e66a3ca6a355731db6ad';
const ROOT = join(__dirname, '..', '..', '..', '..');

interface ServiceSpec {
  readonly path: string;
  readonly namespace: string;
  readonly operations: readonly string[];
  readonly out: string;
  /** Input shapes the snapshot lacks, stated in terms of its own shapes, each with where it comes from. */
  readonly supplements?: Readonly<Record<string, { readonly source: string; readonly shape: TrimmedShape }>>;
}

const SERVICES: readonly ServiceSpec[] = [
  {
    path: 'cognito-identity-provider/service/2016-04-18/cognito-identity-provider-2016-04-18.json',
    namespace: 'com.amazonaws.cognitoidentityprovider',
    operations: [
      'InitiateAuth',
      'AdminInitiateAuth',
      'RespondToAuthChallenge',
      'AdminRespondToAuthChallenge',
      'GetTokensFromRefreshToken',
      'DescribeUserPool',
      'DescribeUserPoolClient',
      'AdminGetUser',
      'DescribeRiskConfiguration',
    ],
    out: 'test/support/strict-cognito/models/cognito-identity-provider.shapes.json',
    supplements: {
      // The April 2025 snapshot predates GetTokensFromRefreshToken (added mid-2025).
      GetTokensFromRefreshToken: {
        source:
          'aws/aws-sdk-js-v3 codegen/sdk-codegen/aws-models/cognito-identity-provider.json (GetTokensFromRefreshTokenRequest), ' +
          'as compiled into @aws-sdk/client-cognito-identity-provider 3.1169.0 dist-cjs (members RefreshToken: TokenModelType, ' +
          'ClientId: ClientIdType, ClientSecret: ClientSecretType, DeviceKey: String, ClientMetadata: ClientMetadataType; the first two required)',
        shape: {
          type: 'structure',
          members: {
            RefreshToken: { target: 'TokenModelType', required: true },
            ClientId: { target: 'ClientIdType', required: true },
            ClientSecret: { target: 'ClientSecretType' },
            DeviceKey: { target: 'StringType' },
            ClientMetadata: { target: 'ClientMetadataType' },
          },
        },
      },
    },
  },
  {
    path: 'cognito-identity/service/2014-06-30/cognito-identity-2014-06-30.json',
    namespace: 'com.amazonaws.cognitoidentity',
    operations: ['GetId', 'GetCredentialsForIdentity', 'DescribeIdentityPool', 'GetIdentityPoolRoles'],
    out: 'src/local/identity-pool-double/cognito-identity.shapes.json',
  },
];

type SmithyShape = {
  type: string;
  members?: Record<string, { target: string; traits?: Record<string, unknown> }>;
  member?: { target: string };
  key?: { target: string };
  value?: { target: string };
  input?: { target: string };
  traits?: Record<string, unknown>;
};

function shortName(target: string): string {
  return target.slice(target.indexOf('#') + 1);
}

function trim(shape: SmithyShape): TrimmedShape {
  const traits = shape.traits ?? {};
  const sensitive = 'smithy.api#sensitive' in traits ? { sensitive: true as const } : {};
  const length = traits['smithy.api#length'] as { min?: number; max?: number } | undefined;
  const withLength = length === undefined ? {} : { length };
  switch (shape.type) {
    case 'structure':
      return {
        type: 'structure',
        members: Object.fromEntries(
          Object.entries(shape.members ?? {}).map(([name, m]) => [
            name,
            { target: shortName(m.target), ...(m.traits?.['smithy.api#required'] === undefined ? {} : { required: true as const }) },
          ]),
        ),
        ...sensitive,
      };
    case 'enum':
      return {
        type: 'enum',
        values: Object.values(shape.members ?? {}).map((m) => String(m.traits?.['smithy.api#enumValue'])),
        ...sensitive,
      };
    case 'string': {
      const pattern = traits['smithy.api#pattern'] as string | undefined;
      const legacyEnum = traits['smithy.api#enum'] as Array<{ value: string }> | undefined;
      return {
        type: 'string',
        ...withLength,
        ...(pattern === undefined ? {} : { pattern }),
        ...(legacyEnum === undefined ? {} : { enum: legacyEnum.map((e) => e.value) }),
        ...sensitive,
      };
    }
    case 'map':
      return { type: 'map', key: shortName(shape.key!.target), value: shortName(shape.value!.target), ...withLength, ...sensitive };
    case 'list':
      return { type: 'list', member: shortName(shape.member!.target), ...withLength, ...sensitive };
    case 'boolean':
    case 'integer':
    case 'long':
    case 'timestamp':
    case 'blob':
    case 'double': {
      const range = traits['smithy.api#range'] as { min?: number; max?: number } | undefined;
      return { type: shape.type, ...(range === undefined ? {} : { range }), ...sensitive };
    }
    default:
      throw new Error(`extract: shape type ${shape.type} is not handled`);
  }
}

const PRELUDE: Record<string, TrimmedShape> = {
  String: { type: 'string' },
  Boolean: { type: 'boolean' },
  PrimitiveBoolean: { type: 'boolean' },
  Integer: { type: 'integer' },
  PrimitiveInteger: { type: 'integer' },
  Long: { type: 'long' },
  PrimitiveLong: { type: 'long' },
  Timestamp: { type: 'timestamp' },
};

function extract(repo: string, spec: ServiceSpec): unknown {
  const text = execFileSync('git', ['-C', repo, 'show', `${MODEL_COMMIT}:${spec.path}`], {
    encoding: 'utf8',
    maxBuffer: 32 * 1024 * 1024,
    timeout: 60_000,
  });
  const model = JSON.parse(text) as { shapes: Record<string, SmithyShape> };
  const shapes: Record<string, TrimmedShape> = {};
  const operations: Record<string, string> = {};
  const supplements: Record<string, string> = {};

  const visit = (target: string): void => {
    const name = shortName(target);
    if (name in shapes) return;
    if (target.startsWith('smithy.api#')) {
      const prelude = PRELUDE[name];
      if (prelude === undefined) throw new Error(`extract: prelude shape ${target} is not handled`);
      shapes[name] = prelude;
      return;
    }
    const shape = model.shapes[target];
    if (shape === undefined) throw new Error(`extract: ${target} is not in the model`);
    const trimmed = trim(shape);
    shapes[name] = trimmed;
    if (trimmed.type === 'structure') for (const m of Object.values(trimmed.members)) visit(resolve(m.target));
    if (trimmed.type === 'map') [trimmed.key, trimmed.value].forEach((t) => visit(resolve(t)));
    if (trimmed.type === 'list') visit(resolve(trimmed.member));
  };
  const resolve = (name: string): string =>
    `${spec.namespace}#${name}` in model.shapes ? `${spec.namespace}#${name}` : `smithy.api#${name}`;

  for (const op of spec.operations) {
    const operation = model.shapes[`${spec.namespace}#${op}`];
    const supplement = spec.supplements?.[op];
    if (operation === undefined) {
      if (supplement === undefined) throw new Error(`extract: ${op} is not in the model and has no supplement`);
      const inputName = `${op}Request`;
      shapes[inputName] = supplement.shape;
      operations[op] = inputName;
      supplements[op] = supplement.source;
      if (supplement.shape.type === 'structure') for (const m of Object.values(supplement.shape.members)) visit(resolve(m.target));
      continue;
    }
    const input = operation.input?.target;
    if (input === undefined) throw new Error(`extract: ${op} has no input`);
    operations[op] = shortName(input);
    visit(input);
  }
  const sorted = Object.fromEntries(Object.entries(shapes).sort(([a], [b]) => a.localeCompare(b)));
  return {
    $comment: 'Generated by test/support/strict-cognito/models/extract.ts: do not edit by hand, run it again.',
    source: { repository: MODEL_REPOSITORY, path: spec.path, commit: MODEL_COMMIT, supplements },
    operations,
    shapes: sorted,
  };
}

const repo = process.argv[2] ?? '/work/.mirror/aws+api-models-aws/repo';
for (const spec of SERVICES) {
  writeFileSync(join(ROOT, spec.out), JSON.stringify(extract(repo, spec), null, 2) + '\n');
  console.log(`wrote ${spec.out}`);
}
