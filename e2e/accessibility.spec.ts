import { expect, test } from '@playwright/test';
import { type Finding, record, scan } from './support/axe.ts';
import { commit, logIn, openShop, SHOP, uniqueName } from './support/demo-shop.ts';
import { PLANNER_E2E_ADMIN_TOKEN, PORTS, url } from './support/ports.ts';

// axe-core on what a shopper and an operator see: the planner inside the demo shop (its
// cross-origin iframe included), the shop's own pages, and the admin console once signed in.
// Every violation is printed; a serious or critical one fails the test.

test('the planner in the demo shop: no serious or critical axe violation, with its panels and dialogs open', async ({
  page,
}, testInfo) => {
  // Six whole-page axe runs, each 10 to 35 s on this machine with the planner's frame in it.
  test.setTimeout(240_000);
  const findings: Finding[] = [];
  const ui = await openShop(page, /^Visitor$/);
  findings.push(...(await scan(page, 'shop index with the planner, empty room (visitor)')));

  await logIn(page, 'ada@example.com');
  await expect(ui.session).toContainText('Signed in as Ada');
  await ui.addButton('Halden 3-Seat Sofa').click();
  await ui.addButton('Tova Dining Chair').click();
  await expect(ui.plan).toHaveAccessibleName(/, 2 items$/);
  await ui.frame.getByRole('button', { name: 'Walls, doors and windows' }).click();
  const tools = ui.frame.getByRole('group', { name: 'Walls, doors and windows' });
  await tools.getByRole('button', { name: 'Add door' }).click();
  await tools.getByRole('button', { name: 'Add window' }).click();
  await expect(ui.frame.getByRole('list', { name: 'Doors and windows' }).getByRole('listitem')).toHaveCount(
    2,
  );
  await ui.piece('Halden 3-Seat Sofa').click();
  await expect(ui.inspector).toHaveAccessibleName('Selected: Halden 3-Seat Sofa');
  findings.push(
    ...(await scan(page, 'planner, signed in, room tools with a door and a window, a piece selected')),
  );

  const list = ui.frame.locator('planner-shopping-list');
  await list.getByRole('button', { name: /^Shopping list/ }).click();
  await expect(list.getByRole('row').filter({ hasText: 'Tova Dining Chair' })).toBeVisible();
  findings.push(...(await scan(page, 'planner, shopping list open')));

  const name = uniqueName('Axe room');
  await commit(ui.name, name);
  await ui.save.click();
  await expect(ui.saveState).toHaveText('Saved · v1');
  await ui.open.click();
  const row = ui.projectsDialog.getByRole('listitem').filter({ hasText: name });
  await expect(row).toBeVisible();
  findings.push(...(await scan(page, 'planner, projects dialog open')));
  await row.getByRole('button', { name: `Delete ${name}` }).click();
  await expect(row.getByRole('button', { name: 'Keep it' })).toBeFocused();
  findings.push(...(await scan(page, 'planner, projects dialog asking to confirm a delete')));
  await page.keyboard.press('Escape');
  await expect(ui.projectsDialog).toBeHidden();
  await ui.frame.getByRole('button', { name: /^Inbox, / }).click();
  await expect(ui.frame.getByRole('dialog', { name: 'Inbox' })).toBeVisible();
  findings.push(...(await scan(page, 'planner, inbox open')));

  expect(await record(testInfo, findings)).toEqual([]);
});

test('the demo shop’s pages: no serious or critical axe violation on the index and a category page', async ({
  page,
}, testInfo) => {
  const findings: Finding[] = [];
  await openShop(page, /^Visitor$/);
  findings.push(...(await scan(page, 'shop index')));
  await page.goto(`${SHOP}/sofas`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sofas & armchairs');
  findings.push(...(await scan(page, 'shop category page (sofas)')));
  expect(await record(testInfo, findings)).toEqual([]);
});

test('the admin console: no serious or critical axe violation, signed out and in', async ({
  page,
}, testInfo) => {
  const findings: Finding[] = [];
  const platform = url(PORTS.platform);
  await page.goto(`${platform}/admin/`);
  const token = page.getByLabel('Operator token');
  await expect(token).toBeFocused();
  findings.push(...(await scan(page, 'admin console, sign-in')));

  await token.fill(PLANNER_E2E_ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const entity = page.getByLabel('Legal entity');
  await expect(entity).toBeFocused();
  await entity.selectOption({ label: 'Fixture Shop' });
  await expect(page.getByRole('checkbox', { name: 'Reporting service' })).toBeVisible();
  findings.push(...(await scan(page, 'admin console, a legal entity')));

  // A profile needs the back-end services in the subscription.
  const reporting = page.getByRole('checkbox', { name: 'Reporting service' });
  const save = page.getByRole('button', { name: 'Save subscription' });
  await reporting.setChecked(true);
  if (await save.isEnabled()) {
    await save.click();
    await expect(save).toBeDisabled();
  }
  const name = uniqueName('Axe back-end');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('External system').fill('WMS 4.2');
  await page.getByRole('button', { name: 'Create profile' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeFocused();
  findings.push(...(await scan(page, 'admin console, a back-end profile’s details')));

  await page.getByRole('button', { name: 'Generate static token' }).click();
  await expect(page.getByRole('textbox', { name: 'Static token', exact: true })).not.toHaveValue('');
  await page.getByRole('button', { name: 'Generate new static token' }).click();
  await expect(page.getByRole('dialog', { name: 'Replace the static token?' })).toBeVisible();
  findings.push(...(await scan(page, 'admin console, a confirmation dialog')));

  expect(await record(testInfo, findings)).toEqual([]);
});
