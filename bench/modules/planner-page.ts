/**
 * The planner bench's parts: projects of N pieces made through the platform's API, and what
 * runs inside the planner's frame (Playwright evaluates these there): a frame recorder, the
 * timed open of a project, and a count of the 3D view's draws.
 */
import { randomUUID } from 'node:crypto';
import { PROJECT_LIMITS } from '@planner/contract';
import type { Frame } from '@playwright/test';
import type { PlannerStack } from '../lib/planner-stack.ts';

/** The user the host page signs in (`host.html?user=`), who owns the bench's projects. */
export const BENCH_USER = 'bench-planner';

/** A user token from the host back-end, as the host page gets one. */
export async function userToken(stack: PlannerStack): Promise<string> {
  const res = await fetch(`${stack.hostUrl}/token?user=${BENCH_USER}`, { method: 'POST' });
  return ((await res.json()) as { access_token: string }).access_token;
}

/**
 * Saves a project of `pieces` catalog pieces (the seeded catalog's, in turn) on a grid that
 * fills the largest room the contract allows, and returns its id.
 */
export async function createProject(stack: PlannerStack, token: string, pieces: number): Promise<string> {
  const auth = { Authorization: `Bearer ${token}` };
  const catalog = (await (
    await fetch(`${stack.platformUrl}/v1/catalog?limit=200`, { headers: auth })
  ).json()) as {
    items: { id: string }[];
  };
  const side = PROJECT_LIMITS.roomMaxCm;
  const perRow = Math.max(1, Math.ceil(Math.sqrt(pieces)));
  const step = Math.floor((side - 200) / perRow);
  const body = {
    name: `Bench ${pieces} pieces`,
    room: { width_cm: side, depth_cm: side, unit: 'cm' },
    items: Array.from({ length: pieces }, (_, i) => ({
      id: `item-${i}`,
      catalog_id: catalog.items[i % catalog.items.length]!.id,
      x: 100 + step / 2 + (i % perRow) * step,
      y: 100 + step / 2 + Math.floor(i / perRow) * step,
      rotation: 0,
    })),
  };
  const res = await fetch(`${stack.platformUrl}/v1/projects`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`project of ${pieces} pieces: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

type Handle = { commands: { openProject(id: string): Promise<unknown> } };

/** Waits for the e2e build's debug handle and the planner's signed-in session. */
export async function plannerReady(frame: Frame): Promise<void> {
  await frame.waitForFunction(
    () => {
      const p = (globalThis as { planner?: { services?: { session: { get(): { status: string } } } } })
        .planner;
      return p?.services?.session.get().status === 'signed-in';
    },
    undefined,
    { timeout: 60_000 },
  );
}

/** Opens a saved project through the planner's own command; ms from the call to the next painted frame. */
export function openTimed(frame: Frame, id: string): Promise<number> {
  return frame.evaluate(async (projectId) => {
    const { commands } = (globalThis as unknown as { planner: Handle }).planner;
    const t0 = performance.now();
    await commands.openProject(projectId);
    // The frame after the open: a task posted from its rAF runs once that frame's rendering is done.
    await new Promise<void>((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve();
        channel.port2.postMessage(null);
      }),
    );
    return performance.now() - t0;
  }, id);
}

/**
 * Starts recording every frame: the delta between successive rAF timestamps, and the
 * main-thread time from the frame's start (its rAF timestamp) until a task posted from the
 * rAF callback runs, i.e. until that frame's input handling, rAF callbacks, style, layout and
 * paint are done.
 */
export function startFrames(frame: Frame): Promise<void> {
  // A string: tsx names the functions of an evaluated callback with a helper the page lacks.
  return frame.evaluate(`(() => {
    const rec = { deltas: [], work: [], running: true };
    globalThis.__frames = rec;
    let last;
    let start = 0;
    const channel = new MessageChannel();
    channel.port1.onmessage = () => rec.work.push(performance.now() - start);
    const tick = (ts) => {
      if (!rec.running) return;
      if (last !== undefined) rec.deltas.push(ts - last);
      last = ts;
      start = ts;
      channel.port2.postMessage(null);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
}

export function stopFrames(frame: Frame): Promise<{ deltas: number[]; work: number[] }> {
  return frame.evaluate(() => {
    const rec = (
      globalThis as unknown as { __frames: { deltas: number[]; work: number[]; running: boolean } }
    ).__frames;
    rec.running = false;
    return { deltas: rec.deltas, work: rec.work };
  });
}

/** Counts the 3D view's draws from now on (its `drawNow`, which every frame it draws calls). */
export function countDraws(frame: Frame): Promise<void> {
  // The instance's own `drawNow` shadows the class's, which the view's rAF callback calls. A
  // method assigned to a property, no named function: tsx would name it with a helper the page
  // lacks.
  return frame.locator('planner-view3d').evaluate((el) => {
    const view = el as HTMLElement & { drawNow(): void; __draws: number[]; __drawMs: number[] };
    view.__draws = [];
    view.__drawMs = [];
    view.drawNow = function (this: typeof view) {
      const t0 = performance.now();
      view.__draws.push(t0);
      Object.getPrototypeOf(view).drawNow.call(view);
      view.__drawMs.push(performance.now() - t0);
    };
  });
}

/**
 * Draws counted since `countDraws`, as frames per second between the first and the last, and
 * the median main-thread time of one draw (three.js building the frame's WebGL calls).
 */
export function drawRate(frame: Frame): Promise<{ draws: number; fps: number; drawMs: number }> {
  return frame.locator('planner-view3d').evaluate((el) => {
    const view = el as HTMLElement & { __draws?: number[]; __drawMs?: number[] };
    const draws = view.__draws ?? [];
    const ms = [...(view.__drawMs ?? [])].sort((a, b) => a - b);
    delete (view as { drawNow?: unknown }).drawNow;
    return {
      draws: draws.length,
      fps: draws.length > 1 ? ((draws.length - 1) * 1000) / (draws.at(-1)! - draws[0]!) : Number.NaN,
      drawMs: ms.length ? ms[ms.length >> 1]! : Number.NaN,
    };
  });
}
