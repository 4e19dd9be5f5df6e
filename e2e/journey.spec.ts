import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { commit, logged, logIn, messages, openShop, platformAs, uniqueName } from './support/demo-shop.ts';
import { originPattern, PORTS } from './support/ports.ts';

test.describe('the demo shop', () => {
  test('a visitor designs a room, logs in to save, outlives an expired token and reopens the project', async ({
    page,
  }) => {
    const name = uniqueName('Journey');
    const ui = await openShop(page, /^Visitor$/);
    await expect(page.locator('#token-kind')).toHaveText('legal entity');
    await expect(page.locator('#token-scope')).toHaveText('read');

    // ——— A visitor designs a room.
    await ui.addButton('Halden 3-Seat Sofa').click();
    await ui.addButton('Sund Coffee Table').click();
    await expect(ui.piece('Halden 3-Seat Sofa')).toBeVisible();
    await expect(ui.piece('Sund Coffee Table')).toBeVisible();
    await commit(ui.width, '5.60');
    await commit(ui.name, name);
    await expect(ui.plan).toHaveAccessibleName('Room plan, 5.60 m wide and 4.00 m deep, 2 items');
    await expect(ui.saveState).toHaveText('Unsaved changes');

    // ——— Save: the planner asks the shop for a login instead of failing a request.
    await ui.save.click();
    await expect(logged(page, 'in', 'LoginRequired')).toHaveCount(1);
    await expect(page.getByRole('form', { name: 'Log in' }).getByRole('status')).toHaveText(
      'Log in to save your room to your account.',
    );
    await expect(page.getByLabel('Password')).toBeFocused();
    await expect(ui.notice(/Log in on the shop to save your design/)).toBeVisible();
    await expect(ui.saveState).toHaveText('Unsaved changes');

    // ——— Log in on the shop as Ada: the shop hands the planner a user token (`Login`).
    expect(await messages(page)).not.toContain('out:Login');
    await logIn(page, 'ada@example.com');
    await expect(logged(page, 'out', 'Login')).toHaveCount(1);
    await expect(ui.session).toContainText('Signed in as Ada');
    await expect(page.locator('#token-kind')).toHaveText('user');
    await expect(page.locator('#token-scope')).toHaveText('read write');
    // The planner no longer asks for a login it has got, and the design survived the change of session.
    await expect(ui.notice(/Log in on the shop to save/)).toHaveCount(0);
    await expect(ui.plan).toHaveAccessibleName('Room plan, 5.60 m wide and 4.00 m deep, 2 items');

    await ui.save.click();
    await expect(ui.saveState).toHaveText('Saved · v1');
    await expect(page.getByRole('status').filter({ hasText: `Saved “${name}”` })).toBeVisible();
    await expect(logged(page, 'in', 'ProjectSaved')).toHaveCount(1);

    // ——— The token expires mid-session. The shop makes the next token live 20 s and hands it
    // over at once; wait until it has expired.
    await page.getByRole('button', { name: 'Make the next token short-lived (20 s)' }).click();
    await expect(logged(page, 'out', 'Login')).toHaveCount(2);
    await expect(logged(page, 'out', 'Login').first()).toContainText(/user token .*, read write, 20 s/);
    await expect(page.locator('#token-expiry')).toHaveText(/^(1\d|20) s$/);
    await expect(page.locator('#token-expiry')).toHaveText('expired', { timeout: 25_000 });

    // Another change, and save: the save is held, the planner asks for a new token
    // (`TokenExpired`), the shop answers with a new `Login`, and the save goes through.
    await ui.addButton('Viken Armchair').click();
    await expect(ui.plan).toHaveAccessibleName('Room plan, 5.60 m wide and 4.00 m deep, 3 items');
    await ui.save.click();
    await expect(ui.saveState).toHaveText('Saved · v2');
    const log = await messages(page);
    const expiredAt = log.indexOf('in:TokenExpired');
    expect(expiredAt).toBeGreaterThan(-1);
    expect(log.indexOf('out:Login', expiredAt)).toBeGreaterThan(expiredAt);
    expect(log.filter((m) => m === 'in:TokenExpired')).toHaveLength(1);
    await expect(logged(page, 'out', 'Login')).toHaveCount(3);
    await expect(logged(page, 'out', 'Login').first()).toContainText(/user token .*, read write, 300 s/);
    await expect(page.locator('#token-expiry')).toHaveText(/^\d+ s$/);
    await expect(ui.session).toContainText('Signed in as Ada');
    await expect(logged(page, 'in', 'ProjectSaved')).toHaveCount(2);

    // ——— Start over, and reload: what opens now can only come from the platform.
    await ui.newProject.click();
    await expect(ui.plan).toHaveAccessibleName('Room plan, 5.00 m wide and 4.00 m deep, 0 items');
    await page.reload();
    await expect(ui.session).toContainText('Signed in as Ada');
    await expect(ui.name).toHaveValue('Untitled room');

    await ui.open.click();
    await expect(ui.projectsDialog).toBeVisible();
    const row = ui.projectsDialog.getByRole('listitem').filter({ hasText: name });
    await expect(row).toContainText('3 pieces · v2');
    await row.getByRole('button', { name: `Open ${name}` }).click();
    await expect(ui.projectsDialog).toBeHidden();

    await expect(ui.name).toHaveValue(name);
    await expect(ui.width).toHaveValue('5.60');
    await expect(ui.plan).toHaveAccessibleName('Room plan, 5.60 m wide and 4.00 m deep, 3 items');
    for (const piece of ['Halden 3-Seat Sofa', 'Sund Coffee Table', 'Viken Armchair']) {
      await expect(ui.piece(piece)).toHaveCount(1);
    }
    await expect(ui.saveState).toHaveText('Saved · v2');

    // And the platform agrees.
    const platform = await platformAs(page);
    const [saved] = await platform.projectsNamed(name);
    const project = await platform.project(saved!.id);
    expect(project).toMatchObject({ name, version: 2, room: { width_cm: 560, depth_cm: 400 } });
    expect(project.items.map((i) => i.catalog_id).sort()).toEqual([
      'armchair',
      'coffee-table',
      'sofa-3-seat',
    ]);
  });

  test.describe('at 1400 × 1000', () => {
    test.use({ viewport: { width: 1400, height: 1000 } });

    // `pnpm screenshots` only: it rewrites the README's picture, a tracked file.
    test('a furnished living room, for the README', { tag: '@screenshot' }, async ({ page }, testInfo) => {
      const ui = await openShop(page);
      await logIn(page, 'ada@example.com');
      await expect(ui.session).toContainText('Signed in as Ada');

      // The room is saved from "another device" (straight to the platform), then opened here.
      const platform = await platformAs(page);
      await platform.createProject(LIVING_ROOM);
      await ui.open.click();
      await ui.projectsDialog
        .getByRole('button', { name: `Open ${LIVING_ROOM.name}`, exact: true })
        .first()
        .click();
      await expect(ui.name).toHaveValue(LIVING_ROOM.name);
      await expect(ui.plan).toHaveAccessibleName(
        `Room plan, 6.00 m wide and 4.50 m deep, ${LIVING_ROOM.items.length} items`,
      );
      // Nothing overlaps or sticks out: no amber warnings in the picture.
      await expect(ui.frame.getByText(/needs? attention/)).toHaveCount(0);

      // Select the sofa (the inspector shows it), then wait for the notices to go and
      // every symbol to be drawn.
      await ui.piece('Halden 3-Seat Sofa').click();
      await expect(ui.inspector).toHaveAccessibleName('Selected: Halden 3-Seat Sofa');
      await expect(ui.notice(`Opened “${LIVING_ROOM.name}”`)).toHaveCount(0, { timeout: 10_000 });
      await expect(page.locator('.toast')).toHaveCount(0, { timeout: 10_000 });
      await symbolsLoaded(page);

      const png = await page.screenshot({ fullPage: true, animations: 'disabled', caret: 'hide' });
      await testInfo.attach('demo-shop', { body: png, contentType: 'image/png' });
      const docs = join(import.meta.dirname, '../docs');
      await mkdir(docs, { recursive: true });
      await writeFile(join(docs, 'demo-shop.png'), png);
    });
  });
});

