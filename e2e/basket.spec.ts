import { expect, type Page, test } from '@playwright/test';
import { logged, openShop, type PlannerUi, plannerUi, SHOP } from './support/demo-shop.ts';
import { originPattern, PORTS } from './support/ports.ts';

/** The shop's basket section and header count. */
const shopBasket = (page: Page) => {
  const section = page.getByRole('region', { name: 'Your basket' });
  return {
    section,
    count: page.locator('#basket-count'),
    line: (name: string) => section.getByRole('listitem').filter({ hasText: name }),
    total: section.locator('#basket-total'),
  };
};

/** The planner's shopping list under the plan. */
const shoppingList = (ui: PlannerUi) => {
  const list = ui.frame.locator('planner-shopping-list');
  return {
    toggle: list.getByRole('button', { name: /^Shopping list/ }),
    add: list.getByRole('button', { name: 'Add to basket' }),
    row: (name: string) => list.getByRole('row').filter({ hasText: name }),
    total: list.locator('.total'),
    status: list.getByRole('status'),
  };
};

test.describe('from plan to basket', () => {
  test('an empty room becomes a shop basket holding the planned pieces, priced by the shop', async ({
    page,
  }) => {
    const ui = await openShop(page, /^Visitor$/);
    const basket = shopBasket(page);
    const list = shoppingList(ui);

    // ——— An empty room, an empty basket: nothing to add yet.
    await expect(ui.plan).toHaveAccessibleName(/, 0 items$/);
    await expect(basket.count).toHaveText('0');
    await expect(basket.section).toContainText('Nothing in it yet');
    await expect(list.add).toBeDisabled();

    // ——— Plan: a sofa and two chairs.
    await ui.addButton('Halden 3-Seat Sofa').click();
    await ui.addButton('Tova Dining Chair').click();
    await ui.addButton('Tova Dining Chair').click();
    await expect(ui.plan).toHaveAccessibleName(/, 3 items$/);

    // ——— The shopping list: lines by SKU with quantities, subtotals and the total.
    await list.toggle.click();
    await expect(list.row('Halden 3-Seat Sofa')).toContainText(/sofa-3-seat\s*1\s*€899\.00\s*€899\.00/);
    await expect(list.row('Tova Dining Chair')).toContainText(/dining-chair\s*2\s*€119\.00\s*€238\.00/);
    await expect(list.total).toHaveText('€1,137.00');

    // ——— Add to basket: the planner sends the lines; the shop's back-end puts them in the
    // session's basket at its own prices, and the page shows it.
    await list.add.click();
    await expect(list.status).toHaveText('Sent 3 pieces to the shop’s basket.');
    await expect(logged(page, 'in', 'Basket')).toHaveCount(1);
    await expect(basket.count).toHaveText('3');
    await expect(basket.line('Halden 3-Seat Sofa')).toContainText(/× 1\s*€899\.00/);
    await expect(basket.line('Tova Dining Chair')).toContainText(/× 2\s*€238\.00/);
    await expect(basket.total).toHaveText('€1,137.00');

    // The analytics the shop heard: counts and SKUs, nothing about the shopper.
    await expect(logged(page, 'note', 'analytics: design_started')).toHaveCount(1);
    await expect(logged(page, 'note', 'analytics: item_added')).toHaveCount(3);
    await expect(logged(page, 'note', 'analytics: basket_requested')).toContainText(
      '{"lines":2,"quantity":3,"total_cents":113700,"currency":"EUR"}',
    );

    // ——— The basket lives in the shop's session: a reload shows it, from the back-end.
    await page.reload();
    await expect(basket.count).toHaveText('3');
    await expect(basket.total).toHaveText('€1,137.00');
    const answer = await page.request.get(`${SHOP}/api/basket`);
    expect(await answer.json()).toMatchObject({ count: 3, currency: 'EUR', total_cents: 113700 });

    // Removing a line in the shop is the shop's business.
    await basket.line('Tova Dining Chair').getByRole('button', { name: 'Remove' }).click();
    await expect(basket.count).toHaveText('1');
    await expect(basket.total).toHaveText('€899.00');
  });

  test('a piece in a variant: chosen in the inspector, drawn in its colour, in the shop’s basket at the variant’s price', async ({
    page,
  }) => {
    const ui = await openShop(page, /^Visitor$/);
    const basket = shopBasket(page);
    const list = shoppingList(ui);

    // Two chairs; the one placed last is selected, and its panel offers the chair's variants.
    await ui.addButton('Tova Dining Chair').click();
    await ui.addButton('Tova Dining Chair').click();
    await expect(ui.plan).toHaveAccessibleName(/, 2 items$/);
    const variant = ui.inspector.getByLabel('Variant');
    await expect(variant.getByRole('option')).toHaveText([
      'Standard · €119.00',
      'Black · €129.00',
      'Walnut · €149.00',
    ]);
    await variant.selectOption('dining-chair-black');
    await expect(ui.inspector).toContainText('€129.00');

    // Drawn in the variant's colour: the symbol once more, flooded with #2f2f2f, on that piece only.
    const painted = ui.frame.locator('planner-canvas g.item image.paint');
    await expect(painted).toHaveCount(1);
    const filter = await painted.getAttribute('filter');
    expect(filter).toBe('url(#variant2f2f2f)');
    await expect(ui.frame.locator('planner-canvas filter#variant2f2f2f feFlood')).toHaveAttribute(
      'flood-color',
      '#2f2f2f',
    );

    // The shopping list: a line per SKU and variant, each at its own price.
    await list.toggle.click();
    await expect(list.row('Tova Dining Chair, Black')).toContainText(
      /dining-chair · dining-chair-black\s*1\s*€129\.00\s*€129\.00/,
    );
    await expect(list.total).toHaveText('€248.00');

    // Into the shop's basket: the variant's line, priced by the shop at the variant's price.
    await list.add.click();
    await expect(list.status).toHaveText('Sent 2 pieces to the shop’s basket.');
    await expect(basket.count).toHaveText('2');
    await expect(basket.line('Tova Dining Chair, Black')).toContainText(/× 1\s*€129\.00/);
    await expect(basket.total).toHaveText('€248.00');
    const answer = (await (await page.request.get(`${SHOP}/api/basket`)).json()) as {
      lines: { sku: string; variant?: string; unit_cents: number }[];
    };
    expect(answer.lines.map((l) => [l.sku, l.variant, l.unit_cents])).toEqual([
      ['dining-chair', undefined, 11900],
      ['dining-chair', 'dining-chair-black', 12900],
    ]);
  });

  test('a category page of the shop lists its catalog, and “Plan it in your room” places the piece', async ({
    page,
  }) => {
    await page.goto(`${SHOP}/`);
    await page.getByRole('navigation', { name: 'Shop' }).getByRole('link', { name: 'Sofas' }).click();
    await expect(page).toHaveURL(`${SHOP}/sofas`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sofas & armchairs');
    const sofa = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: 'Halden 3-Seat Sofa' }) });
    await expect(sofa).toContainText('€899.00');
    // Its colours (seed migration 009), each with its own SKU, price and swatch.
    const variants = sofa.getByRole('list', { name: 'Colours and materials of the Halden 3-Seat Sofa' });
    await expect(variants.getByRole('listitem')).toHaveText([
      /^Forest green \(colour\)\s*SKU sofa-3-seat-green\s*€929\.00$/,
      /^Ochre \(colour\)\s*SKU sofa-3-seat-ochre\s*€929\.00$/,
    ]);
    await expect(variants.locator('[data-sku="sofa-3-seat-green"] .swatch')).toHaveCSS(
      'background-color',
      'rgb(63, 107, 79)',
    );
    const chair = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: 'Tova Dining Chair' }) });
    await expect(
      chair
        .getByRole('list', { name: 'Colours and materials of the Tova Dining Chair' })
        .getByRole('listitem'),
    ).toHaveText([
      /^Black \(colour\).*€129\.00$/,
      /^Walnut \(material\).*SKU dining-chair-walnut.*€149\.00$/,
    ]);
    await sofa.getByRole('link', { name: 'Plan it in your room: Halden 3-Seat Sofa' }).click();

    const planner = plannerUi(page);
    await expect(planner.session.getByText(/^Visitor$/)).toBeVisible();
    await expect(planner.piece('Halden 3-Seat Sofa')).toBeVisible();
    await expect(planner.plan).toHaveAccessibleName(/, 1 item$/);
    // Placed once: the parameter is gone, so a reload does not place it again.
    await expect(page).not.toHaveURL(/plan=/);

    for (const [link, title] of [
      ['Tables', 'Tables'],
      ['Bedroom', 'Bedroom'],
    ] as const) {
      await page.getByRole('navigation', { name: 'Shop' }).getByRole('link', { name: link }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
      await expect(page.getByRole('link', { name: /^Plan it in your room: .+$/ }).first()).toBeVisible();
    }
  });
});

