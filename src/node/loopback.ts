// Starts an HTTP server on 127.0.0.1 (never another interface) and gives back its base URL; node/ and local/ both use it.

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Listens on 127.0.0.1 at `port` (0: any free port); resolves to `http://127.0.0.1:<port>`. */
export async function listenOnLoopback(server: Server, port = 0): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return 'http://127.0.0.1:' + (server.address() as AddressInfo).port;
}

/** Stops a server started with listenOnLoopback: drops open connections so the close does not wait for them. */
export function stopServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
