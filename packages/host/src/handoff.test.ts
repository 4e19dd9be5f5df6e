/**
 * What the retailer gets from the planner beyond tokens (issue 12): the theme and locale it
 * sends in the handshake, and the `basket` and `analytics` events it hears.
 */
import {
  type AnalyticsMessage,
  type BasketMessage,
  type HostToPlannerMessage,
  message,
  type PlannerToHostMessage,
  type ReadyMessage,
} from '@planner/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ConnectOptions, connect, type PlannerConnection } from './connect.ts';
import { embedPlanner } from './embed.ts';
import type { Messenger } from './messenger.ts';
import { installFakeDom, jwt, settle } from './testing/fakeDom.ts';

const ready = (instance = 'a') => message<ReadyMessage>('Ready', { planner: '0.1.0', instance });
const theme = { accent: '#8a2be2', radius: 4, font: '"Brand Sans", sans-serif' };

let connections: PlannerConnection[] = [];
afterEach(() => {
  for (const connection of connections) connection.destroy();
  connections = [];
  vi.unstubAllGlobals();
});

function start(options: Partial<ConnectOptions> = {}) {
  const sent: HostToPlannerMessage[] = [];
  let ports: MessagePort[] = [];
  let handler: ((message: PlannerToHostMessage) => void) | undefined;
  const messenger: Messenger = {
    send: (m, transfer) => {
      sent.push(m);
      if (transfer) ports = transfer as MessagePort[];
    },
    listen: (listener) => {
      handler = listener;
      return () => {};
    },
  };
  const connection = connect(messenger, { token: async () => jwt('legal_entity'), ...options });
  connections.push(connection);
  return { connection, sent, events: () => ports[1]!, receive: (m: PlannerToHostMessage) => handler?.(m) };
}

describe('theme and locale in the handshake', () => {
  it('sends Settings after the first token, before Connect, and again to a reloaded planner', async () => {
    const planner = start({ theme, locale: 'de-CH' });
    planner.receive(ready('a'));
    await planner.connection.ready;
    expect(planner.sent.map((m) => m.type)).toEqual(['Authentication', 'Settings', 'Connect']);
    expect(planner.sent[1]).toEqual({ ns: 'planner', v: 1, type: 'Settings', theme, locale: 'de-CH' });

    planner.receive(ready('b')); // reloaded
    await vi.waitFor(() => expect(planner.sent.filter((m) => m.type === 'Settings')).toHaveLength(2));
  });

  it('sends no Settings when the host has none', async () => {
    const planner = start();
    planner.receive(ready());
    await planner.connection.ready;
    expect(planner.sent.map((m) => m.type)).toEqual(['Authentication', 'Connect']);
  });

  it('configure() sends what changed, keeps the rest for the next handshake, and refuses hostile values', async () => {
    const planner = start({ theme });
    planner.receive(ready('a'));
    await planner.connection.ready;
    await planner.connection.configure({ locale: 'fr' });
    expect(planner.sent.at(-1)).toEqual({ ns: 'planner', v: 1, type: 'Settings', theme, locale: 'fr' });

    const count = planner.sent.length;
    await expect(
      planner.connection.configure({ theme: { accent: 'red;}body{display:none' } }),
    ).rejects.toMatchObject({
      code: 'INVALID_OPTIONS',
    });
    await expect(planner.connection.configure({ locale: 'de_DE' })).rejects.toMatchObject({
      code: 'INVALID_OPTIONS',
    });
    await settle();
    expect(planner.sent).toHaveLength(count);
  });

  it.each([
    ['a colour that ends the declaration', { theme: { accent: 'red;}body{background:red' } }],
    ['a url() background', { theme: { background: 'url(https://evil.example/x.png)' } }],
    ['a token outside the allow-list', { theme: { 'box-shadow': '#000' } as never }],
    ['a radius as CSS text', { theme: { radius: '4px' } as never }],
    ['a locale that is no BCP 47 tag', { locale: 'en_US' }],
  ])('embedPlanner throws INVALID_OPTIONS for %s', (_, options) => {
    const dom = installFakeDom();
    expect(() =>
      embedPlanner({
        url: 'https://planner.example/',
        container: { append: vi.fn() } as unknown as Element,
        token: async () => '',
        ...options,
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
    expect(dom.listeners.size).toBe(0);
  });
});

describe('basket and analytics events', () => {
  const basket = message<BasketMessage>('Basket', {
    currency: 'EUR',
    lines: [
      { sku: 'sofa-3-seat', name: 'Halden 3-Seat Sofa', quantity: 2, unit_cents: 100, subtotal_cents: 200 },
    ],
    total_cents: 200,
  });

  it('reports a Basket as a typed basket event, also once the events port has spoken', async () => {
    const planner = start();
    planner.receive(ready());
    await planner.connection.ready;
    const seen = vi.fn();
    const spoke = vi.fn();
    planner.connection.on('basket', ({ detail }) => seen(detail));
    planner.connection.on('ready', spoke);
    planner.events().postMessage({ type: 'ready' });
    await vi.waitFor(() => expect(spoke).toHaveBeenCalled());
    planner.receive(basket);
    expect(seen).toHaveBeenCalledWith({ currency: 'EUR', lines: basket.lines, total_cents: 200 });
  });

  it('reports Analytics with exactly the allow-listed fields of its event', async () => {
    const planner = start();
    const seen: unknown[] = [];
    planner.connection.on('analytics', ({ detail }) => seen.push(detail));
    planner.receive(
      message<AnalyticsMessage>('Analytics', { event: 'item_added', sku: 'sofa', category: 'Seating' }),
    );
    planner.receive(message<AnalyticsMessage>('Analytics', { event: 'design_started' }));
    expect(seen).toEqual([
      { event: 'item_added', sku: 'sofa', category: 'Seating' },
      { event: 'design_started' },
    ]);
    for (const detail of seen) {
      const allowed = ['event', 'sku', 'category', 'items', 'lines', 'quantity', 'total_cents', 'currency'];
      expect(Object.keys(detail as object).every((key) => allowed.includes(key))).toBe(true);
    }
  });
});
