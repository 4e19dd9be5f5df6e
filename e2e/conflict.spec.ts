import { expect, test } from '@playwright/test';
import { commit, logIn, openShop, platformAs, uniqueName } from './support/demo-shop.ts';

const CONFLICT =
  'This project was changed somewhere else (another tab or device) since you opened it. Nothing was overwritten.';

// Ben has the shop open in two tabs (one browser, so one shop session). Tab A saves a project,
// tab B opens it, A changes and saves it, then B changes it and saves: B meets the conflict.
test('a save conflict between two tabs overwrites nothing, and each resolution does what it says', async ({
  context,
}) => {
  const name = uniqueName('Conflict');
  const pageA = await context.newPage();
  const a = await openShop(pageA, /^Visitor$/);
  await logIn(pageA, 'ben@example.com');
  await expect(a.session).toContainText('Signed in as Ben');
  // The second tab shares the shop's session cookie: Ben is logged in there too.
  const pageB = await context.newPage();
  const b = await openShop(pageB, /^Signed in as Ben$/);
  const platform = await platformAs(pageB);
  const banner = b.frame.getByRole('alert').filter({ hasText: CONFLICT });
  const pieces = async (id: string) =>
    (await platform.project(id)).items.map((i) => i.catalog_id).sort((x, y) => x.localeCompare(y));

  // A saves a project with two pieces; B opens it.
  await a.addButton('Halden 3-Seat Sofa').click();
  await a.addButton('Sund Coffee Table').click();
  await commit(a.name, name);
  await a.save.click();
  await expect(a.saveState).toHaveText('Saved · v1');

  await b.open.click();
  await b.projectsDialog.getByRole('button', { name: `Open ${name}` }).click();
  await expect(b.name).toHaveValue(name);
  await expect(b.plan).toHaveAccessibleName('Room plan, 5.00 m wide and 4.00 m deep, 2 items');
  await expect(b.saveState).toHaveText('Saved · v1');

  // A adds an armchair and saves: version 2. B, still at version 1, widens the room and saves.
  await a.addButton('Viken Armchair').click();
  await a.save.click();
  await expect(a.saveState).toHaveText('Saved · v2');
  await commit(b.width, '6.20');
  await b.save.click();

  await test.step('B is told, and nothing is overwritten', async () => {
    await expect(banner).toBeVisible();
    await expect(banner.getByRole('button', { name: 'Reload theirs' })).toBeEnabled();
    await expect(banner.getByRole('button', { name: 'Keep mine (save as a copy)' })).toBeEnabled();
    await expect(b.saveState).toHaveText('Unsaved changes');
    await expect(b.plan).toHaveAccessibleName('Room plan, 6.20 m wide and 4.00 m deep, 2 items');
    // The platform still holds A's version 2, and only it.
    const list = await platform.projectsNamed(name);
    expect(list.map((p) => [p.name, p.version])).toEqual([[name, 2]]);
    const held = await platform.project(list[0]!.id);
    expect(held.room.width_cm).toBe(500);
    expect(await pieces(held.id)).toEqual(['armchair', 'coffee-table', 'sofa-3-seat']);
  });
  const { id } = (await platform.projectsNamed(name))[0]!;

  await test.step('“Reload theirs” shows A’s version; undo brings B’s changes back', async () => {
    await banner.getByRole('button', { name: 'Reload theirs' }).click();
    await expect(banner).toBeHidden();
    await expect(
      b.notice('Loaded the latest saved version (v2). Undo brings your changes back.'),
    ).toBeVisible();
    await expect(b.plan).toHaveAccessibleName('Room plan, 5.00 m wide and 4.00 m deep, 3 items');
    await expect(b.width).toHaveValue('5.00');
    await expect(b.saveState).toHaveText('Saved · v2');

    await b.frame.getByRole('button', { name: 'Undo Load saved version' }).click();
    await expect(b.plan).toHaveAccessibleName('Room plan, 6.20 m wide and 4.00 m deep, 2 items');
    await expect(b.saveState).toHaveText('Unsaved changes');
  });

  await test.step('A saves again, B meets it and keeps its version as a copy', async () => {
    await a.addButton('Stava Floor Lamp').click();
    await a.save.click();
    await expect(a.saveState).toHaveText('Saved · v3');

    await b.save.click();
    await expect(banner).toBeVisible();
    expect((await platform.project(id)).version).toBe(3);

    await banner.getByRole('button', { name: 'Keep mine (save as a copy)' }).click();
    await expect(banner).toBeHidden();
    await expect(b.name).toHaveValue(`${name} (copy)`);
    await expect(b.saveState).toHaveText('Saved · v1');
    await expect(b.notice(`Saved as “${name} (copy)”.`)).toBeVisible();

    const list = await platform.projectsNamed(name);
    expect(list.map((p) => [p.name, p.version])).toEqual([
      [name, 3],
      [`${name} (copy)`, 1],
    ]);
    const theirs = await platform.project(id);
    expect(theirs.room.width_cm).toBe(500);
    expect(await pieces(id)).toEqual(['armchair', 'coffee-table', 'floor-lamp', 'sofa-3-seat']);
    const copy = await platform.project(list[1]!.id);
    expect(copy.room.width_cm).toBe(620);
    expect(await pieces(copy.id)).toEqual(['coffee-table', 'sofa-3-seat']);
    // Tab A goes on with its own project.
    await expect(a.name).toHaveValue(name);
    await expect(a.saveState).toHaveText('Saved · v3');
  });
});
