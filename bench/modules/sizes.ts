import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { BenchModule } from '../lib/module.ts';
import type { Table } from '../lib/report.ts';
import { barChart } from '../lib/svg.ts';

const root = new URL('../../', import.meta.url).pathname;
const benchDir = new URL('../', import.meta.url).pathname;

interface Size {
  name: string;
  min: number;
  gzip: number;
  brotli: number;
  ours: boolean;
}

const compress = (name: string, code: Uint8Array, ours: boolean): Size => ({
  name,
  min: code.length,
  gzip: gzipSync(code, { level: 9 }).length,
  brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  ours,
});

/** esbuild, minified, ESM, browser, dependencies included: how each SDK is measured alike. */
async function bundle(name: string, contents: string, resolveDir: string, ours: boolean): Promise<Size> {
  const { outputFiles } = await build({
    stdin: { contents, resolveDir, sourcefile: 'size-entry.ts', loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    legalComments: 'eof',
    outfile: 'size.js',
    write: false,
    logLevel: 'silent',
    // Some competitors read process.env.NODE_ENV; a host page's bundler would define it.
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return compress(name, outputFiles[0]!.contents, ours);
}

/** The competitors, from the npm registry at the exact versions in bench/package.json. */
export const COMPETITORS = [
  'penpal',
  'comlink',
  'post-robot',
  'zoid',
  '@looker/embed-sdk',
  'powerbi-client',
  '@thoughtspot/visual-embed-sdk',
] as const;

async function versionOf(pkg: string): Promise<string> {
  const manifest = JSON.parse(await readFile(join(benchDir, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  return manifest.dependencies[pkg] ?? '?';
}

/** The planner's page as Vite builds it: what loads up front, and the lazy chunks. */
async function plannerChunks(): Promise<Size[]> {
  const out = await mkdtemp(join(tmpdir(), 'bench-planner-'));
  try {
    await promisify(execFile)(
      'pnpm',
      [
        '--filter',
        '@planner/planner',
        'exec',
        'vite',
        'build',
        '--outDir',
        out,
        '--manifest',
        '--logLevel',
        'warn',
      ],
      { cwd: root, maxBuffer: 1 << 24 },
    );
    const manifest = JSON.parse(await readFile(join(out, '.vite/manifest.json'), 'utf8')) as Record<
      string,
      { file: string; isEntry?: boolean; imports?: string[]; css?: string[] }
    >;
    const initial = new Set<string>();
    const visit = (key: string) => {
      const chunk = manifest[key];
      if (!chunk || initial.has(chunk.file)) return;
      initial.add(chunk.file);
      for (const css of chunk.css ?? []) initial.add(css);
      for (const imported of chunk.imports ?? []) visit(imported);
    };
    for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
    const files = [...new Set(Object.values(manifest).flatMap((c) => [c.file, ...(c.css ?? [])]))];
    const lazy = files.filter((f) => !initial.has(f));
    // Each file compressed on its own, as it is served, and summed.
    const sum = async (name: string, names: string[]): Promise<Size> => {
      const each = await Promise.all(names.map(async (f) => compress(f, await readFile(join(out, f)), true)));
      const total: Size = { name, min: 0, gzip: 0, brotli: 0, ours: true };
      for (const s of each) {
        total.min += s.min;
        total.gzip += s.gzip;
        total.brotli += s.brotli;
      }
      return total;
    };
    const sizes = [
      await sum('planner: initial (entry + static imports + CSS)', [...initial]),
      await sum(`planner: lazy chunks (${lazy.length}, together)`, lazy),
    ];
    for (const f of lazy) {
      sizes.push(
        compress(
          `planner lazy: ${f.replace(/^assets\//, '').replace(/-[\w-]{8}\./, '.')}`,
          await readFile(join(out, f)),
          true,
        ),
      );
    }
    return sizes;
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

export const HOST_SDK_BUDGET_NOTE = 'packages/host/scripts/size.mjs holds the host SDK budget';

export const sizes: BenchModule = {
  name: 'sizes',
  title: 'What a host page downloads: our SDKs vs other embed and iframe-messaging SDKs',
  async run({ smoke }) {
    const host = join(root, 'packages/host');
    const ours: Size[] = [
      await bundle('@planner/host (browser entry)', "export * from './src/index.ts';", host, true),
      await bundle(
        '@planner/host + <planner-embed>',
        "export * from './src/index.ts';\nexport * from './src/element.ts';",
        host,
        true,
      ),
      await bundle(
        '@planner/api-client (in the iframe)',
        "export * from './src/index.ts';",
        join(root, 'packages/api-client'),
        true,
      ),
    ];
    const planner = smoke ? [] : await plannerChunks();
    const others: Size[] = [];
    for (const pkg of smoke ? COMPETITORS.slice(0, 1) : COMPETITORS) {
      others.push(await bundle(`${pkg}@${await versionOf(pkg)}`, `export * from '${pkg}';`, benchDir, false));
    }
    const element = ours[1]!;
    const all = [...ours, ...planner, ...others];
    const table: Table = {
      caption: 'Bytes (esbuild --bundle --minify --format=esm --platform=browser; gzip -9, brotli -q 11)',
      columns: ['bundle', 'min', 'min+gzip', 'min+brotli', 'gzip vs host + element'],
      rows: all.map((s) => [
        s.ours ? `**${s.name}**` : s.name,
        s.min.toLocaleString('en-US'),
        s.gzip.toLocaleString('en-US'),
        s.brotli.toLocaleString('en-US'),
        `${(s.gzip / element.gzip).toFixed(2)}×`,
      ]),
    };
    const hostSdk = [...ours.slice(0, 2), ...others];
    return {
      rows: [],
      tables: [table],
      charts: [
        {
          file: 'sizes.svg',
          title: 'Host-side SDK size, min+gzip',
          svg: barChart(
            'What a host page downloads (min+gzip, bytes)',
            'B',
            hostSdk
              .map((s) => ({ label: s.name, value: s.gzip, accent: s.ours }))
              .sort((a, b) => a.value - b.value),
          ),
        },
      ],
      notes: [
        `Host SDK with the element: ${element.gzip} B min+gzip (${HOST_SDK_BUDGET_NOTE}).`,
        'Competitors are bundled from `export * from "<package>"`, with process.env.NODE_ENV = "production": the whole public API, as our rows are.',
        'Planner chunks: each file compressed on its own (as served), summed.',
      ],
    };
  },
};
