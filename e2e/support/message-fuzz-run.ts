/**
 * The Node half of the message fuzz (issue 15): the state each side shows, a frame opener,
 * the error watch, and a sender that generates, posts and counts (figures for `pnpm stress`).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type APIRequestContext, expect, type Frame, type Page } from '@playwright/test';
import { generate } from './message-arbitraries.ts';
import { postBatch, seen, type TargetPath } from './message-lab.ts';
import { PORTS, url } from './ports.ts';

export const FULL = process.env.STRESS === 'full';
/** Replays a run; printed as the test's `seed` annotation. */
export const SEED = Number(process.env.MESSAGE_FUZZ_SEED ?? Date.now() % 2 ** 31);
const BATCH = 500;

/** A genuine access token from a shop's back-end (`shop=stranger`: the Stranger Shop's). */
export async function issue(request: APIRequestContext, query: string): Promise<string> {
  const res = await request.post(`${url(PORTS.fixtures)}/token?${query}`);
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** Everything about the planner an attack could change, as one comparable value (the token only as a hash). */
export const plannerState = (frame: Frame) =>
  frame.evaluate(async () => {
    type Handle = {
      client: {
        tokens: { current?: { token: string; kind: string } };
        bridge: { origin?: string; connected: boolean; idle(): Promise<void> };
      };
      services: { session: { get(): unknown } };
      commands: { getProject(): Promise<unknown> };
    };
    const p = (globalThis as unknown as { planner: Handle }).planner;
    await p.client.bridge.idle();
    const hash = async (text: string) =>
      Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))))
        .map((b) => b.toString(16).padStart(2, '0'))
        .join('');
    const current = p.client.tokens.current;
    return JSON.stringify({
      session: p.services.session.get(),
      kind: current?.kind ?? null,
      token: current ? await hash(current.token) : null,
      pinned: p.client.bridge.origin ?? null,
      connected: p.client.bridge.connected,
      project: await p.commands.getProject(),
      storage: await hash(JSON.stringify(Object.entries(localStorage).sort())),
    });
  });

/** The host page's own record of its SDK (sdk-host.html): tokens fetched, traffic traced, events heard. */
export const hostState = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { tokensIssued: number; trace: unknown[]; events: unknown[] };
    return { tokensIssued: w.tokensIssued, trace: w.trace.length, events: w.events.length };
  });

/** Appends a child frame to the host page and waits for its recorder. */
export async function addFrame(page: Page, name: string, src: string): Promise<Frame> {
  await page.evaluate(
    ([name, src]) =>
      new Promise<void>((resolve) => {
        const frame = document.createElement('iframe');
        frame.name = name!;
        frame.src = src!;
        frame.onload = () => resolve();
        document.body.append(frame);
      }),
    [name, src],
  );
  const frame = page.frame({ name });
  await frame!.waitForFunction(() => '__mf' in window);
  return frame!;
}

/** Opens a popup from the host page and waits for its recorder. */
export async function openPopup(page: Page, src: string): Promise<Page> {
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    page.evaluate((src) => void window.open(src, 'mf-popup'), src),
  ]);
  await popup.waitForFunction(() => '__mf' in window);
  return popup;
}

/** Collects uncaught exceptions and console errors of a page and all its frames. */
export function watchErrors(failures: string[], page: Page, label: string): void {
  page.on('pageerror', (e) => failures.push(`${label} pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') failures.push(`${label} console: ${m.text()}`);
  });
}

export type Figures = Record<string, { posted: number; unclonable: number; ms: number }>;

/**
 * Generates `total` attacks, posts them from `from` to `target` (whose frame is `receiver`), and
 * returns how many the browser delivered. Each batch waits for the one before to arrive: a
 * sender that outruns its receiver only measures how much memory the renderer has.
 */
export function sender(tokens: string[], figures: Figures) {
  let seed = SEED;
  return async (
    label: string,
    from: Frame | Page,
    target: TargetPath,
    receiver: Frame | Page,
    total: number,
    keep = (_: string) => true,
  ) => {
    const started = Date.now();
    let posted = 0;
    let unclonable = 0;
    const sentinels = async () => (await seen(receiver)).sentinels;
    const base = await sentinels();
    for (let batches = 1; posted + unclonable < total; batches++) {
      const batch = generate({ genuine: tokens }, BATCH, seed++).filter(keep);
      const result = await postBatch(from, target, batch.slice(0, total - posted - unclonable));
      posted += result.posted;
      unclonable += result.unclonable;
      await expect.poll(sentinels, { timeout: 60_000, intervals: [5, 10, 20, 50] }).toBe(base + batches);
    }
    figures[label] = { posted, unclonable, ms: Date.now() - started };
    return posted;
  };
}

/** With `STRESS` set (by `pnpm stress`), the figures go to docs/reliability/messages.json. */
export async function writeFigures(figures: Figures): Promise<void> {
  if (!process.env.STRESS) return;
  const total = Object.values(figures).reduce((sum, f) => sum + f.posted + f.unclonable, 0);
  const folder = join(import.meta.dirname, '../../docs/reliability');
  await mkdir(folder, { recursive: true });
  const report = {
    suite: 'messages',
    variant: FULL ? 'full' : 'short',
    command: `STRESS=${process.env.STRESS} pnpm exec playwright test e2e/message-fuzz.spec.ts`,
    seed: SEED,
    total,
    messagesPerSecond: Math.round(total / (Object.values(figures).reduce((s, f) => s + f.ms, 0) / 1000)),
    positions: figures,
    date: new Date().toISOString(),
  };
  await writeFile(join(folder, 'messages.json'), `${JSON.stringify(report, null, 2)}\n`);
}
