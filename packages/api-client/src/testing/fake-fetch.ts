/**
 * Test support: a `fetch` whose requests are recorded and answered by the test, either by
 * a handler or one by one through `respond`. Not part of the package's API.
 */
export interface RecordedRequest {
  url: string;
  method: string;
  headers: Headers;
  /** The bearer token sent, or null: the tests check no call goes out unauthenticated. */
  token: string | null;
  init: RequestInit;
  signal: AbortSignal | undefined;
  respond(response: Response): void;
  fail(error: unknown): void;
  /** The body as bytes, read the way the network would read it. */
  bytes(): Promise<Uint8Array>;
}

export type Responder = (request: RecordedRequest) => Response | Promise<Response> | undefined;

export function fakeFetch(responder?: Responder) {
  const requests: RecordedRequest[] = [];
  const fetch = (url: string, init: RequestInit): Promise<Response> =>
    new Promise<Response>((resolve, reject) => {
      const headers = new Headers(init.headers);
      const auth = headers.get('Authorization');
      const request: RecordedRequest = {
        url,
        method: init.method ?? 'GET',
        headers,
        token: auth?.startsWith('Bearer ') ? auth.slice(7) : null,
        init,
        signal: init.signal ?? undefined,
        respond: resolve,
        fail: reject,
        bytes: async () =>
          new Uint8Array(
            await new Response(init.body ?? null, { headers: { 'Content-Type': 'x/y' } }).arrayBuffer(),
          ),
      };
      init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      requests.push(request);
      const answer = responder?.(request);
      if (answer) Promise.resolve(answer).then(resolve, reject);
    });
  return { fetch, requests };
}

export const ok = (body: unknown = { ok: true }, init: ResponseInit = {}) => Response.json(body, init);

/** The platform's answer to an expired or invalid token (RFC 6750). */
export const invalidToken = () =>
  Response.json(
    { error: 'invalid_token', error_description: 'The access token expired.' },
    { status: 401, headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } },
  );
