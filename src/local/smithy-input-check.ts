// Checks a JSON request body against an operation's input shape as AWS's JSON 1.1 services do, for the local Cognito doubles.
//
// The shapes come from AWS's Smithy models, trimmed by test/support/strict-cognito/models/extract.ts. Two kinds of
// refusal, in AWS's order: a body that cannot be read into the shape (wrong JSON type, unknown member) is a
// SerializationException; then every constraint (required, length, pattern, enum) is checked and all violations are
// reported at once in AWS's validation wording. Values of sensitive shapes are never put into a message.

export type TrimmedShape =
  | { type: 'structure'; members: Record<string, { target: string; required?: true }>; sensitive?: true }
  | { type: 'string'; length?: Bounds; pattern?: string; enum?: string[]; sensitive?: true }
  | { type: 'enum'; values: string[]; sensitive?: true }
  | { type: 'map'; key: string; value: string; length?: Bounds; sensitive?: true }
  | { type: 'list'; member: string; length?: Bounds; sensitive?: true }
  | { type: 'boolean' | 'integer' | 'long' | 'timestamp' | 'blob' | 'double'; range?: Bounds; sensitive?: true };

interface Bounds {
  min?: number;
  max?: number;
}

export interface InputModel {
  readonly operations: Readonly<Record<string, string>>;
  readonly shapes: Readonly<Record<string, TrimmedShape>>;
}

/** Why a body was refused: `serialization` → SerializationException; `validation` → the service's validation error type. */
export interface InputRefusal {
  readonly kind: 'serialization' | 'validation';
  readonly message: string;
}

class Unreadable extends Error {}

/** The refusal AWS would give this body for `operation`, or undefined when it passes. Unknown operations pass. */
export function checkInput(model: InputModel, operation: string, body: unknown): InputRefusal | undefined {
  const input = model.operations[operation];
  if (input === undefined) return undefined;
  const violations: string[] = [];
  try {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Unreadable('Start of structure or map expected');
    walk(model, input, body, '', false, violations);
  } catch (error) {
    if (error instanceof Unreadable) return { kind: 'serialization', message: error.message };
    throw error;
  }
  if (violations.length === 0) return undefined;
  const count = violations.length === 1 ? '1 validation error detected' : `${violations.length} validation errors detected`;
  return { kind: 'validation', message: `${count}: ${violations.join('; ')}` };
}

/** AWS names a member in its messages by its camel-cased name, nested with dots. */
function memberPath(parent: string, name: string): string {
  const camel = name.charAt(0).toLowerCase() + name.slice(1);
  return parent === '' ? camel : `${parent}.${camel}`;
}

function shapeOf(model: InputModel, name: string): TrimmedShape {
  const shape = model.shapes[name];
  if (shape === undefined) throw new Error(`smithy-input-check: shape ${name} is missing from the model`);
  return shape;
}

function walk(model: InputModel, name: string, value: unknown, path: string, hidden: boolean, out: string[]): void {
  const shape = shapeOf(model, name);
  const secret = hidden || shape.sensitive === true;
  switch (shape.type) {
    case 'structure':
      return walkStructure(model, shape, value, path, secret, out);
    case 'map':
      return walkMap(model, shape, value, path, secret, out);
    case 'list': {
      if (!Array.isArray(value)) throw new Unreadable('Unexpected field type');
      lengthViolation(value.length, shape.length, describe(value, path, secret || shapeOf(model, shape.member).sensitive === true), out);
      value.forEach((item, i) => walk(model, shape.member, item, `${path}.${i + 1}.member`, secret, out));
      return;
    }
    case 'string':
    case 'enum': {
      const text = readString(value);
      const at = describe(text, path, secret);
      const allowed = shape.type === 'enum' ? shape.values : shape.enum;
      if (allowed !== undefined && !allowed.includes(text)) out.push(`${at}: Member must satisfy enum value set: [${allowed.join(', ')}]`);
      if (shape.type === 'string') {
        lengthViolation([...text].length, shape.length, at, out);
        if (shape.pattern !== undefined && !new RegExp(shape.pattern, 'u').test(text)) {
          // AWS prints the pattern without the anchors the Smithy model adds (seen: "pattern: [\w-]+:[0-9a-f-]+").
          out.push(`${at}: Member must satisfy regular expression pattern: ${shape.pattern.replace(/^\^/, '').replace(/\$$/, '')}`);
        }
      }
      return;
    }
    case 'integer':
    case 'long':
    case 'double':
    case 'timestamp':
      if (typeof value !== 'number') throw new Unreadable('Unexpected field type');
      return;
    case 'boolean':
      // Measured on the live API (floci-io/floci#2869): a string where a boolean belongs is accepted.
      if (typeof value !== 'boolean' && typeof value !== 'string') throw new Unreadable('Unexpected field type');
      return;
    case 'blob':
      if (typeof value !== 'string') throw new Unreadable('Unexpected field type');
      return;
  }
}

