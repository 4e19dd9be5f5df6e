import { createHmac, randomUUID } from 'node:crypto';
import { paramsHash } from '../../packages/platform/src/tokens/client-assertion.ts';

const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');

/**
 * A client assertion exactly as the README tells host back-ends to make one (HS256, iss =
 * sub = key id, aud = the token URL, a fresh jti, params_sha256), made synchronously so a
 * load generator can pre-make thousands without measuring its own signing.
 */
export function assertion(
  key: { id: string; secret: string },
  tokenUrl: string,
  params: { kind: 'legal_entity' | 'user'; user_id?: string },
): string {
  const now = Math.floor(Date.now() / 1000);
  const head = b64({ alg: 'HS256' });
  const body = b64({
    iss: key.id,
    sub: key.id,
    aud: tokenUrl,
    jti: randomUUID(),
    iat: now,
    exp: now + 55,
    params_sha256: paramsHash(params),
  });
  const sig = createHmac('sha256', key.secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
