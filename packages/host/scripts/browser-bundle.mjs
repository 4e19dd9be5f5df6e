// The single-file ES module build of the browser entries (`.` and `./element` together), which
// a host can load with <script type="module" integrity=…> from the platform at
// `/sdk/host/v<version>/planner-host.js`. Minified, so the bytes (and with them the SRI hash
// in the README) depend only on the sources, never on the folder they were built in.
//
//   node scripts/browser-bundle.mjs           writes dist/planner-host.js
//   node scripts/browser-bundle.mjs --readme  also writes its hash into README.md
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
export const BUNDLE_FILE = 'planner-host.js';
const README_HASH = /sha384-[A-Za-z0-9+/]{64}/g;

/** The bundle's bytes, built in memory. */
export async function buildBrowserBundle() {
  const { outputFiles } = await build({
    stdin: {
      contents: "export * from './src/index.ts';\nexport * from './src/element.ts';",
      resolveDir: root,
      sourcefile: 'planner-host.ts',
      loader: 'ts',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    legalComments: 'eof',
    write: false,
    logLevel: 'silent',
  });
  return outputFiles[0].contents;
}

/** Subresource Integrity value of `bytes` (sha384, base64), as a `<script integrity>` takes it. */
export const integrity = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/** Every SRI hash the README states. */
export async function readmeIntegrities() {
  return (await readFile(`${root}README.md`, 'utf8')).match(README_HASH) ?? [];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const bytes = await buildBrowserBundle();
  await mkdir(`${root}dist`, { recursive: true });
  await writeFile(`${root}dist/${BUNDLE_FILE}`, bytes);
  const hash = integrity(bytes);
  if (process.argv.includes('--readme')) {
    const file = `${root}README.md`;
    const readme = await readFile(file, 'utf8');
    if (!README_HASH.test(readme))
      throw new Error('README.md has no <!-- sri:planner-host --> hash to update');
    await writeFile(file, readme.replace(README_HASH, hash));
  }
  console.log(`dist/${BUNDLE_FILE} ${bytes.length} B ${hash}`);
}
