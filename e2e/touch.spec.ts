import { type CDPSession, expect, type Locator, type Page, test } from '@playwright/test';
import { openShop } from './support/demo-shop.ts';

// A finger on the plan (issue 11): real touch input through the browser (CDP
// Input.dispatchTouchEvent), so Chromium makes the pointer events, hit-tests into the
// planner's cross-origin iframe and applies touch-action, as on a phone or tablet.
test.use({ hasTouch: true });

interface Finger {
  x: number;
  y: number;
  id?: number;
}

async function touch(cdp: CDPSession, type: 'touchStart' | 'touchMove' | 'touchEnd', fingers: Finger[]) {
  await cdp.send('Input.dispatchTouchEvent', {
    type,
    touchPoints: type === 'touchEnd' ? [] : fingers.map((f, i) => ({ x: f.x, y: f.y, id: f.id ?? i })),
  });
}

/** One finger from `from` to `to` in small steps (first along x, as a drag sideways starts). */
async function drag(cdp: CDPSession, from: Finger, to: Finger, steps = 12) {
  await touch(cdp, 'touchStart', [from]);
  for (let i = 1; i <= steps; i++) {
    const k = i / steps;
    await touch(cdp, 'touchMove', [
      { x: from.x + (to.x - from.x) * k, y: from.y + (to.y - from.y) * Math.max(0, k * 2 - 1) },
    ]);
  }
  await touch(cdp, 'touchEnd', []);
}

async function centre(locator: Locator): Promise<Finger> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not on screen');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

const viewWidth = async (plan: Locator) => Number((await plan.getAttribute('viewBox'))!.split(' ')[2]);

async function setUp(page: Page) {
  const ui = await openShop(page, /^Visitor$/);
  const cdp = await page.context().newCDPSession(page);
  const svg = ui.plan; // the <svg> itself carries the plan's role and name
  return { ui, cdp, svg };
}

test('a finger drops a catalog card onto the plan and drags the piece', async ({ page }) => {
  const { ui, cdp, svg } = await setUp(page);
  const card = ui.frame.locator('li.card', { hasText: 'Halden 3-Seat Sofa' });
  await card.scrollIntoViewIfNeeded();
  const plan = await svg.boundingBox();
  const target = { x: plan!.x + plan!.width * 0.45, y: plan!.y + plan!.height * 0.5 };
  await drag(cdp, await centre(card.locator('.thumb')), target, 20);

  const sofa = ui.piece('Halden 3-Seat Sofa');
  await expect(sofa).toHaveCount(1);
  await expect(ui.plan).toHaveAccessibleName(/, 1 item$/);
  // It landed where the finger was lifted (snapping moves it a few pixels at most).
  const at = await centre(sofa);
  expect(Math.abs(at.x - target.x)).toBeLessThan(20);
  expect(Math.abs(at.y - target.y)).toBeLessThan(20);

  // The finger drags the placed piece: the page does not scroll and the drag is not cancelled.
  const fromLeft = ui.inspector.getByRole('textbox', { name: 'From left' });
  const before = Number(await fromLeft.inputValue());
  const scroll = await page.evaluate(() => window.scrollY);
  await drag(cdp, at, { x: at.x + 90, y: at.y + 30 });
  await expect(fromLeft).not.toHaveValue(String(before));
  const moved = await centre(sofa);
  expect(moved.x - at.x).toBeGreaterThan(60);
  expect(await page.evaluate(() => window.scrollY)).toBe(scroll);
  await expect(ui.frame.getByRole('button', { name: 'Undo' })).toBeEnabled();
});

test('two fingers pinch to zoom the plan; "Fit to room" shows the whole room again', async ({ page }) => {
  const { ui, cdp, svg } = await setUp(page);
  const fit = await viewWidth(svg);
  const box = (await svg.boundingBox())!;
  const mid = { x: box.x + box.width * 0.3, y: box.y + box.height * 0.35 };
  const a = (d: number): Finger => ({ x: mid.x - d, y: mid.y, id: 1 });
  const b = (d: number): Finger => ({ x: mid.x + d, y: mid.y, id: 2 });
  await touch(cdp, 'touchStart', [a(30)]);
  await touch(cdp, 'touchStart', [a(30), b(30)]);
  for (let d = 35; d <= 90; d += 5) await touch(cdp, 'touchMove', [a(d), b(d)]);
  await touch(cdp, 'touchEnd', []);
  // Fingers 60 px apart spread to 180: three times closer.
  await expect.poll(() => viewWidth(svg)).toBeLessThan(fit / 2.5);
  expect(await viewWidth(svg)).toBeGreaterThan(fit / 3.5);

  await ui.frame.getByRole('button', { name: 'Fit to room' }).tap();
  await expect.poll(() => viewWidth(svg)).toBeCloseTo(fit, 1);
  await expect(ui.frame.getByRole('status').filter({ hasText: 'Zoomed to fit the room.' })).toHaveCount(1);
});
