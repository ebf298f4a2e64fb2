// The demo API's routes: the pets REST API (API Gateway with a Cognito authorizer, or AWS_IAM) and a GraphQL endpoint (AppSync).

import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRefusal, isSigV4, verifyIamRequest, type IamCaller, type IssuedCredentialsLookup } from './iam-auth';
import { bodyText, isRecord, MAX_BODY_BYTES, parseJson, sendJson, sendNoContent } from './demo-api-http';
import type { Caller } from './demo-api-tokens';

/** IAM authorization: the credentials an identity pool issued. Without it, signed requests are refused as unknown keys. */
export interface DemoApiIam {
  lookup: IssuedCredentialsLookup;
  region?: string;
  nowMs?: () => number;
}

export interface RouteOptions {
  /** The verified caller of a request, or undefined (createTokenCheck). */
  authenticate: (req: IncomingMessage) => Caller | undefined;
  iam?: DemoApiIam | undefined;
  brokenResponses?: boolean | undefined;
}

export interface Routes {
  handleRest(req: IncomingMessage, res: ServerResponse, path: string): Promise<void>;
  handleGraphql(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

interface Pet {
  id: string;
  name: string;
  species: string;
}

const ADMIN_GROUP = 'admins';
/** The route that wants the access token as Bearer (see bearerMe). */
const BEARER_ME = '/bearer/me';
const NAME_MAX = 100;
const SPECIES_MAX = 50;

const UNAUTHORIZED = { message: 'Unauthorized' };
const APPSYNC_UNAUTHORIZED = {
  errors: [{ errorType: 'UnauthorizedException', message: 'Valid authorization header not provided.' }],
};

function initialPets(): Pet[] {
  return [
    { id: '1', name: 'Rex', species: 'dog' },
    { id: '2', name: 'Tom', species: 'cat' },
    { id: '3', name: 'Tweety', species: 'bird' },
  ];
}

/** The body of POST /pets, or every problem with it. */
function parseNewPet(text: string): { pet: { name: string; species: string } } | { problems: string[] } {
  const body = parseJson(text);
  if (!isRecord(body)) return { problems: ['body must be a JSON object'] };
  const problems: string[] = [];
  const { name, species } = body;
  if (typeof name !== 'string' || name.trim() === '' || name.length > NAME_MAX) {
    problems.push('name must be a non-empty string of at most ' + NAME_MAX + ' characters');
  }
  if (typeof species !== 'string' || species.trim() === '' || species.length > SPECIES_MAX) {
    problems.push('species must be a non-empty string of at most ' + SPECIES_MAX + ' characters');
  }
  for (const key of Object.keys(body)) {
    if (key !== 'name' && key !== 'species') problems.push('unknown property ' + JSON.stringify(key));
  }
  if (problems.length > 0 || typeof name !== 'string' || typeof species !== 'string') return { problems };
  return { pet: { name, species } };
}

/** The pets (kept in memory while the API runs) and the handlers that serve them. */
export class DemoRoutes implements Routes {
  private readonly pets = initialPets();
  private nextId = this.pets.length + 1;

  constructor(private readonly options: RouteOptions) {}

  /** The caller, or undefined after answering 401 with `refusal` (API Gateway's or AppSync's shape). */
  private callerOr401(req: IncomingMessage, res: ServerResponse, refusal: unknown): Caller | undefined {
    const caller = this.options.authenticate(req);
    if (caller === undefined) sendJson(res, 401, refusal);
    return caller;
  }

  /**
   * GET /bearer/me: like /me, but behind an API that takes only an access token sent as `Authorization: Bearer <token>`
   * (RFC 6750, as a scope-checking backend wants it), where /me takes either token, raw or as Bearer (API Gateway's
   * Cognito authorizer). The ID token, or an access token without `Bearer`, is 401. For `pm-cognito doctor --url` tests.
   */
  private bearerMe(req: IncomingMessage, res: ServerResponse): void {
    const bearer = /^Bearer\s/i.test(req.headers.authorization ?? '');
    const caller = this.options.authenticate(req);
    if (!bearer || caller === undefined || caller.tokenUse !== 'access') sendJson(res, 401, UNAUTHORIZED);
    else sendJson(res, 200, caller);
  }

  /** The IAM caller, or undefined after sending AWS's refusal (API Gateway's `{message}` or AppSync's `{errors}` shape). */
  private async iamCaller(req: IncomingMessage, res: ServerResponse, body: string, service: 'execute-api' | 'appsync'): Promise<IamCaller | undefined> {
    const iam = this.options.iam;
    const verdict = await verifyIamRequest(req, body, {
      service,
      region: iam?.region ?? 'us-east-1',
      nowMs: (iam?.nowMs ?? Date.now)(),
      lookup: iam?.lookup ?? (() => undefined),
    });
    if (!isRefusal(verdict)) return verdict;
    res.setHeader('x-amzn-ErrorType', verdict.type);
    sendJson(res, verdict.status, service === 'appsync' ? { errors: [{ errorType: verdict.type, message: verdict.message }] } : { message: verdict.message });
    return undefined;
  }

  async handleRest(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = req.method ?? 'GET';
    if (path === '/iam/me' && method === 'GET') {
      // An API Gateway method with AWS_IAM authorization: what requestContext.identity tells the backend.
      const caller = await this.iamCaller(req, res, (await bodyText(req)) ?? '', 'execute-api');
      if (caller !== undefined) sendJson(res, 200, caller);
      return;
    }
    if (path === BEARER_ME && method === 'GET') {
      this.bearerMe(req, res);
      return;
    }
    const petMatch = /^\/pets\/([^/]+)$/.exec(path);
    const known = path === '/me' || path === '/pets' || petMatch !== null;
    if (!known) {
      sendJson(res, 404, { message: 'Not Found' });
      return;
    }
    const caller = this.callerOr401(req, res, UNAUTHORIZED);
    if (caller === undefined) return;
    const isAdmin = caller.groups.includes(ADMIN_GROUP);

    if (path === '/me' && method === 'GET') {
      sendJson(res, 200, caller);
      return;
    }
    if (path === '/pets' && method === 'GET') {
      sendJson(res, 200, this.options.brokenResponses === true ? this.pets.map((pet) => ({ id: Number(pet.id), name: pet.name })) : this.pets);
      return;
    }
    if (path === '/pets' && method === 'POST') {
      const text = await bodyText(req);
      if (text === undefined) {
        sendJson(res, 400, { message: 'Invalid request body: larger than ' + MAX_BODY_BYTES + ' bytes' });
        return;
      }
      // API Gateway validates the request before the backend checks groups: 400 comes before 403.
      const parsed = parseNewPet(text);
      if ('problems' in parsed) {
        sendJson(res, 400, { message: 'Invalid request body: ' + parsed.problems.join('; ') });
        return;
      }
      if (!isAdmin) {
        sendJson(res, 403, { message: 'Forbidden: only the admins group may create pets' });
        return;
      }
      const pet: Pet = { id: String(this.nextId++), ...parsed.pet };
      this.pets.push(pet);
      sendJson(res, 201, pet);
      return;
    }
    if (petMatch !== null) {
      const petId = decodeURIComponent(petMatch[1] ?? '');
      const index = this.pets.findIndex((pet) => pet.id === petId);
      if (method === 'GET') {
        if (index === -1) sendJson(res, 404, { message: 'Pet not found' });
        else sendJson(res, 200, this.pets[index]);
        return;
      }
      if (method === 'DELETE') {
        if (!isAdmin) sendJson(res, 403, { message: 'Forbidden: only the admins group may delete pets' });
        else if (index === -1) sendJson(res, 404, { message: 'Pet not found' });
        else {
          this.pets.splice(index, 1);
          sendNoContent(res);
        }
        return;
      }
    }
    sendJson(res, 404, { message: 'Not Found' });
  }

  /** Just enough of GraphQL to tell the three operations apart, with AppSync's status codes and error shapes. */
  async handleGraphql(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      sendJson(res, 404, { message: 'Not Found' });
      return;
    }
    // AppSync with AWS_IAM as an additional auth mode: a SigV4 Authorization header selects it.
    const signed = isSigV4(req);
    const caller = signed ? undefined : this.callerOr401(req, res, APPSYNC_UNAUTHORIZED);
    if (!signed && caller === undefined) return;
    const text = await bodyText(req);
    const iamIdentity = signed ? await this.iamCaller(req, res, text ?? '', 'appsync') : undefined;
    if (signed && iamIdentity === undefined) return;
    const body = text === undefined ? undefined : parseJson(text);
    if (!isRecord(body) || typeof body.query !== 'string') {
      sendJson(res, 400, {
        errors: [{ errorType: 'MalformedHttpRequestException', message: 'The request body must be JSON with a "query" string.' }],
      });
      return;
    }
    const query = body.query;
    const variables = isRecord(body.variables) ? body.variables : {};
    if (/\blistPets\b/.test(query)) {
      sendJson(res, 200, { data: { listPets: { items: this.pets } } });
      return;
    }
    if (/\bgetPet\b/.test(query)) {
      const literal = /\bgetPet\s*\(\s*id\s*:\s*"?([^"\s,)]+)"?/.exec(query)?.[1];
      const id = typeof variables.id === 'string' || typeof variables.id === 'number' ? String(variables.id) : literal;
      if (id === undefined || id.startsWith('$')) {
        sendJson(res, 200, { data: null, errors: [{ errorType: 'ValidationError', message: "Validation error: getPet needs an argument 'id'" }] });
        return;
      }
      sendJson(res, 200, { data: { getPet: this.pets.find((pet) => pet.id === id) ?? null } });
      return;
    }
    if (/\bme\b/.test(query)) {
      // $context.identity of an IAM caller has no user pool claims: the identity pool's identity instead.
      const me = caller !== undefined ? { username: caller.username, groups: caller.groups }
        : { cognitoIdentityId: iamIdentity!.cognitoIdentityId, cognitoIdentityAuthType: iamIdentity!.cognitoAuthenticationType };
      sendJson(res, 200, { data: { me } });
      return;
    }
    sendJson(res, 200, {
      data: null,
      errors: [{ errorType: 'ValidationError', message: 'Validation error of type FieldUndefined: the query asks for no field of type Query that this API has (listPets, getPet, me)' }],
    });
  }
}
