import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Platform } from './platform.ts';

export interface RunningServer {
  url: string;
  /** Stops at once: every connection is cut, requests under way included (tests, restarts). */
  close(): Promise<void>;
  /**
   * Stops gracefully: new connections are refused at once, requests under way may finish
   * within `graceMs`, then whatever is left is cut. Resolves with how many requests were cut.
   */
  drain(graceMs: number): Promise<{ cut: number }>;
}

/** Serves a platform over HTTP on `host:port` (port 0 picks a free one). */
export function listen(platform: Platform, port: number, host = '127.0.0.1'): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const inFlight = new Set<ServerResponse>();
    let draining = false;
    let settled: (() => void) | undefined;
    // An HTTP/1.1 server: `serve` makes one unless given `createServer`.
    const server = serve({ fetch: platform.fetch, port, hostname: host }, (info: AddressInfo) => {
      const stopped = new Promise<void>((done) => {
        settled = done;
      });
      let stopping = false;
      const stop = () => {
        if (!stopping) server.close(() => settled?.());
        stopping = true;
        return stopped;
      };
      resolve({
        url: `http://${host}:${info.port}`,
        close: () => {
          const done = stop();
          // Keep-alive sockets would hold close() open for seconds.
          if ('closeAllConnections' in server) server.closeAllConnections();
          return done;
        },
        async drain(graceMs) {
          draining = true;
          // A response not yet started says `Connection: close`, so its client does not
          // send another request on a socket that is about to go.
          for (const res of inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
          const done = stop(); // closes the listening socket and the idle keep-alive ones
          if (inFlight.size === 0) server.closeIdleConnections();
          let timer: NodeJS.Timeout | undefined;
          const late = new Promise<'late'>((r) => {
            timer = setTimeout(() => r('late'), graceMs);
          });
          const outcome = await Promise.race([done, late]);
          clearTimeout(timer);
          if (outcome !== 'late') return { cut: 0 };
          const cut = inFlight.size;
          server.closeAllConnections();
          await done;
          return { cut };
        },
      });
    }) as Server;
    // Request-level bookkeeping, so that a drain knows when the last answer has gone out.
    server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
      inFlight.add(res);
      if (draining) res.shouldKeepAlive = false;
      res.once('close', () => {
        inFlight.delete(res);
        // Finished keep-alive sockets are idle now: nothing more will be sent on them.
        if (draining && inFlight.size === 0) server.closeIdleConnections();
      });
    });
    server.once('error', reject);
  });
}
