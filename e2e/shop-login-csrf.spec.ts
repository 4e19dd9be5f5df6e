import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, logIn, openShop, SHOP } from './support/demo-shop.ts';
import { PORTS, url } from './support/ports.ts';

// Login CSRF: a page of another origin makes the shopper's browser log in to the shop with the
// attacker's account, so whatever the shopper designs next is saved where the attacker reads
// it. The classic vehicle is a text/plain form whose one field spells out a JSON body; a
// script's no-cors fetch is the other request that reaches the shop without a preflight.
// The hostile page lives on another 127.0.0.1 port: a different origin but the same site, so
// SameSite cookies are no help here (the shop's old Lax cookie was set and sent): only the
// Origin check and the JSON content type are.
const EVIL = url(PORTS.stranger);
const attackerLogin = JSON.stringify({ email: 'ben@example.com', password: DEMO_PASSWORD });
const FORGED_FORM = `<!doctype html><form method="post" action="${SHOP}/api/login" enctype="text/plain">
  <input name='${attackerLogin.slice(0, -1)},"x":"' value='"}' />
</form>`;

test('a page of another origin cannot log the shopper in; the shop’s own form still can', async ({
  page,
  context,
}) => {
  await page.goto(`${EVIL}/config.json`);
  await page.setContent(FORGED_FORM);
  expect(await page.evaluate(() => location.origin)).toBe(EVIL);

  // The shop's answer to a script is unreadable anyway (Cross-Origin-Resource-Policy), but the
  // request reaches it: what counts is that it logs nobody in.
  const fetched = page.waitForEvent('requestfailed', (r) => r.url() === `${SHOP}/api/login`);
  await page
    .evaluate(
      ([url, body]) =>
        fetch(url, {
          method: 'POST',
          mode: 'no-cors',
          credentials: 'include',
          body,
          headers: { 'Content-Type': 'text/plain' },
        }),
      [`${SHOP}/api/login`, attackerLogin] as const,
    )
    .catch(() => undefined);
  expect((await fetched).failure()?.errorText).toMatch(/BLOCKED_BY_RESPONSE/);
  expect(await context.cookies(SHOP)).toEqual([]);

  const posted = page.waitForResponse(`${SHOP}/api/login`);
  await page.locator('form').evaluate((form: HTMLFormElement) => form.submit());
  expect((await posted).status()).toBe(403);
  await page.waitForURL(`${SHOP}/api/login`); // the refusal is now the page: nothing else navigates
  await expect(page.locator('body')).toContainText('origin_not_allowed');

  expect(await context.cookies(SHOP)).toEqual([]);
  const ui = await openShop(page, /^Visitor$/);
  await expect(page.getByRole('form', { name: 'Log in' })).toBeVisible();

  // The shop's own page: its JSON POSTs with its own Origin pass, login and logout alike.
  await logIn(page, 'ada@example.com');
  await expect(ui.session).toContainText('Signed in as Ada');
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('form', { name: 'Log in' })).toBeVisible();
  await expect(ui.session).toContainText('Visitor');
});
