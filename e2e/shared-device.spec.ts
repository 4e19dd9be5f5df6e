import { expect, type Page, test } from '@playwright/test';
import { commit, logIn, openShop, type PlannerUi, uniqueName } from './support/demo-shop.ts';

// Issue 9: one device, several shoppers. Each sees and saves only their own design; the
// visitor after a logout sees their own (empty) room, never the last shopper's.

async function logOut(page: Page, ui: PlannerUi) {
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(ui.session.getByText(/^Visitor$/)).toBeVisible();
}

const emptyRoom = 'Room plan, 5.00 m wide and 4.00 m deep, 0 items';

test('a shared device: Ada, the visitor after her, Ben, and Ada again each get their own design', async ({
  page,
}) => {
  const name = uniqueName('Ada lounge');
  const ui = await openShop(page, /^Visitor$/);

  // ——— Ada designs and saves, and leaves one more piece unsaved.
  await logIn(page, 'ada@example.com');
  await expect(ui.session).toContainText('Signed in as Ada');
  await ui.addButton('Halden 3-Seat Sofa').click();
  await commit(ui.name, name);
  await ui.save.click();
  await expect(ui.saveState).toHaveText('Saved · v1');
  await ui.addButton('Sund Coffee Table').click();
  await expect(ui.plan).toHaveAccessibleName(/, 2 items$/);

  // ——— She logs out: the visitor sees an empty room, not Ada's.
  await logOut(page, ui);
  await expect(ui.plan).toHaveAccessibleName(emptyRoom);
  await expect(ui.name).toHaveValue('Untitled room');
  await expect(ui.piece('Halden 3-Seat Sofa')).toHaveCount(0);
  // A browser restart does not bring it back either.
  await page.reload();
  await expect(ui.session.getByText(/^Visitor$/)).toBeVisible();
  await expect(ui.addButton('Halden 3-Seat Sofa')).toBeEnabled();
  await expect(ui.plan).toHaveAccessibleName(emptyRoom);
  await expect(ui.name).toHaveValue('Untitled room');

  // ——— Ben logs in: not Ada's design, and his save does not touch her project.
  await logIn(page, 'ben@example.com');
  await expect(ui.session).toContainText('Signed in as Ben');
  await expect(ui.plan).toHaveAccessibleName(emptyRoom);
  await expect(ui.name).toHaveValue('Untitled room');
  await ui.addButton('Viken Armchair').click();
  await commit(ui.name, uniqueName('Ben study'));
  await ui.save.click();
  await expect(ui.saveState).toHaveText('Saved · v1');
  await ui.open.click();
  await expect(ui.projectsDialog.getByRole('listitem').filter({ hasText: name })).toHaveCount(0);
  await ui.projectsDialog
    .getByRole('button', { name: /close|cancel/i })
    .first()
    .click();
  await logOut(page, ui);
  await expect(ui.plan).toHaveAccessibleName(emptyRoom);

  // ——— Ada is back, after a restart too: her design, with its unsaved piece.
  await logIn(page, 'ada@example.com');
  await expect(ui.session).toContainText('Signed in as Ada');
  await expect(ui.name).toHaveValue(name);
  await expect(ui.plan).toHaveAccessibleName(/, 2 items$/);
  await expect(ui.saveState).toHaveText('Unsaved changes');
  await page.reload();
  await expect(ui.session).toContainText('Signed in as Ada');
  await expect(ui.name).toHaveValue(name);
  await expect(ui.plan).toHaveAccessibleName(/, 2 items$/);
  for (const piece of ['Halden 3-Seat Sofa', 'Sund Coffee Table'])
    await expect(ui.piece(piece)).toHaveCount(1);
});
