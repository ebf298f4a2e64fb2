// A loopback HTTP server that stands in for every Postman cloud service during a Postman CLI run, so nothing leaves the machine.

import { createServer } from 'node:http';
import { listenOnLoopback, stopServer } from './loopback';

export interface CloudSink {
  url: string;
  stop(): Promise<void>;
}

/**
 * The Postman CLI 1.62.0 posts a `collection_run` analytics event after every run even with
 * --no-report-events; it honours POSTMAN_ANALYTICS_BASE_URL and its other POSTMAN_*_BASE_URL
 * variables, which the runner points here. Answers 204 to everything.
 */
export async function startCloudSink(): Promise<CloudSink> {
  const server = createServer((req, res) => {
    // Nothing is kept: the body describes the run.
    req.resume();
    res.writeHead(204).end();
  });
  const url = await listenOnLoopback(server);
  return {
    url,
    stop: () => stopServer(server),
  };
}

/** The Postman CLI's service-address variables (lib/region-util.js of 1.62.0). */
export const POSTMAN_SERVICE_VARIABLES = [
  'POSTMAN_ANALYTICS_BASE_URL', 'POSTMAN_API_BASE_URL', 'POSTMAN_GATEWAY_BASE_URL', 'POSTMAN_PACKMAN_BASE_URL',
  'POSTMAN_RUNTIME_AGENT_BASE_URL', 'POSTMAN_ARTEMIS_BASE_URL', 'POSTMAN_IAPUB_BASE_URL', 'POSTMAN_AUTHN_BASE_URL',
  'POSTMAN_IDENTITY_BASE_URL', 'POSTMAN_RUNNER_API_BASE_URL', 'COMPONENT_LIBRARY_BASE_URL', 'POSTMAN_SDK_GEN_BASE_URL',
  'POSTMAN_INTEGRATIONS_BASE_URL', 'POSTMAN_WEBHOOK_PUBLIC_ENDPOINT_BASE_URL', 'POSTMAN_TUNNEL_LIAISON_SERVICE_BASE_URL',
  'POSTMAN_RUNNER_URL',
] as const;
