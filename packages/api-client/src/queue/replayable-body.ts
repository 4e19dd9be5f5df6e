import { ApiClientError } from '../errors.ts';
import { encodeMultipart } from './multipart.ts';

/** A request body in a form that can be sent any number of times, byte for byte the same. */
export type ReplayableBody = string | Blob | Uint8Array<ArrayBuffer>;

export interface PreparedBody {
  body: ReplayableBody | undefined;
  /** The `Content-Type` the body implies, as `fetch` would set it. */
  contentType: string | undefined;
}

/**
 * Snapshots a body at the moment of the call so that a replay (after a token refresh) sends
 * exactly what was asked for, even if the caller has since changed its buffer or form.
 * Strings and Blobs are immutable and kept as they are; buffers are copied; forms and
 * search params are encoded once. A stream can be read only once, so it is refused before
 * anything is sent rather than replayed empty.
 */
export function prepareBody(body: BodyInit | null | undefined, json?: unknown): PreparedBody {
  if (json !== undefined) {
    if (body !== undefined && body !== null) {
      throw new TypeError('Pass either `body` or `json`, not both.');
    }
    const text = JSON.stringify(json);
    if (text === undefined) throw new TypeError('`json` is not serializable to JSON.');
    return { body: text, contentType: 'application/json' };
  }
  if (body === undefined || body === null) return { body: undefined, contentType: undefined };
  if (typeof body === 'string') return { body, contentType: 'text/plain;charset=UTF-8' };
  if (body instanceof Blob) return { body, contentType: body.type || undefined };
  if (body instanceof URLSearchParams) {
    return { body: body.toString(), contentType: 'application/x-www-form-urlencoded;charset=UTF-8' };
  }
  if (body instanceof FormData) {
    const { blob, contentType } = encodeMultipart(body);
    return { body: blob, contentType };
  }
  if (body instanceof ArrayBuffer) return { body: new Uint8Array(body.slice(0)), contentType: undefined };
  if (ArrayBuffer.isView(body)) {
    const copy = new Uint8Array(body.byteLength);
    copy.set(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
    return { body: copy, contentType: undefined };
  }
  throw new ApiClientError(
    'BODY_NOT_REPLAYABLE',
    'The request body cannot be replayed after a token refresh (a stream); send a string, Blob, buffer or FormData.',
  );
}
