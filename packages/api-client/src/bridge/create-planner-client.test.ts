import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, ok } from '../testing/fake-fetch.ts';
import { fakeToken } from '../testing/fake-jwt.ts';
import { FakeWindow } from '../testing/fake-window.ts';
import { createPlannerClient, type PlannerClient } from './create-planner-client.ts';

const msg = (type: string, body: Record<string, unknown> = {}) => ({ ns: 'planner', v: 1, type, ...body });

let win: FakeWindow;
let client: PlannerClient;
let net: ReturnType<typeof fakeFetch>;

beforeEach(() => {
  vi.useFakeTimers();
  win = new FakeWindow();
  net = fakeFetch((r) => ok({ items: [], categories: [], url: r.url }));
  client = createPlannerClient({
    baseUrl: 'https://api.example',
    plannerVersion: '1.0.0',
    window: win,
    fetch: net.fetch,
    // Signatures are bridge.verify.test.ts's subject; these tests are about the wiring.
    verifyToken: async () => 'genuine',
    queue: { visibility: null },
  });
});

afterEach(() => {
  client.destroy();
  vi.useRealTimers();
});

describe('createPlannerClient', () => {
  it('holds calls until the host hands over a token, asks for a new one on expiry, and replays', async () => {
    const catalog = client.services.getCatalog();
    expect(net.requests).toHaveLength(0);
    const t1 = fakeToken({}, { lifetimeSeconds: 300 });
    win.deliver(msg('Authentication', { token: t1 }));
    await catalog;
    expect(net.requests[0]!.token).toBe(t1);

    vi.advanceTimersByTime(280_000);
    const again = client.services.listProjects();
    expect(win.parent.sent('TokenExpired')).toEqual([
      {
        message: msg('TokenExpired', { reason: 'expired', kind: 'legal_entity' }),
        targetOrigin: 'https://shop.example',
      },
    ]);
    const t2 = fakeToken();
    win.deliver(msg('Authentication', { token: t2 }));
    await again;
    expect(net.requests.map((r) => r.token)).toEqual([t1, t2]);
  });

  it('tells the host when the refresh times out, and fails held calls at once on token_unavailable', async () => {
    win.deliver(msg('Login', { token: fakeToken({ kind: 'user' }) }));
    await client.bridge.idle();
    vi.advanceTimersByTime(280_000);
    const timedOut = client.services.listProjects().catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(await timedOut).toMatchObject({ code: 'REFRESH_TIMEOUT' });
    expect(win.parent.sent('Error')).toEqual([
      {
        message: msg('Error', { code: 'refresh_failed', message: expect.any(String) }),
        targetOrigin: 'https://shop.example',
      },
    ]);

    const unavailable = client.services.listProjects().catch((e: unknown) => e);
    win.deliver(msg('Error', { code: 'token_unavailable', message: 'The shop is down.' }));
    expect(await unavailable).toMatchObject({ code: 'TOKEN_UNAVAILABLE' });
    expect(client.queue.size).toBe(0);
  });

  it('rejects held calls on Logout and serves new ones with the next Authentication', async () => {
    win.deliver(msg('Login', { token: fakeToken({ kind: 'user' }) }));
    await client.bridge.idle();
    vi.advanceTimersByTime(280_000);
    const held = client.services.listProjects().catch((e: unknown) => e);
    win.deliver(msg('Logout'));
    expect(await held).toMatchObject({ code: 'LOGGED_OUT' });
    const next = client.services.getCatalog();
    win.deliver(msg('Authentication', { token: fakeToken() }));
    await expect(next).resolves.toBeDefined();
  });
});
