import type { Context } from 'hono';

/**
 * Sets a header on the answer a later handler has already made, in place. Hono's
 * `c.header()` at that point copies the response into a new one through its body: on
 * @hono/node-server that turns the lightweight response (a string body written at once)
 * into a web stream read chunk by chunk, the largest per-request cost of the middleware
 * chain (issue 13). Our responses are ours (`c.json`, `new Response`), so their headers are
 * mutable; Hono's own secureHeaders middleware sets its headers the same way.
 */
export function setResponseHeader(c: Context, name: string, value: string, append = false): void {
  if (append) c.res.headers.append(name, value);
  else c.res.headers.set(name, value);
}
