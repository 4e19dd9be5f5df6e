import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { CATALOG_PAGE_MAX_LIMIT } from '@planner/contract';
import { type Browser, chromium, type Page } from '@playwright/test';
import { browserLock } from './browser-lock.ts';

const plannerRoot = new URL('../../packages/planner/', import.meta.url).pathname;

/**
 * The planner built as the browser tests build it (`vite build --mode e2e`: the production
 * build plus the `globalThis.planner` debug handle, which the planner bench drives), into a
 * folder of its own, once per process. Next to it, the handshake's baseline page: blank, one
 * script (the planner page's CSP allows no inline one) that fetches the catalog's first page
 * as the planner does, with the token the host put in the fragment.
 */
let built: Promise<string> | undefined;
export function buildPlanner(): Promise<string> {
  built ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bench-planner-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const { build } = await import('vite');
    await build({
      root: plannerRoot,
      mode: 'e2e',
      logLevel: 'warn',
      build: { outDir: dir, emptyOutDir: true },
    });
    await writeFile(
      join(dir, 'blank.html'),
      '<!doctype html><meta charset="utf-8"><meta name="planner-api" content="%PLANNER_API_URL%"><title>blank</title><script type="module" src="blank.js"></script>\n',
    );
    await writeFile(
      join(dir, 'blank.js'),
      `const api = document.querySelector('meta[name="planner-api"]').content;
const res = await fetch(api + '/v1/catalog?limit=${CATALOG_PAGE_MAX_LIMIT}', { headers: { Authorization: 'Bearer ' + location.hash.slice(1) } });
await res.arrayBuffer();
`,
    );
    return dir;
  })();
  return built;
}

export interface PlannerStack {
  platformUrl: string;
  plannerUrl: string;
  hostUrl: string;
  legalEntityId: string;
  close(): Promise<void>;
}

/** Starts harness/planner-stack.ts (platform, planner site, host site) in a child process. */
export async function startPlannerStack(): Promise<PlannerStack> {
  const dir = await buildPlanner();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('../harness/planner-stack.ts', import.meta.url).pathname],
    {
      cwd: new URL('..', import.meta.url).pathname,
      env: { ...process.env, BENCH_PLANNER_DIR: dir },
      // Its stdin stays open while we live: it stops when that closes.
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const info = await new Promise<Omit<PlannerStack, 'close'>>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('READY ')) resolve(JSON.parse(line.slice(6)));
    });
    child.once('exit', (code) => reject(new Error(`the planner stack exited (${code}) before it was ready`)));
  });
  return {
    ...info,
    close: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The browser tests' launch flags (WebGL on SwiftShader, no background traffic). */
const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * A Chromium page next to a planner stack (its own child process), under the machine's
 * browser lock.
 */
export async function withPlannerPage<T>(
  options: { viewport?: { width: number; height: number } },
  run: (page: Page, stack: PlannerStack, browser: Browser) => Promise<T>,
): Promise<T> {
  const stack = await startPlannerStack();
  const lock = await browserLock();
  const browser = await chromium.launch({
    executablePath: process.env.PLANNER_CHROMIUM ?? '/usr/bin/chromium',
    args: LAUNCH_ARGS,
  });
  try {
    const page = await browser.newPage({ viewport: options.viewport ?? { width: 1280, height: 900 } });
    return await run(page, stack, browser);
  } finally {
    await browser.close();
    await lock.release();
    await stack.close();
  }
}

/** The planner's frame in the host page, once its document has started (same-site: in-process). */
export async function plannerFrame(page: Page, plannerUrl: string, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const frame = page.frames().find((f) => f.url().startsWith(plannerUrl));
    if (frame) return frame;
    if (Date.now() > until) throw new Error(`no frame of ${plannerUrl} after ${timeoutMs} ms`);
    await page.waitForEvent('framenavigated', { timeout: Math.max(1, until - Date.now()) }).catch(() => {});
  }
}
