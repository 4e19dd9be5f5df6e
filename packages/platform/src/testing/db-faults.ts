import net from 'node:net';
import pg from 'pg';

/**
 * Polls `condition` until it holds (running `probe` before each look, when given); fails
 * naming `what` after `ms`. Tests wait for a condition this way, never for a fixed time.
 */
export async function until(
  condition: () => boolean,
  what: string,
  ms = 15_000,
  probe?: () => Promise<void>,
): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    await probe?.();
    if (condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Terminates the server connections of one application name; returns how many. */
export async function terminateBackends(connectionString: string, applicationName: string): Promise<number> {
  const admin = new pg.Client({ connectionString });
  await admin.connect();
  try {
    const rows = await admin.query(
      'select pg_terminate_backend(pid) as done from pg_stat_activity where application_name = $1 and pid <> pg_backend_pid()',
      [applicationName],
    );
    return rows.rows.filter((r: { done: boolean }) => r.done).length;
  } finally {
    await admin.end();
  }
}

/**
 * A TCP forwarder on 127.0.0.1 that a test can cut (`stop`) and restore (`start`) on the same
 * port, or make deaf without a word (`silence`): a connection whose client has sent something
 * matching `pattern` gets nothing more from the server, and nobody is told, as with a
 * half-open connection or a pooler that lost a LISTEN.
 */
export async function tcpProxy(host: string, port: number) {
  const sockets = new Set<net.Socket>();
  const connections = new Set<{ sent: string; silenced: boolean }>();
  let server: net.Server | undefined;
  let listenPort = 0;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const s = net.createServer((client) => {
        const upstream = net.connect(port, host);
        const connection = { sent: '', silenced: false };
        connections.add(connection);
        sockets.add(client).add(upstream);
        for (const socket of [client, upstream]) {
          socket.on('error', () => {});
          socket.on('close', () => {
            sockets.delete(socket);
            connections.delete(connection);
          });
        }
        client.on('data', (chunk: Buffer) => {
          // Enough of what the client said to recognise it (PostgreSQL's protocol is plain here).
          if (connection.sent.length < 65_536) connection.sent += chunk.toString('latin1');
          upstream.write(chunk);
        });
        upstream.on('data', (chunk: Buffer) => {
          if (!connection.silenced) client.write(chunk);
        });
        client.on('end', () => upstream.end());
        upstream.on('end', () => client.end());
      });
      s.once('error', reject);
      s.listen(listenPort, '127.0.0.1', () => {
        listenPort = (s.address() as net.AddressInfo).port;
        server = s;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      if (!server) return resolve();
      const s = server;
      server = undefined;
      s.close(() => resolve());
    });
  /** Silences the open connections whose client sent something matching `pattern`; how many. */
  const silence = (pattern: RegExp): number => {
    let n = 0;
    for (const connection of connections) {
      if (!connection.silenced && pattern.test(connection.sent)) {
        connection.silenced = true;
        n += 1;
      }
    }
    return n;
  };
  await start();
  return { port: listenPort, start, stop, silence };
}
