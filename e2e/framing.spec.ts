import { type APIRequestContext, expect, type Frame, type Page, test } from '@playwright/test';
import { heldToken, plannerFrame, sessionStatus } from './support/planner-frame.ts';
import { originPattern, PLANNER_E2E_ADMIN_TOKEN, PORTS, url } from './support/ports.ts';

/**
 * Who may frame the planner: the page is served with `frame-ancestors` naming only the
 * registered embed origins of the legal entity its URL names (`?le=`), so Chromium itself
 * refuses to render it anywhere else, and a change of the origins takes effect at run time.
 */

const fixtures = url(PORTS.fixtures);
const stranger = url(PORTS.stranger);
const platform = url(PORTS.platform);
const admin = { Authorization: `Bearer ${PLANNER_E2E_ADMIN_TOKEN}` };

async function fixtureConfig(request: APIRequestContext) {
  return (await (await request.get(`${fixtures}/config.json`)).json()) as {
    plannerUrl: string;
    strangerPlannerUrl: string;
  };
}

/** The document in the host page's planner iframe, whatever it turned out to be. */
async function iframeDocument(page: Page): Promise<Frame> {
  const handle = await page.locator('iframe[title="Room planner"]').elementHandle();
  return (await handle!.contentFrame())!;
}

/** The e2e build's debug handle, set by the planner's script (`<div id="planner">` alone is not it). */
const hasDebugHandle = () =>
  typeof (globalThis as { planner?: { services?: unknown } }).planner?.services === 'object';

/**
 * Waits until the iframe has settled on the planner or on Chromium's error page for a
 * blocked frame, and says which. The planner's own `Ready` reaching the host (raw-host.html
 * logs what it hears from the planner's origin) is the proof that it rendered.
 */
async function framedOutcome(page: Page): Promise<'planner' | 'blocked'> {
  const frame = await iframeDocument(page);
  await expect
    .poll(() => frame.url(), { timeout: 15_000 })
    .toMatch(new RegExp(`^chrome-error:|${originPattern(PORTS.planner).source}`));
  if (frame.url().startsWith('chrome-error:')) return 'blocked';
  await frame.waitForFunction(hasDebugHandle);
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { log: string[] }).log), { timeout: 15_000 })
    .toContain('Ready');
  return 'planner';
}

async function expectBlocked(page: Page): Promise<void> {
  expect(await framedOutcome(page)).toBe('blocked');
  const frame = await iframeDocument(page);
  expect(await frame.evaluate(hasDebugHandle)).toBe(false);
  expect(await frame.locator('#planner').count()).toBe(0);
  // The host heard nothing from the planner: it never ran.
  expect(await page.evaluate(() => (window as unknown as { log: string[] }).log)).not.toContain('Ready');
}

const setStrangerOrigin = async (request: APIRequestContext, legalEntityId: string, registered: boolean) => {
  const path = `${platform}/admin/api/legal-entities/${legalEntityId}/origins`;
  const res = registered
    ? await request.post(path, { headers: admin, data: { origin: stranger } })
    : await request.delete(`${path}/${encodeURIComponent(stranger)}`, { headers: admin });
  return res.status();
};

test.describe('who may frame the planner', () => {
  test('a registered origin renders the planner; an unregistered one gets a frame Chromium refuses', async ({
    page,
    request,
  }) => {
    const { plannerUrl } = await fixtureConfig(request);
    const answer = await request.get(plannerUrl);
    expect(answer.status()).toBe(200);
    const csp = answer.headers()['content-security-policy'] ?? '';
    expect(csp).toMatch(new RegExp(`frame-ancestors ${fixtures}(;|$)`));
    expect(csp).not.toContain('*');

    await page.goto(`${fixtures}/raw-host.html`);
    expect(await framedOutcome(page)).toBe('planner');
    const frame = await plannerFrame(page);
    await expect.poll(() => heldToken(frame)).toBe('legal_entity');

    // The same page, the same planner URL, from an origin the Fixture Shop never registered.
    await page.goto(`${stranger}/raw-host.html`);
    await expectBlocked(page);
  });

  test('a planner URL naming no legal entity, or an unknown one, is not the planner', async ({ request }) => {
    const base = url(PORTS.planner);
    for (const path of ['/', '/index.html', '/?le=00000000-0000-4000-8000-000000000000', '/?le=nobody']) {
      const res = await request.get(`${base}${path}`);
      expect(res.status(), path).toBe(404);
      expect(res.headers()['content-security-policy'], path).toContain("frame-ancestors 'none'");
      expect(await res.text(), path).not.toContain('planner-api');
    }
  });

  test('registering the stranger origin at run time lets it frame the planner; removing it stops that', async ({
    page,
    request,
  }) => {
    const legalEntityId = new URL((await fixtureConfig(request)).plannerUrl).searchParams.get('le')!;
    await page.goto(`${stranger}/raw-host.html`);
    await expectBlocked(page);
    try {
      expect(await setStrangerOrigin(request, legalEntityId, true)).toBe(200);
      // No restart: the planner's server sees the change once its few-second cache lapses.
      await expect(async () => {
        await page.goto(`${stranger}/raw-host.html`);
        expect(await framedOutcome(page)).toBe('planner');
      }).toPass({ timeout: 30_000, intervals: [500] });
      // Tokens issued now name the stranger origin too, so the planner takes one there.
      const frame = await plannerFrame(page);
      await expect.poll(() => heldToken(frame)).toBe('legal_entity');

      expect(await setStrangerOrigin(request, legalEntityId, false)).toBe(200);
      await expect(async () => {
        await page.goto(`${stranger}/raw-host.html`);
        expect(await framedOutcome(page)).toBe('blocked');
      }).toPass({ timeout: 30_000, intervals: [500] });
      await expectBlocked(page);
    } finally {
      // The other specs expect the stranger origin unregistered (404: already removed).
      expect([200, 404]).toContain(await setStrangerOrigin(request, legalEntityId, false));
    }
  });

  test('a planner framed for another legal entity still refuses a token that does not name its host', async ({
    page,
  }) => {
    // The Stranger Shop registered this origin, so its planner renders here; the token comes
    // from the Fixture Shop, whose origins do not include this one.
    await page.goto(`${stranger}/sdk-host.html?kind=user&planner=stranger`);
    const frame = await plannerFrame(page);
    await expect.poll(() => sessionStatus(frame)).toBe('refused');
    expect(await heldToken(frame)).toBeNull();
    await expect(frame.getByText(/not allowed to embed/i).first()).toBeVisible();
  });
});
