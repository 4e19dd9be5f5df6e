import { expect, type Page, test } from '@playwright/test';
import { plannerUi, SHOP } from './support/demo-shop.ts';

/**
 * The planner speaks the shop's language and wears its brand (issue 12): the demo shop's
 * language and theme switch (developer panel, kept in localStorage) go to the planner in its
 * handshake, and the planner loads that language's strings, formats numbers, prices and
 * lengths for the locale, and measures a fresh room in the locale's units.
 */
async function openShopIn(page: Page, locale: string, theme: string) {
  await page.addInitScript(
    ([l, t]) => {
      localStorage.setItem('shop-locale', l!);
      localStorage.setItem('shop-theme', t!);
    },
    [locale, theme],
  );
  await page.goto(`${SHOP}/`);
  return plannerUi(page);
}

test.describe('the planner in the shop’s language and brand', () => {
  test('a German shop opens a German, themed planner: metres with German numbers', async ({ page }) => {
    const { frame } = await openShopIn(page, 'de-DE', 'plum');
    const header = frame.getByRole('banner');
    const save = header.getByRole('button', { name: 'Speichern', exact: true });

    // German strings, in the header, the session chip, the catalog and the plan.
    await expect(header.locator('planner-session-status').getByText(/^Besucher$/)).toBeVisible();
    await expect(save).toBeVisible();
    await expect(header.getByRole('button', { name: 'Öffnen', exact: true })).toBeVisible();
    await expect(frame.getByRole('heading', { name: 'Möbel', exact: true })).toBeVisible();
    await expect(frame.getByRole('textbox', { name: 'Breite' })).toBeVisible();
    await expect(frame.locator('html')).toHaveAttribute('lang', 'de');
    // A project nobody named is called so in the shopper's language (stored language-neutral).
    await expect(header.getByRole('textbox', { name: 'Projektname' })).toHaveValue('Unbenannter Raum');

    // The shop's theme: the primary button in its accent colour, the corners its radius.
    await expect(save).toHaveCSS('background-color', 'rgb(106, 27, 154)');

    // Metric units with German numbers: the floor area, then a sofa's size and price.
    await expect(frame.getByText(/^Grundfläche 20,0\sm²$/)).toBeVisible();
    const add = frame.getByRole('button', { name: 'Zum Raum hinzufügen: Halden 3-Seat Sofa' });
    await expect(add).toBeEnabled();
    await add.click();
    const inspector = frame.getByRole('region', { name: 'Ausgewählt: Halden 3-Seat Sofa' });
    await expect(inspector).toContainText(/2,28 m × 0,95 m · 899,00\s€/);
    await expect(frame.getByText('1 Möbelstück', { exact: true })).toBeVisible();

    // The switch works live: French, without reloading the planner (the sofa is still there).
    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr-FR');
    await expect(header.getByRole('button', { name: 'Enregistrer', exact: true })).toBeVisible();
    await expect(frame.getByText(/^Surface au sol 20,0\sm²$/)).toBeVisible();
    await expect(frame.getByText('1 meuble', { exact: true })).toBeVisible();
    await expect(header.getByRole('textbox', { name: 'Nom du projet' })).toHaveValue('Pièce sans titre');
  });

  test('a shop in English (US) gets a fresh room in feet and square feet', async ({ page }) => {
    const { frame } = await openShopIn(page, 'en-US', 'nordhem');
    await expect(frame.getByText(/^Floor area 215 ft²$/)).toBeVisible();
    await expect(frame.getByRole('radio', { name: 'Feet and inches' })).toBeChecked();
    await expect(frame.getByRole('button', { name: 'Save', exact: true })).toHaveCSS(
      'background-color',
      'rgb(47, 111, 94)',
    );
  });
});