test.describe('the shop’s brand and language in the planner', () => {
  test('the theme and locale switch reach the planner, and hostile Settings are refused', async ({
    page,
  }) => {
    const ui = await openShop(page, /^Visitor$/);
    const app = ui.frame.locator('planner-app');
    const accent = () => app.evaluate((el) => getComputedStyle(el).getPropertyValue('--pl-accent').trim());

    // The shop's own brand (the default here) came in the handshake.
    await expect.poll(accent).toBe('#2f6f5e');
    await page.getByRole('combobox', { name: 'Theme' }).selectOption({ label: 'Plum (high contrast)' });
    await expect.poll(accent).toBe('rgb(106 27 154)');
    await expect(logged(page, 'out', 'Settings').first()).toContainText('"accent":"rgb(106 27 154)"');

    // German: numbers and prices in the planner and in the shop follow the locale.
    await ui.addButton('Halden 3-Seat Sofa').click();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('de-DE');
    const list = shoppingList(ui);
    await expect(list.total).toHaveText(/^899,00\s€$/);
    await expect(ui.frame.locator('html')).toHaveAttribute('lang', 'de');
    // The planner speaks German now too (e2e/i18n.spec.ts checks that in depth).
    await ui.frame.locator('planner-shopping-list').getByRole('button', { name: 'In den Warenkorb' }).click();
    await expect(shopBasket(page).total).toHaveText(/^899,00\s€$/);

    // A page posting CSS through the boundary gets nothing applied: the message is refused whole.
    const frame = page.frame({ url: originPattern(PORTS.planner) })!;
    const plannerOrigin = new URL(frame.url()).origin;
    await page.evaluate((origin) => {
      const iframe = document.querySelector<HTMLIFrameElement>('iframe[title="Room planner"]')!;
      for (const theme of [
        { accent: 'red;}body{display:none' },
        { accent: '#000', background: 'url(https://evil.example/x.png)' },
        { font: 'Arial;}*{visibility:hidden' },
      ]) {
        iframe.contentWindow!.postMessage({ ns: 'planner', v: 1, type: 'Settings', theme }, origin);
      }
      iframe.contentWindow!.postMessage(
        { ns: 'planner', v: 1, type: 'Settings', theme: { radius: 2 } },
        origin,
      );
    }, plannerOrigin);
    // The valid one after them was applied, so the hostile ones had their chance first.
    await expect
      .poll(() => app.evaluate((el) => getComputedStyle(el).getPropertyValue('--pl-radius').trim()))
      .toBe('2px');
    expect(await accent()).toBe('rgb(106 27 154)');
    await expect(app).toBeVisible();
  });

  test('the login prompt says why the planner asked: open or save', async ({ page }) => {
    const ui = await openShop(page, /^Visitor$/);
    const hint = page.getByRole('form', { name: 'Log in' }).getByRole('status');
    await ui.open.click();
    await expect(hint).toHaveText('Log in to open the rooms you saved.');
    await ui.save.click();
    await expect(hint).toHaveText('Log in to save your room to your account.');
  });
});
