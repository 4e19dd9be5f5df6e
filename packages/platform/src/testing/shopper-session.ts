import { authed, onboardHost, type TestPlatform, tokenFor } from './test-platform.ts';

/** A JSON call to the platform with the session's token; no body, no Content-Type. */
export type SessionCall = (method: string, path: string, body?: unknown) => Promise<Response>;

/**
 * A shopper of a freshly onboarded host: a `read write` user token for `alice`, and `call()`
 * to the platform with it, as the planner makes its calls.
 */
export async function shopperSession(tp: TestPlatform): Promise<{ token: string; call: SessionCall }> {
  const { apiKey } = await onboardHost(tp);
  const token = await tokenFor(
    tp,
    { id: apiKey.id, secretKey: apiKey.secretKey },
    { kind: 'user', user_id: 'alice', scope: 'read write' },
  );
  const call: SessionCall = (method, path, body) =>
    fetch(
      `${tp.url}${path}`,
      authed(token, {
        method,
        ...(body === undefined
          ? {}
          : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
      }),
    );
  return { token, call };
}
