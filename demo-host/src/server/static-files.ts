import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

export interface StaticOptions {
  transformHtml?: (html: string) => string;
  headers?: Record<string, string>;
}

/**
 * Serves a built folder. Paths are normalised and must stay inside it; `/` is index.html.
 * Hashed assets are cached for a year, HTML never (it names the current assets).
 */
export function staticFiles(dir: string, options: StaticOptions = {}) {
  const root = normalize(dir) + sep;
  return async (urlPath: string): Promise<Response | undefined> => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return undefined;
    }
    const file = normalize(join(root, decoded.endsWith('/') ? `${decoded}index.html` : decoded));
    if (!file.startsWith(root)) return undefined;
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return undefined;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const isHtml = type.startsWith('text/html');
    return new Response(
      isHtml && options.transformHtml ? options.transformHtml(body.toString('utf8')) : new Uint8Array(body),
      {
        headers: {
          'Content-Type': type,
          'Cache-Control': isHtml ? 'no-cache' : 'public, max-age=31536000, immutable',
          'X-Content-Type-Options': 'nosniff',
          ...(isHtml ? options.headers : {}),
        },
      },
    );
  };
}
