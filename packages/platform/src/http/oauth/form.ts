import type { Context } from 'hono';
import { isStorableText } from '../../schemas/text.ts';
import type { AppEnv } from '../env.ts';
import { invalidClient, oauthError } from './errors.ts';

/** The largest OAuth form body: enforced for every `/oauth/*` route by `createApp`. */
export const OAUTH_MAX_BODY = 16 * 1024;

/**
 * The parameters of an OAuth request (RFC 6749 §3.2, RFC 7009 §2.1, RFC 7662 §2.1): a POST
 * body in `application/x-www-form-urlencoded`, each parameter at most once, an empty value
 * the same as none (§3.1). Anything else is a plain `invalid_request` that says what to send.
 */
export async function readOAuthForm(c: Context<AppEnv>): Promise<Map<string, string>> {
  const type = c.req.header('Content-Type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw oauthError(
      400,
      'invalid_request',
      `Send the parameters as application/x-www-form-urlencoded${type ? `, not ${type}` : ''} (RFC 6749 §3.2).`,
    );
  }
  // Bounded: app.ts limits every /oauth/* body to OAUTH_MAX_BODY before this reads it.
  const text = await c.req.text();
  const form = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(text)) {
    // `%00` decodes to NUL, which no lookup may carry to the database (it refuses it).
    if (!isStorableText(name) || !isStorableText(value)) {
      throw oauthError(400, 'invalid_request', 'A parameter contains a NUL character (%00).');
    }
    if (form.has(name)) {
      throw oauthError(400, 'invalid_request', `The parameter ${name.slice(0, 40)} is sent more than once.`);
    }
    form.set(name, value);
  }
  for (const [name, value] of form) if (value === '') form.delete(name);
  return form;
}

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  method: 'client_secret_basic' | 'client_secret_post';
}

/**
 * Client authentication with a password (RFC 6749 §2.3.1): HTTP Basic (preferred), whose
 * two parts are form-urlencoded before base64, or `client_id` + `client_secret` in the body.
 * Using both at once is refused (§2.3). Undefined when the request has neither.
 */
export function readClientCredentials(
  c: Context<AppEnv>,
  form: Map<string, string>,
): ClientCredentials | undefined {
  const header = c.req.header('Authorization');
  const basic = header && /^Basic +([A-Za-z0-9+/]+=*)$/i.exec(header);
  if (header && /^Basic\b/i.test(header)) {
    if (form.has('client_secret')) {
      throw oauthError(
        400,
        'invalid_request',
        'Authenticate the client one way: HTTP Basic or client_secret, not both.',
      );
    }
    const decoded = basic ? Buffer.from(basic[1]!, 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    if (colon < 1)
      throw invalidClient('The Basic credentials are malformed: base64 of client_id:client_secret.');
    let credentials: ClientCredentials;
    try {
      credentials = {
        clientId: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')),
        clientSecret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')),
        method: 'client_secret_basic',
      };
    } catch {
      throw invalidClient('The Basic credentials are malformed: base64 of client_id:client_secret.');
    }
    if (!isStorableText(credentials.clientId) || !isStorableText(credentials.clientSecret)) {
      throw invalidClient('The Basic credentials are malformed: they contain a NUL character.');
    }
    return credentials;
  }
  const secret = form.get('client_secret');
  if (secret === undefined) return undefined;
  const id = form.get('client_id');
  if (!id) throw oauthError(400, 'invalid_request', 'client_secret needs client_id.');
  return { clientId: id, clientSecret: secret, method: 'client_secret_post' };
}
