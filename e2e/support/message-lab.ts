/**
 * The browser half of the message fuzz (issue 15): a recorder installed in every frame and
 * popup of the context before any of its scripts run, and the sender that builds recipes
 * (message-arbitraries.ts) into real values in the sender's own realm and posts them.
 */
import type { BrowserContext, Frame, Page } from '@playwright/test';

/** What the recorder saw in one frame. */
export interface Seen {
  origin: string;
  /** The first 200 messages this window received: who sent them (`self`, `parent`, `opener`, `child0`…, `other`), from where, whether they held a JWT. */
  received: { from: string; origin: string; jwt: boolean }[];
  /** Of all messages received, how many held a JWT, by sender (as in `received`). */
  jwtFrom: Record<string, number>;
  /** Messages that arrived on ports this frame handed out in attacks. */
  portAnswers: number;
  /** Uncaught exceptions and unhandled rejections, as text. */
  errors: string[];
  /** How many messages this window received (also counted once `received` is capped), sentinels excluded. */
  count: number;
  /** How many `SENTINEL`s arrived: each closes a batch, so the batch before it was delivered in full. */
  sentinels: number;
}

/**
 * Runs first in every frame. Listens in the capture phase on `window`, before the page's own
 * listeners, so every delivered message is seen exactly once; remembers at most 200 of them.
 */
function recorder() {
  const w = window as unknown as { __mf?: Seen };
  if (w.__mf) return;
  const seen: Seen = {
    origin: location.origin,
    received: [],
    jwtFrom: {},
    portAnswers: 0,
    errors: [],
    count: 0,
    sentinels: 0,
  };
  Object.defineProperty(window, '__mf', { value: seen });
  const JWT = /eyJ[\w-]*\.[\w-]*\.?[\w-]*/;
  const jwtIn = (data: unknown): boolean => {
    if (typeof data === 'string') return JWT.test(data);
    try {
      return JWT.test(JSON.stringify(data) ?? '');
    } catch {
      return true; // cannot tell: treat as one (the assertion then looks closer)
    }
  };
  const who = (source: unknown) => {
    if (source === window) return 'self';
    if (source === window.parent && window.parent !== window) return 'parent';
    if (source !== null && source === window.opener) return 'opener';
    for (let i = 0; i < window.frames.length; i++) if (source === window.frames[i]) return `child${i}`;
    return source === null ? 'port-or-null' : 'other';
  };
  addEventListener(
    'message',
    (e) => {
      if (e.data === '__mf_sentinel__') {
        seen.sentinels++;
        e.stopImmediatePropagation();
        return;
      }
      seen.count++;
      if (seen.received.length < 200)
        seen.received.push({ from: who(e.source), origin: e.origin, jwt: jwtIn(e.data) });
    },
    true,
  );
  addEventListener('error', (e) => seen.errors.push(String(e.message)));
  addEventListener('unhandledrejection', (e) => seen.errors.push(`unhandled: ${String(e.reason)}`));
}

export const installRecorder = (context: BrowserContext) => context.addInitScript(recorder);

export const seen = (frame: Frame | Page) => frame.evaluate(() => (window as unknown as { __mf: Seen }).__mf);

/** Where an attacker's messages go, as an expression evaluated in its frame. */
export type TargetPath = 'parent.frames[0]' | 'opener.frames[0]' | 'frames[0]' | 'parent' | 'opener' | 'self';

/**
 * Builds each recipe in the page and posts it to `target` with `'*'`, then a sentinel. Returns
 * how many were posted and how many the browser refused to clone (thrown at the sender: never
 * delivered).
 */
export function postBatch(frame: Frame | Page, target: TargetPath, batch: string[]) {
  return frame.evaluate(
    ({ target, batch }) => {
      const seen = (window as unknown as { __mf: Seen }).__mf;
      const build = (v: unknown): unknown => {
        if (Array.isArray(v)) return v.map(build);
        if (typeof v !== 'object' || v === null) return v;
        const m = v as Record<string, unknown> & { $mf?: string; n?: number; c?: string; value?: unknown };
        switch (m.$mf) {
          case 'huge':
            return (m.c ?? 'x').repeat(m.n ?? 1);
          case 'hugeToken':
            return `eyJ${'a'.repeat(m.n ?? 1)}.eyJ${'b'.repeat(m.n ?? 1)}.${'c'.repeat(m.n ?? 1)}`;
          case 'fn':
            return () => 1;
          case 'symbol':
            return Symbol('planner');
          case 'proxy':
            return new Proxy({ ns: 'planner', v: 1, type: 'Logout' }, {});
          case 'getter':
            return Object.defineProperty({ ns: 'planner', v: 1 }, 'type', {
              enumerable: true,
              get() {
                throw new Error('getter');
              },
            });
          case 'node':
            return document.createElement('div');
          case 'weakmap':
            return new WeakMap();
          case 'bigint':
            return BigInt(1);
          case 'date':
            return new Date(0);
          case 'regexp':
            return /planner/g;
          case 'map':
            return new Map<unknown, unknown>([
              ['ns', 'planner'],
              ['v', 1],
              ['type', 'Logout'],
            ]);
          case 'set':
            return new Set(['planner']);
          case 'buffer':
            return new Uint8Array(64).buffer;
          case 'blob':
            return new Blob(['planner']);
          case 'nan':
            return Number.NaN;
          case 'infinity':
            return Number.POSITIVE_INFINITY;
          case 'negzero':
            return -0;
          case 'undefined':
            return undefined;
          case 'error':
            return new TypeError('planner');
          case 'sparse': {
            const a: unknown[] = [];
            a[(m.n ?? 1) - 1] = { ns: 'planner', v: 1, type: 'Logout' };
            return a;
          }
          case 'deep': {
            let d: unknown = { ns: 'planner', v: 1, type: 'Logout' };
            for (let i = 0; i < (m.n ?? 1); i++) d = { ns: 'planner', v: 1, type: 'Error', message: d };
            return d;
          }
          case 'cyclic': {
            const value = build(m.value);
            if (typeof value === 'object' && value !== null) {
              (value as Record<string, unknown>).self = value;
              (value as Record<string, unknown>).list = [value, [value]];
            }
            return value;
          }
        }
        // Own keys as given, `__proto__` included: a plain assignment would set the prototype.
        const out: Record<string, unknown> = {};
        for (const key of Object.keys(m)) {
          Object.defineProperty(out, key, {
            value: build(m[key]),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
        return out;
      };
      const w = window as unknown as { parent: Window; opener: Window; frames: Window[] };
      const to = {
        'parent.frames[0]': () => w.parent.frames[0],
        'opener.frames[0]': () => w.opener.frames[0],
        'frames[0]': () => w.frames[0],
        parent: () => w.parent,
        opener: () => w.opener,
        self: () => window,
      }[target]() as Window;
      let posted = 0;
      let unclonable = 0;
      for (const text of batch) {
        const { data, ports } = JSON.parse(text) as { data: unknown; ports: number };
        const transfer: MessagePort[] = [];
        for (let i = 0; i < ports; i++) {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => seen.portAnswers++;
          // What forger.html does: ask the planner for the open project, before it could answer.
          if (i === 0)
            channel.port1.postMessage({ id: 1, type: 'APPLY', path: ['getProject'], argumentList: [] });
          transfer.push(channel.port2);
        }
        try {
          to.postMessage(build(data), '*', transfer);
          posted++;
        } catch {
          unclonable++;
        }
      }
      // Messages from one window to another arrive in order: when this one has, so has the batch.
      to.postMessage('__mf_sentinel__', '*');
      return { posted, unclonable };
    },
    { target, batch },
  );
}
