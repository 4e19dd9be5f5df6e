import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { openShop, type PlannerUi } from './support/demo-shop.ts';

// The 3D view (issue 11), drawn by three.js on the machine's software renderer (headless
// Chromium's WebGL runs on SwiftShader here: no extra launch flags needed).

const PIECES = [
  'Halden 3-Seat Sofa',
  'Sund Coffee Table',
  'Viken Armchair',
  'Lowa TV Bench',
  'Stava Floor Lamp',
];

/** A visitor's room with a door, a window and a few pieces (each lands on a free spot). */
async function furnishedRoom(page: Page) {
  const ui = await openShop(page, /^Visitor$/);
  for (const piece of PIECES) {
    await ui.addButton(piece).click();
    await expect(ui.piece(piece)).toHaveCount(1);
  }
  await ui.frame.getByRole('button', { name: 'Walls, doors and windows' }).click();
  const tools = ui.frame.getByRole('group', { name: 'Walls, doors and windows' });
  await tools.getByRole('button', { name: 'Add door' }).click();
  // The window on another wall than the door (both would sit in the middle of wall 1).
  await tools.getByRole('combobox', { name: 'Wall', exact: true }).selectOption('Wall 2');
  await tools.getByRole('button', { name: 'Add window' }).click();
  await expect(ui.frame.getByRole('group', { name: /^(Door|Window) \d, wall \d$/ })).toHaveCount(2);
  return ui;
}

const toggle = (ui: PlannerUi) => ui.frame.getByRole('button', { name: '3D view' });
const view = (ui: PlannerUi) => ui.frame.locator('planner-view3d');
const canvas = (ui: PlannerUi) => ui.frame.getByRole('img', { name: /^Room in 3D, / });

async function open3d(ui: PlannerUi): Promise<Locator> {
  await toggle(ui).click();
  await expect(toggle(ui)).toHaveAttribute('aria-pressed', 'true');
  await expect(canvas(ui)).toBeVisible();
  return canvas(ui);
}

/**
 * The 3D view's pixels, scaled down to 64 × 40: drawn and read back in one task, so the
 * drawing buffer is still there (the renderer does not keep it after compositing).
 */
async function pixels(ui: PlannerUi): Promise<number[]> {
  return view(ui).evaluate((el: HTMLElement & { drawNow(): void }) => {
    el.drawNow();
    const source = el.shadowRoot!.querySelector('canvas')!;
    const small = document.createElement('canvas');
    small.width = 64;
    small.height = 40;
    const ctx = small.getContext('2d')!;
    ctx.drawImage(source, 0, 0, 64, 40);
    return Array.from(ctx.getImageData(0, 0, 64, 40).data);
  });
}

/** How many distinct colours (to 4 bits a channel) and what share of pixels is not the sky. */
function histogram(rgba: number[]) {
  const colours = new Set<number>();
  let notSky = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    const [r, g, b] = [rgba[i]!, rgba[i + 1]!, rgba[i + 2]!];
    colours.add(((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4));
    // The scene's background is #f3f4f6.
    if (Math.abs(r - 0xf3) + Math.abs(g - 0xf4) + Math.abs(b - 0xf6) > 12) notSky++;
  }
  return { colours: colours.size, drawn: notSky / (rgba.length / 4) };
}

const difference = (a: number[], b: number[]) =>
  a.reduce((sum, v, i) => sum + Math.abs(v - b[i]!), 0) / a.length;

/** Where a piece's centre is on the page (the view projects it; the iframe adds its offset). */
async function pieceOnPage(page: Page, ui: PlannerUi, catalogId: string) {
  await canvas(ui).scrollIntoViewIfNeeded();
  const inFrame = await view(ui).evaluate(
    (
      el: HTMLElement & {
        design: { items: { id: string; catalog_id: string }[] };
        screenPoint(id: string): { x: number; y: number } | null;
        pickAt(x: number, y: number): string | null;
      },
      wanted,
    ) => {
      const id = el.design.items.find((i) => i.catalog_id === wanted)!.id;
      const at = el.screenPoint(id)!;
      // Nothing stands in front of it from this camera.
      return { ...at, seen: el.pickAt(at.x, at.y) === id };
    },
    catalogId,
  );
  expect(inFrame.seen).toBe(true);
  const frame = await page.locator('iframe[title="Room planner"]').boundingBox();
  return { x: frame!.x + inFrame.x, y: frame!.y + inFrame.y };
}

