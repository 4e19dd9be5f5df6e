import { expect, test } from '@playwright/test';
import { logged, messages, openShop } from './support/demo-shop.ts';

test.describe('the demo shop’s developer panel', () => {
  test('logs the planner’s Ready once per load, even while the shop’s back-end takes its time for the token', async ({
    page,
  }) => {
    // Every Ready the planner posts, as the shop page receives it.
    await page.addInitScript(() => {
      const readys: string[] = [];
      Object.assign(window, { readys });
      window.addEventListener('message', (e) => {
        if (e.data?.ns === 'planner' && e.data.type === 'Ready') readys.push(String(e.data.instance));
      });
    });
    // A slow token round trip (shop back-end → platform): it used to see Ready ×3 here, one
    // load's Ready repeated on the planner's back-off while the SDK fetched the token.
    await page.route('**/api/planner-token', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 700));
      await route.continue();
    });
    await openShop(page, /^Visitor$/);
    await expect(logged(page, 'in', 'Connected')).toHaveCount(1);
    const ready = logged(page, 'in', 'Ready');
    await expect(ready).toHaveCount(1);
    await expect(ready.locator('.count')).toHaveText('');
    const readys = await page.evaluate(() => (window as unknown as { readys: string[] }).readys);
    expect(readys).toHaveLength(1);
    await expect(ready).toContainText(`"instance":"${readys[0]}"`);
    await expect(logged(page, 'out', 'Authentication')).toHaveCount(1);
  });

  test('spells each event once, collapses Resize runs, and filters by type', async ({ page }) => {
    const ui = await openShop(page, /^Visitor$/);
    await ui.addButton('Halden 3-Seat Sofa').click();
    await expect(logged(page, 'in', 'Connected')).toHaveCount(1);
    const log = await messages(page);
    // The events port's `ready` is `Connected`, never a second spelling of `Ready`.
    expect(log.filter((m) => /:ready$/i.test(m))).toEqual(['in:Ready']);
    // No two Resize rows in a row: a run is one row showing the latest height.
    expect(log.filter((m, i) => m === 'in:Resize' && log[i - 1] === 'in:Resize')).toEqual([]);
    await page.locator('#log-filter').selectOption('Ready');
    await expect(page.locator('#message-log li:visible')).toHaveCount(1);
    await expect(page.locator('#message-log li:visible')).toHaveAttribute('data-type', 'Ready');
    await page.locator('#log-filter').selectOption('');
    await expect
      .poll(() => page.locator('#message-log li:visible').count())
      .toBeGreaterThanOrEqual(log.length);
  });
});