/** A living room of 6 × 4.5 m: centres of the pieces in cm from the top-left corner, degrees clockwise. */
const LIVING_ROOM = {
  name: 'Living room',
  room: { width_cm: 600, depth_cm: 450, unit: 'm' as const },
  items: (
    [
      ['rug-200x300', 300, 245, 90],
      ['tv-bench', 300, 21, 0],
      ['sofa-3-seat', 300, 377.5, 180],
      ['coffee-table', 300, 245, 0],
      ['armchair', 159, 236, 270],
      ['armchair', 441, 236, 90],
      ['side-table-round', 152.5, 402.5, 0],
      ['floor-lamp', 452.5, 397.5, 0],
      ['bookcase', 15, 210, 90],
      ['sideboard', 577.5, 220, 90],
      ['plant-large', 40, 40, 0],
      ['plant-small', 572.5, 27.5, 0],
    ] as const
  ).map(([catalog_id, x, y, rotation], i) => ({ id: `piece-${i + 1}`, catalog_id, x, y, rotation })),
};

/**
 * Waits until the symbols are drawn: those of the pieces on the plan and the catalog's
 * thumbnails in view (both load lazily).
 */
async function symbolsLoaded(page: Page) {
  const frame = page.frame({ url: originPattern(PORTS.planner) })!;
  // Best effort: the picture is an artifact, not an assertion. Resource timing can miss a
  // symbol served from the memory cache (or a full timing buffer); then quiet network will do.
  await frame
    .waitForFunction(
      () => {
        const app = document.querySelector('planner-app')?.shadowRoot;
        const plan = [...(app?.querySelector('planner-canvas')?.shadowRoot?.querySelectorAll('image') ?? [])];
        const fetched = new Set(performance.getEntriesByType('resource').map((e) => e.name));
        const thumbs = [
          ...(app?.querySelector('planner-catalog')?.shadowRoot?.querySelectorAll('img') ?? []),
        ].filter((img) => img.getBoundingClientRect().top < innerHeight);
        return (
          plan.length > 0 &&
          plan.every((image) => fetched.has(new URL(image.href.baseVal, location.href).href)) &&
          thumbs.length > 0 &&
          thumbs.every((img) => img.complete && img.naturalWidth > 0)
        );
      },
      undefined,
      { timeout: 15_000 },
    )
    .catch(() => page.waitForLoadState('networkidle'));
}
