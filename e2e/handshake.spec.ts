import { expect, test } from '@playwright/test';
import {
  bridgeEvents,
  heldToken,
  heldTokenState,
  plannerFrame,
  sessionStatus,
} from './support/planner-frame.ts';
import { originPattern, PORTS, url } from './support/ports.ts';

const fixtures = url(PORTS.fixtures);
type Trace = { i: number; direction: 'in' | 'out'; type: string; reason?: string }[];

test.describe('the iframe handshake', () => {
  test('an SDK host hands over a token, then calls the planner over RPC', async ({ page }) => {
    await page.goto(`${fixtures}/sdk-host.html?kind=user&user=handshake-user`);
    const frame = await plannerFrame(page);
    await expect.poll(() => heldToken(frame)).toBe('user');
    const snapshot = await page.evaluate(async () => {
      const api = await (
        window as unknown as { embed: { ready: Promise<{ getProject(): Promise<unknown> }> } }
      ).embed.ready;
      return api.getProject();
    });
    expect(snapshot).toMatchObject({ id: null, room: { width_cm: expect.any(Number) } });
    const trace = (await page.evaluate(() => (window as unknown as { trace: Trace }).trace)).map(
      (t) => `${t.direction}:${t.type}`,
    );
    expect(trace).toContain('in:Ready');
    expect(trace).toContain('out:Login');
    expect(trace).toContain('out:Connect');
    await expect.poll(() => sessionStatus(frame)).toBe('signed-in');
  });

  test('a host whose script attaches late still connects', async ({ page }) => {
    await page.goto(`${fixtures}/late-host.html?delay=3000`);
    const frame = await plannerFrame(page);
    expect(await heldToken(frame)).toBeNull();
    await page.waitForFunction(() => (window as unknown as { attached?: boolean }).attached === true);
    await expect.poll(() => heldToken(frame), { timeout: 15_000 }).toBe('legal_entity');
    await expect.poll(() => sessionStatus(frame)).toBe('visitor');
  });

  test('a host without the SDK completes the whole flow, TokenExpired included', async ({ page }) => {
    // Every token the raw host hands over lives 4 s, whichever Ready or TokenExpired it answers.
    await page.goto(`${fixtures}/raw-host.html?lifetime=4`);
    const frame = await plannerFrame(page);
    await expect.poll(() => heldToken(frame)).toBe('legal_entity');
    // Wait until the held token is past use (however long a loaded machine takes), then make a
    // call: it is held, TokenExpired goes out, the raw host answers with a new Authentication,
    // and the call succeeds.
    await expect.poll(() => heldTokenState(frame), { timeout: 20_000 }).toBe('expired');
    const items = await frame.evaluate(async () => {
      const p = (
        globalThis as unknown as {
          planner: { client: { services: { getCatalog(): Promise<{ items: unknown[] }> } } };
        }
      ).planner;
      return (await p.client.services.getCatalog()).items.length;
    });
    expect(items).toBeGreaterThanOrEqual(30);
    const log = await page.evaluate(() => (window as unknown as { log: string[] }).log);
    expect(log).toContain('Ready');
    expect(log).toContain('TokenExpired');
  });

  test('a valid token posted by a foreign frame is ignored', async ({ page, request }) => {
    await page.goto(`${fixtures}/raw-host.html?silent=1&attacker=1`);
    const frame = await plannerFrame(page);
    const inAdvert = originPattern(PORTS.stranger, 'attacker.html');
    await expect.poll(() => page.frame({ url: inAdvert })?.url() ?? null).toMatch(inAdvert);
    const { access_token } = (await (
      await request.post(`${fixtures}/token?kind=user&user=victim`)
    ).json()) as {
      access_token: string;
    };
    await page.frame({ url: inAdvert })!.evaluate((token) => {
      (window as unknown as { attack(t: string): void }).attack(token);
    }, access_token);
    // Positive control: both messages reached the planner, and its bridge ignored them as
    // coming from a frame that is not its embedder.
    await expect
      .poll(
        async () =>
          (await bridgeEvents(frame)).filter(
            (e) => e.type === 'ignored' && e.reason === 'wrong_source' && e.origin === url(PORTS.stranger),
          ).length,
      )
      .toBe(2);
    expect((await bridgeEvents(frame)).filter((e) => e.type.startsWith('token'))).toEqual([]);
    expect(await heldToken(frame)).toBeNull();
    expect(await sessionStatus(frame)).toBe('connecting');
  });

  test('logout drops the user token and the planner goes on as a visitor', async ({ page }) => {
    await page.goto(`${fixtures}/sdk-host.html?kind=user&user=leaving-user`);
    const frame = await plannerFrame(page);
    await expect.poll(() => heldToken(frame)).toBe('user');
    // The shop logs the user out: its provider now hands out legal-entity tokens.
    await page.evaluate(async () => {
      history.replaceState(null, '', '?kind=legal_entity');
      await (window as unknown as { embed: { logout(): Promise<void> } }).embed.logout();
    });
    await expect.poll(() => heldToken(frame)).toBe('legal_entity');
    await expect.poll(() => sessionStatus(frame)).toBe('visitor');
    const trace = (await page.evaluate(() => (window as unknown as { trace: Trace }).trace)).map(
      (t) => t.type,
    );
    expect(trace.indexOf('Logout')).toBeGreaterThan(trace.indexOf('Login'));
    expect(trace.lastIndexOf('Authentication')).toBeGreaterThan(trace.indexOf('Logout'));
  });

  test('a failing token provider surfaces an error on both sides', async ({ page }) => {
    await page.goto(`${fixtures}/sdk-host.html?fail=1`);
    const frame = await plannerFrame(page);
    await expect
      .poll(
        async () =>
          (
            await page.evaluate(
              () => (window as unknown as { events: { name: string; detail: { code?: string } }[] }).events,
            )
          ).find((e) => e.name === 'error')?.detail.code,
        { timeout: 20_000 },
      )
      .toMatch(/TOKEN_PROVIDER/);
    await expect.poll(() => sessionStatus(frame), { timeout: 20_000 }).toBe('renew-failed');
    await expect(frame.getByText(/could not be renewed|retry/i).first()).toBeVisible();
  });

  test('two planners on one page stay separate', async ({ page }) => {
    await page.goto(`${fixtures}/sdk-host.html?kind=legal_entity&count=2`);
    const first = await plannerFrame(page, 0);
    const second = await plannerFrame(page, 1);
    await expect.poll(() => heldToken(first)).toBe('legal_entity');
    await expect.poll(() => heldToken(second)).toBe('user');
    const trace = await page.evaluate(() => (window as unknown as { trace: Trace }).trace);
    expect(trace.filter((t) => t.i === 0 && t.type === 'Login')).toHaveLength(0);
    expect(trace.filter((t) => t.i === 1 && t.type === 'Authentication')).toHaveLength(0);
  });
});
