import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { PLANNER_E2E_ADMIN_TOKEN, PORTS, url } from './support/ports.ts';

// The Back-ends admin page (seed 000), end to end: the operator console served by the
// platform, its admin API, and the back-end tokens it hands out, used over plain HTTP.
const platform = url(PORTS.platform);

test('an operator sets up a back-end in the console; its tokens stop on deactivation, rotation, disabling and deletion', async ({
  page,
  request,
}) => {
  await page.goto(`${platform}/admin/`);

  // A wrong operator token is refused, clearly, and the field is ready for another try.
  const token = page.getByLabel('Operator token');
  await expect(token).toBeFocused();
  await token.fill('adm_not-the-operator-token-0123456789abcdef');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('The operator token was refused');
  await expect(page.getByLabel('Legal entity')).toHaveCount(0);

  await token.fill(PLANNER_E2E_ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const entity = page.getByLabel('Legal entity');
  await expect(entity).toBeFocused();
  await entity.selectOption({ label: 'Fixture Shop' });

  // Without back-end services, a profile cannot be created: the console says why.
  await setServices(page, { reporting: false, messagebox: false });
  const name = `Warehouse ${Date.now()}`;
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('External system').fill('WMS 4.2');
  await page.getByRole('button', { name: 'Create profile' }).click();
  await expect(page.getByRole('alert')).toContainText('This subscription has no back-end services');

  await setServices(page, { reporting: true, messagebox: true });
  await page.getByRole('button', { name: 'Create profile' }).click();

  // The new profile opens on its details page, with its access key.
  await expect(page.getByRole('heading', { level: 1, name })).toBeFocused();
  const accessKey = await page.getByRole('textbox', { name: 'Access key', exact: true }).inputValue();
  expect(accessKey).not.toBe('');

  // The external system: a standard token for the access key, then a subscribed service.
  const issued = await request.post(`${platform}/v1/backend/tokens`, { data: { access_key: accessKey } });
  expect(issued.status()).toBe(200);
  const standard = (await issued.json()) as { access_token: string; expires_in: number; scope: string };
  expect(standard.expires_in).toBe(3600);
  expect(standard.scope.split(' ').sort()).toEqual(['messagebox', 'reporting']);
  expect((await usage(request, standard.access_token)).status()).toBe(200);

  // A static token: shown once, with the warning to copy it now; it works at once.
  await page.getByRole('button', { name: 'Generate static token' }).click();
  await expect(page.getByRole('alert')).toContainText('Copy it now');
  const staticField = page.getByRole('textbox', { name: 'Static token', exact: true });
  const first = await staticField.inputValue();
  expect(first).not.toBe('');
  expect((await usage(request, first)).status()).toBe(200);

  // Generating again replaces it, after a confirmation that defaults to Cancel.
  await page.getByRole('button', { name: 'Generate new static token' }).click();
  const replace = page.getByRole('dialog', { name: 'Replace the static token?' });
  await expect(replace.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(replace).toBeHidden();
  await expect(staticField).toHaveValue(first);
  await page.getByRole('button', { name: 'Generate new static token' }).click();
  await replace.getByRole('button', { name: 'Replace static token' }).click();
  await expect(staticField).not.toHaveValue(first);
  const second = await staticField.inputValue();
  await expectRefused(request, first);
  expect((await usage(request, second)).status()).toBe(200);

  // Deactivation (confirmed): the next request with it is refused.
  await page.getByRole('button', { name: 'Deactivate static token' }).click();
  await page
    .getByRole('dialog', { name: 'Deactivate the static token?' })
    .getByRole('button', { name: 'Deactivate' })
    .click();
  await expect(
    page.getByRole('status').filter({ hasText: 'The static token is deactivated.' }),
  ).toBeVisible();
  await expect(staticField).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Deactivate static token' })).toBeDisabled();
  await expectRefused(request, second);
  // The standard token is not a static token: it keeps working.
  expect((await usage(request, standard.access_token)).status()).toBe(200);

  // Rotating the access key (confirmed, the old key refused at once): the page shows the new
  // key; the old key gets no token, and the standard token it obtained is refused.
  const accessKeyField = page.getByRole('textbox', { name: 'Access key', exact: true });
  await page.getByLabel('Previous key after rotation').selectOption({ label: 'Refuse it at once' });
  await page.getByRole('button', { name: 'Rotate access key' }).click();
  const rotate = page.getByRole('dialog', { name: 'Rotate the access key?' });
  await expect(rotate.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await rotate.getByRole('button', { name: 'Rotate access key' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'give it to the external system now' }),
  ).toBeVisible();
  await expect(accessKeyField).not.toHaveValue(accessKey);
  const newKey = await accessKeyField.inputValue();
  const oldKey = await request.post(`${platform}/v1/backend/tokens`, { data: { access_key: accessKey } });
  expect(oldKey.status()).toBe(401);
  expect(((await oldKey.json()) as { error: string }).error).toBe('invalid_client');
  await expectRefused(request, standard.access_token);
  const fresh = await standardTokenFor(request, newKey);
  expect((await usage(request, fresh)).status()).toBe(200);

  // Disabling the profile (confirmed): its standard and static tokens are refused, and its
  // key gets no token, until it is enabled again.
  await page.getByRole('button', { name: 'Generate static token' }).click();
  const third = await staticField.inputValue();
  expect((await usage(request, third)).status()).toBe(200);
  await page.getByRole('button', { name: 'Disable profile' }).click();
  const disable = page.getByRole('dialog', { name: 'Disable this back-end profile?' });
  await expect(disable.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await disable.getByRole('button', { name: 'Disable profile' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The profile is disabled.' })).toBeVisible();
  await expectRefused(request, fresh);
  await expectRefused(request, third);
  const whileDisabled = await request.post(`${platform}/v1/backend/tokens`, { data: { access_key: newKey } });
  expect(whileDisabled.status()).toBe(401);

  // Back on the list, the profile shows it is disabled; a reload keeps the session (this tab).
  await page.getByRole('button', { name: '← Back-end profiles' }).click();
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('Disabled');
  await row.getByRole('button', { name }).click();
  await page.getByRole('button', { name: 'Enable profile' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The profile is enabled again.' })).toBeVisible();
  expect((await usage(request, fresh)).status()).toBe(200);
  await page.getByRole('button', { name: '← Back-end profiles' }).click();
  await expect(row).toContainText('Active');

  // Deleting it (confirmed) ends it for good: back on the list, gone, and its tokens refused.
  await row.getByRole('button', { name }).click();
  await page.getByRole('button', { name: 'Delete profile' }).click();
  await page
    .getByRole('dialog', { name: 'Delete this back-end profile?' })
    .getByRole('button', { name: 'Delete profile' })
    .click();
  await expect(page.getByLabel('Legal entity')).toBeVisible();
  await expect(row).toHaveCount(0);
  await expectRefused(request, fresh);
  await expectRefused(request, third);
  await page.reload();
  await expect(page.getByLabel('Legal entity')).toBeVisible();

  // Signing out forgets the token.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByLabel('Operator token')).toBeVisible();
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
});

async function setServices(page: Page, wanted: { reporting: boolean; messagebox: boolean }): Promise<void> {
  const reporting = page.getByRole('checkbox', { name: 'Reporting service' });
  const messagebox = page.getByRole('checkbox', { name: 'Messagebox service' });
  await reporting.setChecked(wanted.reporting);
  await messagebox.setChecked(wanted.messagebox);
  const save = page.getByRole('button', { name: 'Save subscription' });
  // Already as wanted (a reused stack keeps the previous run's subscription): nothing to save.
  if (await save.isDisabled()) return;
  await save.click();
  await expect(page.getByRole('status').filter({ hasText: 'Subscription saved' })).toBeVisible();
  await expect(save).toBeDisabled();
}

async function standardTokenFor(request: APIRequestContext, accessKey: string): Promise<string> {
  const res = await request.post(`${platform}/v1/backend/tokens`, { data: { access_key: accessKey } });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

function usage(request: APIRequestContext, bearer: string) {
  return request.get(`${platform}/v1/reporting/usage`, { headers: { Authorization: `Bearer ${bearer}` } });
}

async function expectRefused(request: APIRequestContext, bearer: string): Promise<void> {
  const res = await usage(request, bearer);
  expect(res.status()).toBe(401);
  expect(res.headers()['www-authenticate']).toContain('error="invalid_token"');
  expect(((await res.json()) as { error: string }).error).toBe('invalid_token');
}