test.describe('the 3D view', () => {
  test.use({ viewport: { width: 1400, height: 1000 } });

  test('draws the room, orbits with a drag, and keeps the selection both ways', async ({ page }) => {
    const ui = await furnishedRoom(page);
    const live = ui.frame.locator('div.sr-only[role="status"]');
    const view3d = await open3d(ui);
    await expect(live).toContainText('Orbit: drag to turn');

    // Not blank: walls, floor and pieces in many shades over most of the picture.
    await expect.poll(async () => histogram(await pixels(ui)).drawn).toBeGreaterThan(0.3);
    const before = await pixels(ui);
    expect(histogram(before).colours).toBeGreaterThan(12);

    // Orbit: a sideways drag turns the camera, so the picture changes.
    await view3d.scrollIntoViewIfNeeded();
    const box = (await view3d.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++)
      await page.mouse.move(box.x + box.width * (0.5 + i * 0.02), box.y + box.height * 0.5);
    await page.mouse.up();
    await expect.poll(async () => difference(before, await pixels(ui))).toBeGreaterThan(3);

    // Click the sofa in 3D: it is selected (the app's inspector says so) and lit up.
    const unselected = await pixels(ui);
    const sofa = await pieceOnPage(page, ui, 'sofa-3-seat');
    await page.mouse.click(sofa.x, sofa.y);
    await expect(ui.inspector).toHaveAccessibleName('Selected: Halden 3-Seat Sofa');
    await expect(view3d).toHaveAccessibleName(/, Halden 3-Seat Sofa selected$/);
    await expect.poll(async () => difference(unselected, await pixels(ui))).toBeGreaterThan(0.2);

    // Back to 2D: the same piece is still selected there.
    await toggle(ui).click();
    await expect(toggle(ui)).toHaveAttribute('aria-pressed', 'false');
    await expect(ui.plan).toBeVisible();
    await expect(ui.piece('Halden 3-Seat Sofa')).toHaveAccessibleName(/Selected\.$/);
    await expect(ui.inspector).toHaveAccessibleName('Selected: Halden 3-Seat Sofa');

    // And into 3D again with it: still lit up, the label says so.
    await open3d(ui);
    await expect(canvas(ui)).toHaveAccessibleName(/, Halden 3-Seat Sofa selected$/);
  });

  test('walks through the room with the keyboard, announced', async ({ page }) => {
    const ui = await furnishedRoom(page);
    const live = ui.frame.locator('div.sr-only[role="status"]');
    const view3d = await open3d(ui);
    await ui.frame.getByRole('button', { name: 'Walk through' }).click();
    await expect(ui.frame.getByRole('button', { name: 'Walk through' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(live).toContainText('Walk-through: W A S D or the arrow keys');
    await view3d.focus();
    await expect.poll(async () => histogram(await pixels(ui)).drawn).toBeGreaterThan(0.3);
    const standing = await pixels(ui);
    // Hold W until the walker has visibly moved (a step per frame, however slow the frames).
    await page.keyboard.down('w');
    await expect.poll(async () => difference(standing, await pixels(ui))).toBeGreaterThan(2);
    await page.keyboard.up('w');
    const walked = await pixels(ui);
    await page.keyboard.down('ArrowLeft');
    await expect.poll(async () => difference(walked, await pixels(ui))).toBeGreaterThan(2);
    await page.keyboard.up('ArrowLeft');
  });

  test('frees the GPU memory each time it closes (10 times)', async ({ page }) => {
    const ui = await furnishedRoom(page);
    for (let i = 0; i < 10; i++) {
      await open3d(ui);
      await expect.poll(async () => histogram(await pixels(ui)).drawn).toBeGreaterThan(0.3);
      const held = await view(ui).evaluate(
        (el: HTMLElement & { renderer: { info: { memory: { geometries: number } } } }) =>
          el.renderer.info.memory.geometries,
      );
      // On the GPU: the floor, the one box all the pieces share, and the walls drawn (those
      // cut away for the camera are never uploaded).
      expect(held).toBeGreaterThanOrEqual(4);
      await toggle(ui).click();
      await expect(view(ui)).toHaveCount(0);
      const released = await ui.frame.locator('planner-app').evaluate(
        () =>
          (
            customElements.get('planner-view3d') as unknown as {
              lastReleased: { geometries: number; textures: number };
            }
          ).lastReleased,
      );
      expect(released).toEqual({ geometries: 0, textures: 0 });
    }
  });

  // `pnpm screenshots` only: it rewrites the README's picture of the 3D view, a tracked file.
  test('a furnished room in 3D, for the README', { tag: '@screenshot' }, async ({ page }, testInfo) => {
    const ui = await furnishedRoom(page);
    await ui.piece('Halden 3-Seat Sofa').click();
    const view3d = await open3d(ui);
    await expect.poll(async () => histogram(await pixels(ui)).drawn).toBeGreaterThan(0.3);
    await view(ui).evaluate((el: HTMLElement & { drawNow(): void }) => el.drawNow());
    const png = await view3d.screenshot({ animations: 'disabled' });
    await testInfo.attach('planner-3d', { body: png, contentType: 'image/png' });
    const docs = join(import.meta.dirname, '../docs');
    await mkdir(docs, { recursive: true });
    await writeFile(join(docs, 'planner-3d.png'), png);
  });
});
