import { expect, type Frame, type Page, test } from '@playwright/test';
import { openShop, type PlannerUi } from './support/demo-shop.ts';
import { originPattern, PORTS } from './support/ports.ts';

// Keyboard only: no clicks, no programmatic focus. Focus gets where it goes with Tab.
test('the planner works with the keyboard alone: place, move, rotate, delete, undo', async ({ page }) => {
  const ui = await openShop(page, /^Visitor$/);
  const frame = page.frame({ url: originPattern(PORTS.planner) })!;
  const sofa = ui.piece('Halden 3-Seat Sofa');
  const fromLeft = ui.inspector.getByRole('textbox', { name: 'From left' });
  const fromTop = ui.inspector.getByRole('textbox', { name: 'From top' });
  const rotation = ui.inspector.getByRole('spinbutton', { name: 'Rotation' });

  // Tab from the top of the shop page into the planner, to the sofa's "Add to room" button.
  await tabTo(page, frame, 'Add to room: Halden 3-Seat Sofa');
  await page.keyboard.press('Enter');

  // The new piece has the focus, shown by a visible ring.
  await expect(sofa).toBeFocused();
  await expect(ui.plan).toHaveAccessibleName(/, 1 item$/);
  await expect(ui.inspector).toHaveAccessibleName('Selected: Halden 3-Seat Sofa');
  await expectFocusRing(ui);
  const left = metres(await fromLeft.inputValue());
  const top = metres(await fromTop.inputValue());
  await expect(rotation).toHaveValue('0');

  // Arrow keys move it one grid step (10 cm); with Shift ten.
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(fromLeft).toHaveValue((left + 0.3).toFixed(2));
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const moved = { left: (left - 0.7).toFixed(2), top: (top + 0.2).toFixed(2) };
  await expect(fromLeft).toHaveValue(moved.left);
  await expect(fromTop).toHaveValue(moved.top);
  await expect(sofa).toHaveAccessibleName(
    `Halden 3-Seat Sofa, 2.28 m by 0.95 m, ${moved.left} m from the left wall, ${moved.top} m from the top wall, rotated 0°. Selected.`,
  );
  await expect(sofa).toBeFocused();

  // R rotates it by 90°, clockwise, about its centre.
  await page.keyboard.press('r');
  await expect(rotation).toHaveValue('90');
  await expect(sofa).toHaveAccessibleName(/, rotated 90°\. Selected\.$/);
  await expect(sofa).toBeFocused();
  const placed = placement(await sofa.getAttribute('aria-label'));

  // Delete removes it…
  await page.keyboard.press('Delete');
  await expect(sofa).toHaveCount(0);
  await expect(ui.plan).toHaveAccessibleName(/, 0 items$/);
  await expect(ui.frame.getByRole('status').filter({ hasText: 'Deleted Halden 3-Seat Sofa.' })).toHaveCount(
    1,
  );

  // …and Ctrl+Z brings it back, where it was, as it was.
  await page.keyboard.press('Control+z');
  await expect(sofa).toHaveCount(1);
  await expect(ui.plan).toHaveAccessibleName(/, 1 item$/);
  expect(placement(await sofa.getAttribute('aria-label'))).toBe(placed);
  await expect(
    ui.frame.getByRole('status').filter({ hasText: 'Undone: Delete Halden 3-Seat Sofa.' }),
  ).toHaveCount(1);
});

/**
 * Presses Tab until the focused element in the planner frame has the accessible name `name`
 * (its aria-label or its text). Fails if it takes more than `max` presses.
 */
async function tabTo(page: Page, frame: Frame, name: string, max = 60) {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focused = await frame.evaluate(() => {
      if (!document.hasFocus()) return null;
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el ? (el.getAttribute('aria-label') ?? el.textContent?.trim() ?? el.tagName) : null;
    });
    if (focused === name) return;
    seen.push(focused ?? '(outside the planner)');
  }
  throw new Error(`Tab never reached “${name}”; it went through: ${seen.join(' | ')}`);
}

/** The focused piece shows a focus ring: its outline drawn in a solid colour, 3 px wide. */
async function expectFocusRing(ui: PlannerUi) {
  const ring = await ui.frame.getByRole('button', { name: /^Halden 3-Seat Sofa, / }).evaluate((piece) => {
    const style = getComputedStyle(piece.querySelector('.ring')!);
    return { focusVisible: piece.matches(':focus-visible'), stroke: style.stroke, width: style.strokeWidth };
  });
  expect(ring.focusVisible).toBe(true);
  expect(ring.width).toBe('3px');
  expect(ring.stroke).toMatch(/^rgb\(/); // a colour, not `none` or a transparent rgba(…, 0)
}

const metres = (value: string) => Number.parseFloat(value);

/** "…, 1.70 m from the left wall, 2.50 m from the top wall, rotated 90°" out of a piece's label. */
function placement(label: string | null): string {
  const match = label?.match(/, ([\d.]+ m from the left wall, [\d.]+ m from the top wall, rotated [\d.]+°)/);
  expect(match, `placement in “${label}”`).toBeTruthy();
  return match![1]!;
}
