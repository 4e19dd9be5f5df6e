import { expect, test } from '@playwright/test';
import { commit, logIn, openShop, PLATFORM, platformAs, uniqueName } from './support/demo-shop.ts';

const OFFLINE = "Offline — changes will be sent when you're back";

// Ada saves a change; the network goes away while the save is on the wire, after the platform
// applied it but before its answer came back (the worst moment: the planner cannot know it was
// applied). The planner holds the save while the browser is offline and sends it again, with
// the same Idempotency-Key, once the network is back: the save completes, applied once.
test('a save cut off by the network completes once it is back, applied once (issue 15)', async ({
  context,
  page,
}) => {
  const name = uniqueName('Offline');
  const ui = await openShop(page, /^Visitor$/);
  await logIn(page, 'ada@example.com');
  await expect(ui.session).toContainText('Signed in as Ada');
  const platform = await platformAs(page);

  await ui.addButton('Halden 3-Seat Sofa').click();
  await commit(ui.name, name);
  await ui.save.click();
  await expect(ui.saveState).toHaveText('Saved · v1');
  const [listed] = await platform.projectsNamed(name);
  const id = listed!.id;
  expect((await platform.project(id)).version).toBe(1);

  // The first PUT of this project reaches the platform; its answer is lost as the network goes.
  const saves: string[] = [];
  let cut = false;
  await context.route(`${PLATFORM}/v1/projects/${id}`, async (route) => {
    const request = route.request();
    if (request.method() !== 'PUT') return route.fallback();
    saves.push(request.headers()['idempotency-key'] ?? '');
    if (cut) return route.fallback();
    cut = true;
    const applied = await route.fetch();
    expect(applied.status()).toBe(200);
    await context.setOffline(true);
    await route.abort('internetdisconnected');
  });

  await ui.addButton('Sund Coffee Table').click();
  await ui.save.click();

  await test.step('offline: the planner says so and the save waits, already applied once', async () => {
    await expect(ui.session).toContainText(OFFLINE);
    await expect(ui.saveState).toHaveText('Saving…');
    expect((await platform.project(id)).version).toBe(2);
    expect(saves).toHaveLength(1);
  });

  await test.step('back online: the save completes with the same key, and nothing is applied twice', async () => {
    await context.setOffline(false);
    await expect(ui.saveState).toHaveText('Saved · v2');
    await expect(ui.session).toContainText('Signed in as Ada');
    await expect(ui.session).not.toContainText('Offline');
    expect(saves.length).toBeGreaterThanOrEqual(2);
    expect(new Set(saves).size).toBe(1);
    const saved = await platform.project(id);
    expect(saved.version).toBe(2);
    expect(saved.items.map((i) => i.catalog_id).sort()).toEqual(['coffee-table', 'sofa-3-seat']);
    await expect(ui.notice(`Saved “${name}”.`)).toBeVisible();
  });
});
