import { AsyncLocalStorage } from 'node:async_hooks';
import { randomFillSync, randomUUID } from 'node:crypto';

/** Who is asking, as every log line written while a request is served names it. */
export interface RequestContext {
  requestId: string;
  /** W3C trace context: the caller's trace id (or a new one), our own span id. */
  traceId: string;
  spanId: string;
  /** The caller's span, when it sent a `traceparent`. */
  parentSpanId?: string;
  flags: string;
  /**
   * The client's connection while the request is being served: aborted when the client
   * goes away first. Cleared once it is answered, so that work the request started and
   * left running (a timer, a flush) is the platform's own, not the client's. A function:
   * only work that waits for the database asks, and building the `Request` behind Hono's
   * `c.req.raw` is most of a cheap route's cost on @hono/node-server.
   */
  clientSignal?: (() => AbortSignal) | undefined;
}

/** The request being served, across every await of its handling (the logger reads it). */
export const requestContext = new AsyncLocalStorage<RequestContext>();

// A caller's id is echoed in headers and logs: short, and nothing that could break a line or a header.
const REQUEST_ID = /^[\w.:/+=@-]{1,64}$/;
// https://www.w3.org/TR/trace-context/#traceparent-header-field-values
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const ZEROS = /^0+$/;

/** The caller's trace, or undefined when the header is absent or not a valid `traceparent`. */
export function parseTraceparent(
  header: string | undefined,
): { traceId: string; parentSpanId: string; flags: string } | undefined {
  const match = header ? TRACEPARENT.exec(header.trim()) : null;
  if (!match) return undefined;
  const [, version, traceId, parentSpanId, flags, rest] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string?,
  ];
  // Version ff is forbidden; version 00 has exactly four fields (later versions may add some).
  if (version === 'ff' || (version === '00' && rest !== undefined)) return undefined;
  if (ZEROS.test(traceId) || ZEROS.test(parentSpanId)) return undefined;
  return { traceId, parentSpanId, flags };
}

// Trace and span ids come from a pool of random bytes refilled a few KiB at a time:
// `randomBytes()` per id was two calls into the CSPRNG per request, 5% of the cheapest
// route's time (issue 13). They identify, they do not protect: no secret is made here.
const POOL = Buffer.alloc(4096);
let used = POOL.length;
function randomHex(bytes: number): string {
  if (used + bytes > POOL.length) {
    randomFillSync(POOL);
    used = 0;
  }
  used += bytes;
  return POOL.toString('hex', used - bytes, used);
}

/** The context of a new request: the caller's request id and trace kept when well-formed. */
export function newRequestContext(headers: {
  requestId?: string | undefined;
  traceparent?: string | undefined;
}): RequestContext {
  const requestId =
    headers.requestId && REQUEST_ID.test(headers.requestId) ? headers.requestId : randomUUID();
  const parent = parseTraceparent(headers.traceparent);
  const spanId = randomHex(8);
  return parent
    ? { requestId, traceId: parent.traceId, spanId, parentSpanId: parent.parentSpanId, flags: parent.flags }
    : { requestId, traceId: randomHex(16), spanId, flags: '00' };
}

/** The `traceparent` this platform answers with: the same trace, its own span. */
export const traceparentOf = (ctx: RequestContext): string => `00-${ctx.traceId}-${ctx.spanId}-${ctx.flags}`;

/** The fields a log line gets while a request is being served. */
export function contextFields(): Record<string, string> {
  const ctx = requestContext.getStore();
  if (!ctx) return {};
  return { request_id: ctx.requestId, trace_id: ctx.traceId, span_id: ctx.spanId };
}
