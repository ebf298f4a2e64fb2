// A small local API that checks Cognito tokens the way API Gateway's Cognito authorizer and AppSync do, for the demo and the integration tests.

import { createServer } from 'node:http';
import { listenOnLoopback } from '../node/loopback';
import { sendJson } from './demo-api-http';
import { DemoRoutes, type DemoApiIam } from './demo-api-routes';
import { createTokenCheck } from './demo-api-tokens';

export interface DemoApiOptions {
  /** cognito-local's base URL (loopback only); the pool's JWKS is read from it once, at start. */
  cognitoEndpoint: string;
  /** An AWS-shaped pool id (`us-east-1_XXXXXXXXX`): the issuer must be `https://cognito-idp.us-east-1.amazonaws.com/<id>`. */
  userPoolId: string;
  /** App clients whose tokens are accepted (`aud` of ID tokens, `client_id` of access tokens). */
  clientIds: string[];
  /** Port on 127.0.0.1. Default 0: any free port. */
  port?: number;
  /** Make GET /pets answer with items that break the OpenAPI document (for contract-test failure tests). Default false. */
  brokenResponses?: boolean;
  /**
   * IAM authorization (GET /iam/me as API Gateway AWS_IAM, and SigV4-signed POST /graphql as AppSync AWS_IAM):
   * the credentials an identity pool issued. Without it, signed requests are refused as unknown keys.
   */
  iam?: DemoApiIam;
}

export interface DemoApi {
  /** e.g. `http://127.0.0.1:41236` */
  readonly url: string;
  stop(): Promise<void>;
}

function assertLoopback(url: URL): void {
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    throw new Error('startDemoApi: cognitoEndpoint ' + url.origin + ' is not on loopback; the demo API only reads keys from a local emulator');
  }
}

export async function startDemoApi(options: DemoApiOptions): Promise<DemoApi> {
  assertLoopback(new URL(options.cognitoEndpoint));
  if (options.clientIds.length === 0) throw new Error('startDemoApi: clientIds is empty: pass the app client ids whose tokens to accept');
  const authenticate = await createTokenCheck(options.cognitoEndpoint, options.userPoolId, options.clientIds);
  const routes = new DemoRoutes({ authenticate, iam: options.iam, brokenResponses: options.brokenResponses });

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const done = path === '/health' && req.method === 'GET'
      ? Promise.resolve(sendJson(res, 200, { status: 'ok' }))
      : path === '/graphql'
        ? routes.handleGraphql(req, res)
        : routes.handleRest(req, res, path);
    done.catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { message: 'Internal server error: ' + (error instanceof Error ? error.message : String(error)) });
      else res.destroy();
    });
  });
  const url = await listenOnLoopback(server, options.port ?? 0);

  let stopping: Promise<void> | undefined;
  return {
    url,
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopping;
    },
  };
}
