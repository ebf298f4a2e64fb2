// Local servers (cognito-local, the proxy, the demo API) need ports that nothing else holds, on loopback only.

import { createServer } from 'node:net';

/**
 * Asks the kernel for a free TCP port on 127.0.0.1 and releases it again.
 * Another process could take the port before the caller binds it; on a test machine that race is rare
 * enough, and callers that bind themselves should prefer listening on port 0 directly.
 */
export function freePort(): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('freePort: the kernel returned no TCP address for 127.0.0.1:0'));
        return;
      }
      const { port } = address;
      server.close((error) => (error ? reject(error) : resolve(port)));
    });
  });
}
