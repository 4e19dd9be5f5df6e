import { expect, type Locator, type Page, test } from '@playwright/test';
import { openShop, type PlannerUi } from './support/demo-shop.ts';

// Multi-select on the plan (issue 11), with a real mouse: Shift+click, a Shift+drag marquee,
// a drag of the whole selection, the selection bar's Align, and undo, one step per action.

const PIECES = ['Tova Dining Chair', 'Viken Armchair', 'Stava Floor Lamp'];

/** Where a piece is, from its accessible name ("…, 1.20 m from the left wall, 0.50 m from the top wall, …"). */
async function placeOf(piece: Locator): Promise<{ left: number; top: number }> {
  const label = (await piece.getAttribute('aria-label')) ?? '';
  const m = /([\d.]+) m from the left wall, ([\d.]+) m from the top wall/.exec(label);
  if (!m) throw new Error(`no place in "${label}"`);
  return { left: Number(m[1]), top: Number(m[2]) };
}

async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not on screen');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

async function mouseDrag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 10 });
  await page.mouse.up();
}

const said = (ui: PlannerUi, text: string | RegExp) => ui.frame.getByRole('status').filter({ hasText: text });

test('shift-click and a marquee select pieces; they move and align together, and undo one step at a time', async ({
  page,
}) => {
  const ui = await openShop(page, /^Visitor$/);
  for (const name of PIECES) {
    await ui.addButton(name).click();
    await expect(ui.piece(name)).toHaveCount(1);
  }
  await expect(ui.plan).toHaveAccessibleName(/, 3 items$/);
  const [chair, armchair, lamp] = PIECES.map((name) => ui.piece(name)) as [Locator, Locator, Locator];
  const places = () => Promise.all([chair, armchair, lamp].map(placeOf));
  const start = await places();
  const bar = ui.frame.getByRole('group', { name: 'Selection' });

  // A click selects one piece; Shift+click adds a second.
  await chair.click();
  await armchair.click({ modifiers: ['Shift'] });
  await expect(said(ui, '2 pieces selected.')).toHaveCount(1);
  await expect(bar.getByText('2 selected')).toBeVisible();
  await expect(chair).toHaveAccessibleName(/Selected\.$/);
  await expect(armchair).toHaveAccessibleName(/Selected\.$/);
  await expect(lamp).not.toHaveAccessibleName(/Selected\.$/);

  // Shift+drag marks an area: what it touches joins the selection.
  const at = await centre(lamp);
  await page.keyboard.down('Shift');
  await mouseDrag(page, at, { x: at.x + 30, y: at.y + 25 });
  await page.keyboard.up('Shift');
  await expect(said(ui, '3 pieces selected.')).toHaveCount(1);
  await expect(lamp).toHaveAccessibleName(/Selected\.$/);
  await expect(bar.getByText('3 selected')).toBeVisible();
  // The view did not pan: a marquee is not a drag of the floor.
  expect(await places()).toEqual(start);

  // Dragging one of them moves all three by the same offset, as one undo step.
  const from = await centre(chair);
  await mouseDrag(page, from, { x: from.x + 80, y: from.y + 40 });
  await expect(said(ui, /^Moved 3 pieces, /)).toHaveCount(1);
  const moved = await places();
  const dx = moved[0]!.left - start[0]!.left;
  const dy = moved[0]!.top - start[0]!.top;
  expect(dx).toBeGreaterThan(0.2);
  expect(dy).toBeGreaterThan(0.1);
  moved.forEach((p, i) => {
    expect(p.left - start[i]!.left).toBeCloseTo(dx, 1);
    expect(p.top - start[i]!.top).toBeCloseTo(dy, 1);
  });

  // Align top: every piece's top edge on the highest one's.
  await bar.getByRole('button', { name: 'Align top' }).click();
  await expect(said(ui, 'Aligned 3 pieces to the top.')).toHaveCount(1);
  const aligned = await places();
  const highest = Math.min(...moved.map((p) => p.top));
  for (const p of aligned) expect(p.top).toBeCloseTo(highest, 2);
  aligned.forEach((p, i) => expect(p.left).toBe(moved[i]!.left));

  // Undo takes back the alignment, then the move; the selection stays.
  await page.keyboard.press('Control+z');
  await expect(said(ui, 'Undone: Align 3 pieces to the top.')).toHaveCount(1);
  expect(await places()).toEqual(moved);
  await page.keyboard.press('Control+z');
  await expect(said(ui, 'Undone: Move 3 pieces.')).toHaveCount(1);
  expect(await places()).toEqual(start);
  await expect(bar.getByText('3 selected')).toBeVisible();

  // Escape on a piece of the selection clears it (focus moving there keeps the selection).
  await chair.focus();
  await expect(bar.getByText('3 selected')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(said(ui, 'Nothing selected.')).toHaveCount(1);
  await expect(bar.getByText(/selected$/)).toHaveCount(0);
  await expect(chair).not.toHaveAccessibleName(/Selected\.$/);
});
