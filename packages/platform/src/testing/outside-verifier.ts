/**
 * A verifier outside the platform, as a host's back-end or an API gateway runs one: jose's
 * remote key set, caching the JWKS for the max-age the platform announces and refetching for
 * an unknown kid only once that has passed (a strict cache, the case issue 9 is about).
 * Run as `tsx outside-verifier.ts <jwks-url> <issuer> <audience>`; reads `{"id","token"}`
 * lines on stdin and answers `{"id","ok","kid"|"code","fetches"}` lines on stdout, where
 * `fetches` lists when it fetched the JWKS (epoch ms).
 */
import { createInterface } from 'node:readline';
import { createRemoteJWKSet, customFetch, jwtVerify } from 'jose';

const [url, issuer, audience] = process.argv.slice(2) as [string, string, string];
const announced = (await fetch(url)).headers.get('cache-control') ?? '';
const maxAge = Number(/max-age=(\d+)/.exec(announced)?.[1] ?? 'NaN') * 1000;
if (!Number.isFinite(maxAge)) throw new Error(`no max-age in "${announced}"`);

const fetches: number[] = [];
const keySet = createRemoteJWKSet(new URL(url), {
  cacheMaxAge: maxAge,
  cooldownDuration: maxAge,
  [customFetch]: (input, init) => {
    fetches.push(Date.now());
    return fetch(input, init);
  },
});

const answer = (line: object) => process.stdout.write(`${JSON.stringify({ ...line, fetches })}\n`);
for await (const line of createInterface({ input: process.stdin })) {
  const { id, token } = JSON.parse(line) as { id: number; token: string };
  try {
    const { protectedHeader } = await jwtVerify(token, keySet, {
      issuer,
      audience,
      typ: 'at+jwt',
      algorithms: ['ES256'],
    });
    answer({ id, ok: true, kid: protectedHeader.kid });
  } catch (error) {
    answer({ id, ok: false, code: (error as { code?: string }).code ?? String(error) });
  }
}
