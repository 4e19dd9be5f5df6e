import { expect, test } from '@playwright/test';
import { openShop } from './support/demo-shop.ts';

// The room's walls, doors and windows from the room bar (issue 11), with what the live
// region says after each change.
test('the shopper makes the room L-shaped, sets a wall exactly, adds a door and slides it with the keyboard', async ({
  page,
}) => {
  const ui = await openShop(page, /^Visitor$/);
  const status = ui.frame.getByRole('status').filter({ hasText: /\S/ });
  await ui.frame.getByRole('button', { name: 'Walls, doors and windows' }).click();
  const tools = ui.frame.getByRole('group', { name: 'Walls, doors and windows' });

  await tools.getByRole('combobox', { name: 'Shape' }).selectOption('l-shape');
  await expect(
    status.filter({ hasText: 'The room is now an L-shaped room, 5.00 m by 4.00 m, 15.0 m².' }),
  ).toHaveCount(1);
  await expect(ui.frame.getByRole('button', { name: /^Wall \d, / })).toHaveCount(6);
  await expect(ui.frame.getByText('Floor area 15.0 m²')).toBeVisible();

  // Wall 1 (the top one) exactly 6.25 m: the wall after it follows, so the room grows to 6.25 m wide.
  const length = tools.getByRole('textbox', { name: 'Wall length' });
  await length.fill('6.25');
  await length.press('Enter');
  await expect(ui.plan).toHaveAccessibleName(/^Room plan, 6\.25 m wide and 4\.00 m deep, /);
  await expect(ui.frame.getByRole('button', { name: /^Wall 1, 6\.25 m\./ })).toHaveCount(1);

  // A door in the middle of wall 1, opening into the room.
  await tools.getByRole('button', { name: 'Add door' }).click();
  await expect(status.filter({ hasText: /^Added\. Door, 0\.80 m wide,/ })).toHaveCount(1);
  const door = ui.frame.getByRole('button', { name: 'Door', exact: true });
  await expect(door).toHaveCount(1);
  const doors = ui.frame.getByRole('list', { name: 'Doors and windows' });
  await expect(doors.getByRole('button', { name: 'Opens inwards' })).toBeVisible();

  // The arrow keys slide it along the wall; H moves the hinge, announced.
  await door.focus();
  await page.keyboard.press('Shift+ArrowRight');
  await expect(
    status.filter({ hasText: /Door, 0\.80 m wide, 3\.73 m from the start of wall 1/ }),
  ).toHaveCount(1);
  await page.keyboard.press('h');
  await expect(status.filter({ hasText: /hinged at the end/ })).toHaveCount(1);

  // Undo takes back one step at a time: the hinge, then the slide.
  await page.keyboard.press('Control+z');
  await expect(status.filter({ hasText: 'Undone: Change an opening.' })).toHaveCount(1);
});
