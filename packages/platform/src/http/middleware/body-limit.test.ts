import { request } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  basic,
  consumerFor,
  onboardBackend,
  startTestPlatform,
  type TestPlatform,
  tokenFor,
} from '../../testing/test-platform.ts';

// A full collection before each sample: what is measured is what the process still holds,
// not garbage the collector has not reached yet (the drained rest of a refused body).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const TWENTY_MB = 20 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'a');

let tp: TestPlatform;
let consumer: { consumerKey: string; consumerSecret: string };
let userToken: string;

beforeAll(async () => {
  tp = await startTestPlatform();
  const shop = await onboardBackend(tp);
  consumer = await consumerFor(tp, shop.legalEntity.id, 'alice', 'read write');
  userToken = await tokenFor(
    tp,
    { id: shop.apiKey.id, secretKey: shop.apiKey.secretKey },
    { kind: 'user', user_id: 'alice', scope: 'read write' },
  );
});
afterAll(() => tp.close());

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * Streams `total` bytes with chunked transfer encoding (no Content-Length) and returns the
 * answer. The same 64 KiB buffer is written again and again, so the client holds nothing.
 * Writing stops as soon as the answer arrives; a socket the server closes after answering
 * is expected, not an error.
 */
function streamChunked(
  method: string,
  path: string,
  headers: Record<string, string>,
  total: number,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, tp.url);
    let answered = false;
    const req = request(
      // Explicit: Node's client frames a DELETE body only when told to.
      {
        method,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        headers: { ...headers, 'Transfer-Encoding': 'chunked' },
      },
      (res) => {
        answered = true;
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on('error', reject);
      },
    );
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    let sent = 0;
    const pump = () => {
      while (!answered && sent < total) {
        sent += CHUNK.length;
        if (!req.write(CHUNK)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

/** Runs `work` while sampling the process's retained memory; returns the answer and the peak growth. */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; growth: number }> {
  gc();
  const base = process.memoryUsage();
  let peakBuffers = 0;
  let peakRss = 0;
  const sample = () => {
    gc();
    const now = process.memoryUsage();
    peakBuffers = Math.max(peakBuffers, now.arrayBuffers - base.arrayBuffers);
    peakRss = Math.max(peakRss, now.rss - base.rss);
  };
  const timer = setInterval(sample, 5);
  try {
    const result = await work();
    sample();
    // rss also counts heap pages the allocator keeps after a collection: it only backs up
    // the buffer figure, with a looser bound.
    return { result, growth: Math.max(peakBuffers, peakRss / 3) };
  } finally {
    clearInterval(timer);
  }
}

const MB = 1024 * 1024;
// Half the body: a server that held it would grow by at least 20 MB; the rest of the process
// (other test files on a loaded machine, the database) moves the sample by a few MB.
const BOUND = 10 * MB;

describe('request bodies are bounded, chunked ones included', () => {
  const oauth = { 'Content-Type': 'application/x-www-form-urlencoded' };
  const asConsumer = () => ({
    ...oauth,
    Authorization: basic(consumer.consumerKey, consumer.consumerSecret),
  });

  it.each([
    ['/oauth/token', () => oauth],
    ['/oauth/revoke', asConsumer],
    ['/oauth/introspect', asConsumer],
  ])('%s answers a chunked 20 MB form with an OAuth 413, never holding it', async (path, headers) => {
    const { result, growth } = await measured(() => streamChunked('POST', path, headers(), TWENTY_MB));
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body)).toEqual({
      error: 'invalid_request',
      error_description: 'The request body exceeds 16384 bytes.',
    });
    expect(result.headers['cache-control']).toBe('no-store');
    expect(growth).toBeLessThan(BOUND);
  });

  it("refuses a chunked 20 MB body on a DELETE before the idempotency middleware's clone reads it", async () => {
    const { result, growth } = await measured(() =>
      streamChunked(
        'DELETE',
        '/v1/projects/00000000-0000-4000-8000-000000000000',
        {
          Authorization: `Bearer ${userToken}`,
          'Idempotency-Key': 'big-delete',
          'Content-Type': 'text/plain',
        },
        TWENTY_MB,
      ),
    );
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body)).toMatchObject({ error: 'payload_too_large' });
    expect(growth).toBeLessThan(BOUND);
  });

  it('refuses a chunked 20 MB JSON body on a write route with 413 payload_too_large', async () => {
    const { result, growth } = await measured(() =>
      streamChunked(
        'POST',
        '/v1/projects',
        {
          Authorization: `Bearer ${userToken}`,
          'Idempotency-Key': 'big-post',
          'Content-Type': 'application/json',
        },
        TWENTY_MB,
      ),
    );
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body)).toMatchObject({ error: 'payload_too_large' });
    expect(growth).toBeLessThan(BOUND);
  });

  it('still reads a chunked form within the limit', async () => {
    const form = Buffer.from('grant_type=client_credentials');
    const res = await new Promise<Answer>((resolve, reject) => {
      const url = new URL('/oauth/token', tp.url);
      const req = request(
        { method: 'POST', host: url.hostname, port: url.port, path: url.pathname, headers: asConsumer() },
        (r) => {
          let body = '';
          r.on('data', (chunk) => {
            body += chunk;
          });
          r.on('end', () => resolve({ status: r.statusCode ?? 0, headers: r.headers, body }));
        },
      );
      req.on('error', reject);
      req.write(form.subarray(0, 10));
      req.end(form.subarray(10));
    });
    expect(res.status, res.body).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ token_type: 'bearer' });
  });
});

describe('refusals a browser caller can read', () => {
  // The planner calls from its own origin: a 413 or a 400 without CORS headers would reach
  // it as an opaque network error instead of a coded answer.
  const planner = 'http://127.0.0.1:5999';

  it('a 413 on /v1/* carries the CORS headers of an allowed origin', async () => {
    const res = await fetch(`${tp.url}/v1/projects`, {
      method: 'POST',
      headers: {
        Origin: planner,
        Authorization: `Bearer ${userToken}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': 'cors-413',
      },
      body: JSON.stringify({ name: 'x'.repeat(300 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toBe('payload_too_large');
    expect(res.headers.get('access-control-allow-origin')).toBe(planner);
  });

  it('a 400 for %00 in a query carries them too, and a stranger gets none', async () => {
    const res = await fetch(`${tp.url}/v1/catalog?q=%00`, { headers: { Origin: planner } });
    expect(res.status).toBe(400);
    expect(res.headers.get('access-control-allow-origin')).toBe(planner);
    const stranger = await fetch(`${tp.url}/v1/catalog?q=%00`, {
      headers: { Origin: 'https://evil.example' },
    });
    expect(stranger.status).toBe(400);
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
  });
});
