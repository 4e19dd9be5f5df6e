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
  expect(aligned.map((p) => p.left)).toEqual(moved.map((p) => p.left));

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

// A finger: "Select" mode from the bar turns taps into toggles and a drag on the plan into a
// marquee, while two fingers still pinch; with the mode off, a drag of the floor pans again.
// Real touch input through CDP, as in touch.spec.ts.
test.describe('with a finger', () => {
  test.use({ hasTouch: true });

  test('select mode: taps toggle, a drag marks an area, a pinch still zooms; off, the floor pans', async ({
    page,
  }) => {
    const ui = await openShop(page, /^Visitor$/);
    const cdp = await page.context().newCDPSession(page);
    type Finger = { x: number; y: number; id?: number };
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', fingers: Finger[]) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints: fingers.map((f, i) => ({ x: f.x, y: f.y, id: f.id ?? i })),
      });
    const tap = async (at: Finger) => {
      await touch('touchStart', [at]);
      await touch('touchEnd', []);
    };
    const swipe = async (from: Finger, to: Finger) => {
      await touch('touchStart', [from]);
      for (let i = 1; i <= 10; i++)
        await touch('touchMove', [
          { x: from.x + ((to.x - from.x) * i) / 10, y: from.y + ((to.y - from.y) * i) / 10 },
        ]);
      await touch('touchEnd', []);
    };
    const viewBox = async () => (await ui.plan.getAttribute('viewBox'))!;

    await ui.addButton('Tova Dining Chair').click();
    await ui.addButton('Viken Armchair').click();
    const chair = ui.piece('Tova Dining Chair');
    const armchair = ui.piece('Viken Armchair');
    await expect(armchair).toHaveAccessibleName(/Selected\.$/);
    // Nothing selected, so no rotate handle lies over a piece where the finger taps.
    await expect(armchair).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(armchair).not.toHaveAccessibleName(/Selected\.$/);

    const mode = ui.frame
      .getByRole('group', { name: 'Selection' })
      .getByRole('button', { name: 'Select', exact: true });
    await mode.tap();
    await expect(mode).toHaveAttribute('aria-pressed', 'true');
    await expect(said(ui, /^Select mode on/)).toHaveCount(1);

    await tap(await centre(chair));
    await expect(said(ui, 'Tova Dining Chair selected.')).toHaveCount(1);
    await tap(await centre(armchair));
    await expect(said(ui, '2 pieces selected.')).toHaveCount(1);
    await tap(await centre(armchair));
    await expect(said(ui, 'Tova Dining Chair selected.')).toHaveCount(1);
    await expect(armchair).not.toHaveAccessibleName(/Selected\.$/);

    const before = await viewBox();
    await swipe(await centre(chair), await centre(armchair));
    await expect(said(ui, '2 pieces selected.')).toHaveCount(1);
    await expect(armchair).toHaveAccessibleName(/Selected\.$/);
    expect(await viewBox()).toBe(before);

    // Two fingers spread: the plan zooms in select mode too.
    const box = (await ui.plan.boundingBox())!;
    const mid = { x: box.x + box.width * 0.3, y: box.y + box.height * 0.35 };
    const a = (d: number): Finger => ({ x: mid.x - d, y: mid.y, id: 1 });
    const b = (d: number): Finger => ({ x: mid.x + d, y: mid.y, id: 2 });
    await touch('touchStart', [a(30)]);
    await touch('touchStart', [a(30), b(30)]);
    for (let d = 35; d <= 90; d += 5) await touch('touchMove', [a(d), b(d)]);
    await touch('touchEnd', []);
    const width = (v: string) => Number(v.split(' ')[2]);
    await expect.poll(async () => width(await viewBox())).toBeLessThan(width(before) / 2);
    await expect(chair).toHaveAccessibleName(/Selected\.$/);

    // Mode off: a finger on the floor pans the plan again, and the selection stays.
    await ui.frame.getByRole('button', { name: 'Fit to room' }).tap();
    await expect.poll(viewBox).toBe(before);
    await mode.tap();
    await expect(mode).toHaveAttribute('aria-pressed', 'false');
    // Near the floor's far corner: clear of the pieces (placed around the centre) and the walls.
    const f = (await ui.frame.locator('path.floor').boundingBox())!;
    const floor = { x: f.x + f.width * 0.92, y: f.y + f.height * 0.92 };
    await swipe(floor, { x: floor.x - 60, y: floor.y - 40 });
    await expect.poll(viewBox).not.toBe(before);
    await expect(chair).toHaveAccessibleName(/Selected\.$/);
    await expect(armchair).toHaveAccessibleName(/Selected\.$/);
  });
});
