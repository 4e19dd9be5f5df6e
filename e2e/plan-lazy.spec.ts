import { expect, test } from '@playwright/test';
import { plannerUi, SHOP } from './support/demo-shop.ts';

// The plan's gestures and keys come with the deferred chunk (planner-canvas.ts,
// plan/interaction.ts, deferred.ts): until it has loaded the plan is aria-busy, and what it is
// sent meanwhile is replayed, not lost. Here the chunk is held back until a key and a whole
// mouse drag have been sent.
const GESTURES = /\/(?:assets\/deferred-[^/]*\.js|src\/components\/deferred\.ts)(?:\?.*)?$/;

test('a key and a drag sent before the gestures load are replayed once they do', async ({ page }) => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let requested = false;
  await page.route(GESTURES, async (route) => {
    requested = true;
    await held;
    await route.continue();
  });
  // Not openShop(): it waits for the session chip, which comes with the chunk held back here.
  await page.goto(`${SHOP}/`);
  const ui = plannerUi(page);
  await expect(ui.addButton('Halden 3-Seat Sofa')).toBeEnabled();
  expect(requested).toBe(true);
  await expect(ui.plan).toHaveAttribute('aria-busy', 'true');

  await ui.addButton('Halden 3-Seat Sofa').click();
  const sofa = ui.piece('Halden 3-Seat Sofa');
  await expect(sofa).toHaveCount(1);
  // Without " Selected.": pressing it selects it.
  const label = async () => ((await sofa.getAttribute('aria-label')) ?? '').replace(/ Selected\.$/, '');
  const start = await label();

  // A key on the piece (it can take focus: tabindex is in the drawing).
  await sofa.focus();
  await page.keyboard.press('r');
  // A mouse drag of the piece, press to release.
  const box = (await sofa.boundingBox())!;
  const from = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(from.x + i * 10, from.y + i * 4);
  await page.mouse.up();
  // Nothing happened yet, and the plan says it is busy.
  expect(await label()).toBe(start);
  await expect(ui.plan).toHaveAttribute('aria-busy', 'true');

  release();
  await expect(ui.plan).toHaveAttribute('aria-busy', 'false');
  // The key rotated it, and the replayed drag moved it (one undo step each).
  await expect(sofa).toHaveAccessibleName(/, rotated 90°\./);
  const after = (await sofa.boundingBox())!;
  expect(after.x + after.width / 2 - from.x).toBeGreaterThan(40);
  await ui.frame.getByRole('button', { name: 'Undo' }).click();
  await ui.frame.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(label).toBe(start);
});
