import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the proxy may do to one request, drawn per request. */
export type Fault =
  | 'pass'
  /** 401 invalid_token, as the platform answers an expired token; nothing forwarded. */
  | 'unauthorized'
  /** 502/503/504 from the "balancer"; nothing forwarded. */
  | 'unavailable'
  /** Forwarded and applied, then answered 503 instead of the platform's answer. */
  | 'unavailableAfter'
  /** The connection reset before anything is forwarded. */
  | 'reset'
  /** Forwarded and applied, then the connection reset: the answer never arrives. */
  | 'resetAfter'
  /** Held for a while (up to longer than a call's deadline), then forwarded. */
  | 'stall';

export type FaultRates = Partial<Record<Exclude<Fault, 'pass'>, number>>;

export interface FaultProxy {
  url: string;
  /** Requests seen per fault drawn (preflights are always passed, and not counted). */
  counts: Record<Fault, number>;
  close(): Promise<void>;
}

/** A small seeded generator (mulberry32): the same seed draws the same faults. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * An HTTP proxy on 127.0.0.1 in front of `target` that injects faults at the given rates: what
 * a flaky mobile network and a bad load balancer do to the planner's calls. Answers it makes up
 * carry the CORS headers the platform would send, so the planner reads them as the platform's.
 */
export async function startFaultProxy(
  target: string,
  { rates, seed, stallMs = [1_000, 20_000] }: { rates: FaultRates; seed: number; stallMs?: [number, number] },
): Promise<FaultProxy> {
  const random = seeded(seed);
  const counts: Record<Fault, number> = {
    pass: 0,
    unauthorized: 0,
    unavailable: 0,
    unavailableAfter: 0,
    reset: 0,
    resetAfter: 0,
    stall: 0,
  };
  const draw = (): Fault => {
    let r = random();
    for (const [fault, rate] of Object.entries(rates) as [Fault, number][]) {
      if (r < rate) return fault;
      r -= rate;
    }
    return 'pass';
  };
  const sockets = new Set<Socket>();
  const targetUrl = new URL(target);

  const cors = (req: IncomingMessage): Record<string, string> => ({
    'access-control-allow-origin': req.headers.origin ?? '*',
    'access-control-expose-headers': 'WWW-Authenticate, Retry-After, ETag, Idempotent-Replayed, Date',
    vary: 'Origin',
    'content-type': 'application/json',
    'cache-control': 'no-store',
  });

  /** Sends the request on to the platform; resolves with its answer, read whole. */
  const forward = (req: IncomingMessage, body: Buffer) =>
    new Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }>((resolve, reject) => {
      const upstream = request(
        {
          host: targetUrl.hostname,
          port: targetUrl.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: targetUrl.host },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
          );
          res.on('error', reject);
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const fault = req.method === 'OPTIONS' ? 'pass' : draw();
    if (req.method !== 'OPTIONS') counts[fault]++;
    if (fault === 'reset') return req.socket.destroy();
    if (fault === 'unauthorized') {
      res.writeHead(401, {
        ...cors(req),
        'www-authenticate':
          'Bearer realm="planner", error="invalid_token", error_description="The token expired."',
      });
      return res.end(JSON.stringify({ error: 'invalid_token', error_description: 'The token expired.' }));
    }
    if (fault === 'unavailable') {
      const status = [502, 503, 504][Math.floor(random() * 3)] ?? 503;
      res.writeHead(status, { ...cors(req), ...(status === 503 ? { 'retry-after': '1' } : {}) });
      return res.end(JSON.stringify({ error: 'unavailable', error_description: 'The proxy made this up.' }));
    }
    if (fault === 'stall') {
      const [min, max] = stallMs;
      await new Promise((r) => setTimeout(r, min + random() * (max - min)));
      if (req.socket.destroyed) {
        // The caller gave up; the request still reaches the platform, as a slow network's does.
        await forward(req, body).catch(() => undefined);
        return;
      }
    }
    let answer: Awaited<ReturnType<typeof forward>>;
    try {
      answer = await forward(req, body);
    } catch {
      return req.socket.destroy();
    }
    if (fault === 'resetAfter') return req.socket.destroy();
    if (fault === 'unavailableAfter') {
      res.writeHead(503, cors(req));
      return res.end(JSON.stringify({ error: 'unavailable', error_description: 'Applied, then lost.' }));
    }
    const headers = { ...answer.headers };
    delete headers['transfer-encoding'];
    delete headers.connection;
    res.writeHead(answer.status, headers);
    res.end(answer.body);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
