import { generateKeyPairSync, sign } from 'node:crypto';
import { expect, type Frame, test } from '@playwright/test';
import { plannerUi } from './support/demo-shop.ts';
import { bridgeEvents, heldToken, plannerFrame, sessionStatus } from './support/planner-frame.ts';
import { PORTS, url } from './support/ports.ts';

const fixtures = url(PORTS.fixtures);
const stranger = url(PORTS.stranger);

/**
 * What a hostile page can make without the platform's private key: a genuine token's claims
 * and key id, with `origins` naming itself, signed with a key of its own (issue 9).
 */
function forge(genuine: string, origins: string[]): string {
  const [header, payload] = genuine
    .split('.')
    .slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode(header)}.${encode({ ...payload, origins })}`;
  const signature = sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

const pinnedOrigin = (frame: Frame) =>
  frame.evaluate(
    () =>
      (globalThis as unknown as { planner: { client: { bridge: { origin?: string } } } }).planner.client
        .bridge.origin ?? null,
  );

test('a page with a forged token naming itself gets nothing; a genuine host then connects', async ({
  page,
  request,
}) => {
  const user = `victim-${Date.now().toString(36)}`;
  // ——— The victim designs on the genuine host: the planner keeps a draft on this device.
  await page.goto(`${fixtures}/sdk-host.html?kind=user&user=${user}`);
  const ui = plannerUi(page);
  await expect.poll(() => plannerFrame(page).then(sessionStatus)).toBe('signed-in');
  await ui.addButton('Halden 3-Seat Sofa').click();
  await expect(ui.plan).toHaveAccessibleName(/, 1 items?$/);

  // ——— A hostile page embeds the planner with a forged token. Where nobody registered it,
  // the browser would not even render the planner (framing.spec.ts); so this one is a page
  // registered by another legal entity (the Stranger Shop), forging the Fixture Shop's user.
  const { access_token } = (await (
    await request.post(`${fixtures}/token?kind=user&user=${user}`)
  ).json()) as {
    access_token: string;
  };
  await page.goto(`${stranger}/forger.html?planner=stranger`);
  await page.evaluate(
    (token) => (window as unknown as { forge(t: string): void }).forge(token),
    forge(access_token, [stranger]),
  );
  const frame = await plannerFrame(page);
  // It posted on a Ready, and the planner refused both messages for their signature.
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { posted: number }).posted))
    .toBeGreaterThan(0);
  await expect
    .poll(
      async () =>
        (await bridgeEvents(frame)).filter((e) => e.type === 'tokenRefused' && e.reason === 'forged').length,
    )
    .toBeGreaterThanOrEqual(2);
  const refused = (await bridgeEvents(frame)).filter((e) => e.type === 'tokenRefused');
  expect(refused.every((e) => e.reason === 'forged' && e.origin === stranger)).toBe(true);
  expect(
    (await bridgeEvents(frame)).filter((e) => e.type === 'tokenAccepted' || e.type === 'connected'),
  ).toEqual([]);

  // No pin, no token, no RPC answer, no draft: the planner still looks for its host.
  expect(await pinnedOrigin(frame)).toBeNull();
  expect(await heldToken(frame)).toBeNull();
  expect(await sessionStatus(frame)).toBe('connecting');
  const readys = await page.evaluate(() => (window as unknown as { readys: number }).readys);
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { readys: number }).readys))
    .toBeGreaterThan(readys);
  expect(await page.evaluate(() => (window as unknown as { answers: unknown[] }).answers)).toEqual([]);
  await expect(ui.plan).toHaveAccessibleName(/, 0 items$/);

  // ——— The genuine host still connects, and the victim's draft is still theirs.
  await page.goto(`${fixtures}/sdk-host.html?kind=user&user=${user}`);
  const genuine = await plannerFrame(page);
  await expect.poll(() => sessionStatus(genuine)).toBe('signed-in');
  expect(await pinnedOrigin(genuine)).toBe(fixtures);
  await expect(ui.plan).toHaveAccessibleName(/, 1 items?$/);
  const snapshot = await page.evaluate(async () => {
    const api = await (
      window as unknown as { embed: { ready: Promise<{ getProject(): Promise<{ items: unknown[] }> }> } }
    ).embed.ready;
    return api.getProject();
  });
  expect(snapshot.items).toHaveLength(1);
});
