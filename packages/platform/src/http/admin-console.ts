import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

/**
 * The operator console (the Back-ends admin page, `@planner/admin-console`'s built `dist/`),
 * served at `/admin/`. Its API calls go to `/admin/api/*` on this same origin, so the
 * policy can be `'self'` throughout; the console is never framed.
 */
export const ADMIN_CONSOLE_CSP =
  "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

const SECURITY_HEADERS = {
  'Content-Security-Policy': ADMIN_CONSOLE_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/**
 * Answers `/admin/<path>` from `dir`, or `undefined` when there is no such file (the caller
 * answers 404). Only files under `dir` are ever read: the path is decoded once, must not
 * contain NUL or backslashes, and the resolved real path (symbolic links followed) must stay
 * inside the folder's real path.
 */
export function adminConsoleFiles(dir: string) {
  const rootPromise = realpath(resolve(dir)).catch(() => undefined);
  return async (relativePath: string): Promise<Response | undefined> => {
    const root = await rootPromise;
    if (!root) return undefined;
    let decoded: string;
    try {
      decoded = decodeURIComponent(relativePath);
    } catch {
      return undefined;
    }
    if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
    const wanted = decoded === '' || decoded.endsWith('/') ? `${decoded}index.html` : decoded;
    const candidate = resolve(root, `.${sep}${wanted}`);
    if (!candidate.startsWith(root + sep)) return undefined;
    let file: string;
    try {
      file = await realpath(candidate);
      if (!file.startsWith(root + sep) || !(await stat(file)).isFile()) return undefined;
    } catch {
      return undefined;
    }
    const body = await readFile(file);
    const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    // Vite names assets by content hash: they never change, and index.html names the current ones.
    const hashed = wanted.startsWith('assets/');
    return new Response(new Uint8Array(body), {
      headers: {
        'Content-Type': type,
        'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
        ...SECURITY_HEADERS,
      },
    });
  };
}