function walkStructure(
  model: InputModel,
  shape: Extract<TrimmedShape, { type: 'structure' }>,
  value: unknown,
  path: string,
  secret: boolean,
  out: string[],
): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Unreadable('Unexpected field type');
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    // Assumed (no public measurement found): a member the model does not have is refused rather than ignored,
    // so a misspelt member in a hand-built body is caught here instead of silently dropped.
    if (!(key in shape.members)) throw new Unreadable(`Unknown member ${key}`);
  }
  for (const [member, spec] of Object.entries(shape.members)) {
    const child = memberPath(path, member);
    const memberValue = record[member];
    if (memberValue === undefined || memberValue === null) {
      if (spec.required === true) out.push(`Value null at '${child}' failed to satisfy constraint: Member must not be null`);
      continue;
    }
    walk(model, spec.target, memberValue, child, secret, out);
  }
}

function walkMap(
  model: InputModel,
  shape: Extract<TrimmedShape, { type: 'map' }>,
  value: unknown,
  path: string,
  secret: boolean,
  out: string[],
): void {
  // seen: amplify-js#4738 ("Expected map or null").
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Unreadable('Expected map or null');
  const entries = Object.entries(value as Record<string, unknown>);
  // A map is shown only when neither it nor its keys or values are sensitive (LoginsMap holds sensitive tokens).
  const hidden = secret || shapeOf(model, shape.key).sensitive === true || shapeOf(model, shape.value).sensitive === true;
  const at = describe(value, path, hidden);
  lengthViolation(entries.length, shape.length, at, out);
  const keyProblems: string[] = [];
  const valueProblems: string[] = [];
  for (const [key, item] of entries) {
    walk(model, shape.key, key, path, secret, keyProblems);
    walk(model, shape.value, item, path, secret, valueProblems);
  }
  const constraintOnly = (problems: string[]): string => [...new Set(problems.map((p) => p.slice(p.indexOf('constraint: ') + 'constraint: '.length)))].join(', ');
  if (keyProblems.length > 0) out.push(`${at}: Map keys must satisfy constraint: [${constraintOnly(keyProblems)}]`);
  if (valueProblems.length > 0) out.push(`${at}: Map value must satisfy constraint: [${constraintOnly(valueProblems)}]`);
}

/** A string member as Coral reads it; the wordings are those AWS JSON services answer with (seen in aws-sdk and amplify issues). */
function readString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') throw new Unreadable('class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String');
  if (typeof value === 'boolean') throw new Unreadable('class java.lang.Boolean can not be converted to an String');
  if (Array.isArray(value)) throw new Unreadable('Start of list found where not expected');
  throw new Unreadable('Start of structure or map found where not expected.');
}

/** "Value 'x' at 'member' failed to satisfy constraint", without the value when the shape is sensitive. */
function describe(value: unknown, path: string, secret: boolean): string {
  if (secret) return `Value at '${path}' failed to satisfy constraint`;
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  return `Value '${shown}' at '${path}' failed to satisfy constraint`;
}

function lengthViolation(length: number, bounds: Bounds | undefined, at: string, out: string[]): void {
  if (bounds?.min !== undefined && length < bounds.min) out.push(`${at}: Member must have length greater than or equal to ${bounds.min}`);
  if (bounds?.max !== undefined && length > bounds.max) out.push(`${at}: Member must have length less than or equal to ${bounds.max}`);
}

/** The constraint violations of one value of a named shape (for checking a double's own configuration). */
export function valueViolations(model: InputModel, shape: string, value: unknown, path: string): string[] {
  const out: string[] = [];
  try {
    walk(model, shape, value, path, true, out);
  } catch (error) {
    if (error instanceof Unreadable) return [error.message];
    throw error;
  }
  return out;
}
