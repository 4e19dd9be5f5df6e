import { expect, test } from '@playwright/test';
import { heldToken, heldTokenState, plannerFrame } from './support/planner-frame.ts';
import { PORTS, url } from './support/ports.ts';

const fixtures = url(PORTS.fixtures);
const CALLS = 200;

test('expiry under load: one TokenExpired, every call applied exactly once', async ({ page, request }) => {
  const user = `load-${Date.now()}`;
  // The first token lives 4 seconds; the one that answers TokenExpired, the shop's default.
  await page.goto(`${fixtures}/sdk-host.html?kind=user&user=${user}&lifetime=4&once=1`);
  const frame = await plannerFrame(page);
  await expect.poll(() => heldToken(frame)).toBe('user');
  // Until the planner itself holds the token as expired (not a fixed wait: on a loaded machine
  // the token can arrive late, and its clock is the platform's, read from each answer's Date).
  await expect.poll(() => heldTokenState(frame), { timeout: 20_000 }).toBe('expired');
  const before = await page.evaluate(() => (window as unknown as { trace: { type: string }[] }).trace.length);

  const outcome = await frame.evaluate(async (calls) => {
    const { services } = (
      globalThis as unknown as {
        planner: {
          client: {
            services: {
              createProject(
                input: unknown,
                o?: { idempotencyKey?: string },
              ): Promise<{ project: { id: string } }>;
            };
          };
        };
      }
    ).planner.client;
    const room = { width_cm: 400, depth_cm: 300, unit: 'cm' };
    const settled = await Promise.allSettled(
      Array.from({ length: calls }, (_, i) => services.createProject({ name: `load ${i}`, room, items: [] })),
    );
    return {
      ok: settled.filter((s) => s.status === 'fulfilled').length,
      errors: settled.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : [])).slice(0, 3),
    };
  }, CALLS);
  expect(outcome.errors).toEqual([]);
  expect(outcome.ok).toBe(CALLS);

  const trace = (
    await page.evaluate(() => (window as unknown as { trace: { direction: string; type: string }[] }).trace)
  ).slice(before);
  expect(trace.filter((t) => t.direction === 'in' && t.type === 'TokenExpired')).toHaveLength(1);

  // Verified on the platform, with a token of the same user: each call applied once.
  const { access_token } = (await (
    await request.post(`${fixtures}/token?kind=user&user=${user}&scope=read`)
  ).json()) as {
    access_token: string;
  };
  const list = (await (
    await request.get(`${url(PORTS.platform)}/v1/projects`, {
      headers: { Authorization: `Bearer ${access_token}` },
    })
  ).json()) as { projects: { name: string }[] };
  const names = list.projects.map((p) => p.name).filter((n) => n.startsWith('load '));
  expect(names).toHaveLength(CALLS);
  expect(new Set(names).size).toBe(CALLS);
});
