import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Platform } from './platform.ts';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Serves a platform over HTTP on `host:port` (port 0 picks a free one). */
export function listen(platform: Platform, port: number, host = '127.0.0.1'): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: platform.fetch, port, hostname: host }, (info: AddressInfo) => {
      resolve({
        url: `http://${host}:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // Keep-alive sockets would hold close() open for seconds.
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
    server.once('error', reject);
  });
}
