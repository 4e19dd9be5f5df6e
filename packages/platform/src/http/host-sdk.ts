import { readFile } from 'node:fs/promises';

/**
 * The host SDK's single-file ES module build (`@planner/host`'s `dist/planner-host.js`),
 * served at `/sdk/host/v<version>/planner-host.js`. A version's bytes never change, so it is
 * cached for a year; hosts pin them with the SRI hash in the host README. Module scripts load
 * in CORS mode, so any origin may fetch it (it is public code, sent without credentials).
 */
export interface HostSdk {
  /** The SDK's version, as in its package.json (`0.1.0`). */
  version: string;
  /** The built file. */
  file: string;
}

export const hostSdkPath = (version: string) => `/sdk/host/v${version}/planner-host.js`;

/** The file's response, or `undefined` (a 404) while it is not there; read once it is. */
export function hostSdkResponse(sdk: HostSdk): () => Promise<Response | undefined> {
  let bytes: Promise<Uint8Array<ArrayBuffer>> | undefined;
  return async () => {
    bytes ??= readFile(sdk.file).then((b) => new Uint8Array(b));
    const body = await bytes.catch(() => {
      bytes = undefined;
      return undefined;
    });
    if (!body) return undefined;
    return new Response(body, {
      headers: {
        'Content-Type': 'text/javascript; charset=utf-8',
        'Cache-Control': 'public, max-age=31536000, immutable',
        'Access-Control-Allow-Origin': '*',
        'Cross-Origin-Resource-Policy': 'cross-origin',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  };
}
