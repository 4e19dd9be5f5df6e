import { expect, type Frame, type Page } from '@playwright/test';
import { PORTS, url } from './ports.ts';

/** The planner's frame inside a host page (cross-origin: Playwright reaches into it). */
export async function plannerFrame(page: Page, index = 0): Promise<Frame> {
  const handle = await page.locator('iframe[title="Room planner"]').nth(index).elementHandle();
  const frame = await handle!.contentFrame();
  await expect.poll(() => frame!.url()).toContain(url(PORTS.planner));
  // The debug handle of the e2e build (the page's <div id="planner"> is also `planner`).
  await frame!.waitForFunction(() => 'client' in ((globalThis as { planner?: object }).planner ?? {}));
  return frame!;
}

/** The token the planner holds, as its own store sees it (kind only: never the token). */
export const heldToken = (frame: Frame) =>
  frame.evaluate(() => {
    const current = (
      globalThis as unknown as { planner: { client: { tokens: { current?: { kind: string } } } } }
    ).planner.client.tokens.current;
    return current ? current.kind : null;
  });

export const sessionStatus = (frame: Frame) =>
  frame.evaluate(
    () =>
      (
        globalThis as unknown as { planner: { services: { session: { get(): { status: string } } } } }
      ).planner.services.session.get().status,
  );

export type BridgeEvent = { type: string; reason?: string; origin?: string };
/** What the planner's bridge reported, from the first message on (reasons and origins, never a token). */
export const bridgeEvents = (frame: Frame) =>
  frame.evaluate(
    () => (globalThis as unknown as { planner: { bridgeEvents: BridgeEvent[] } }).planner.bridgeEvents,
  );

/** The state of the token the planner holds (`fresh`, `refresh_due`, `expired`), or null without one. */
export const heldTokenState = (frame: Frame) =>
  frame.evaluate(() => {
    const tokens = (
      globalThis as unknown as { planner: { client: { tokens: { stateOf(): string | undefined } } } }
    ).planner.client.tokens;
    return tokens.stateOf() ?? null;
  });
