import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackendProfileInput, OAuthConsumerInput } from '../schemas/admin.ts';
import { MessageInput } from '../schemas/messagebox.ts';
import { ProjectInput } from '../schemas/projects.ts';
import { UsageQuery } from '../schemas/reporting.ts';
import {
  admin,
  authed,
  basic,
  consumerFor,
  onboardBackend,
  postForm,
  standardToken,
  startTestPlatform,
  type TestPlatform,
  tokenFor,
} from '../testing/test-platform.ts';

/**
 * Issue 9: every input a schema accepts must be storable and come back equal; the rest is a
 * 400 that says why. Never a 5xx. Strings are drawn from UTF-16 code units, so NUL and lone
 * surrogates (which PostgreSQL refuses or mangles) come up often, beside ordinary text.
 */
const unit = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('\u0000', '\uD800', '\uDFFF', '\uD83D\uDE00', ' ', 'é', 'a') },
  { weight: 5, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);
/** Hostile strings, and as often ordinary ones (any code point, or graphemes), up to `maxLength`. */
const text = (maxLength: number) =>
  fc.oneof(
    fc.string({ unit, maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
  );
const RUNS = { numRuns: 60 };

/** Counts both outcomes, so a property cannot pass by rejecting (or accepting) everything. */
function outcomes() {
  const seen = { accepted: 0, rejected: 0 };
  return {
    note: (accepted: boolean) => void seen[accepted ? 'accepted' : 'rejected']++,
    expectBoth: () => {
      expect(seen.accepted, 'some inputs were accepted').toBeGreaterThan(0);
      expect(seen.rejected, 'some inputs were rejected').toBeGreaterThan(0);
    },
  };
}

let tp: TestPlatform;
let shop: Awaited<ReturnType<typeof onboardBackend>>;
let user: string;
let reader: string;
let backend: string;

beforeAll(async () => {
  tp = await startTestPlatform();
  shop = await onboardBackend(tp, { name: 'Storable Shop' });
  const key = { id: shop.apiKey.id, secretKey: shop.apiKey.secretKey };
  user = await tokenFor(tp, key, { kind: 'user', user_id: 'writer', scope: 'read write' });
  reader = await tokenFor(tp, key, { kind: 'user', user_id: 'reader' });
  backend = await standardToken(tp, shop.profile.accessKey);
});
afterAll(() => tp.close());

const json = (token: string, method: string, path: string, body: unknown) =>
  fetch(
    `${tp.url}${path}`,
    authed(token, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  );

/** A 400 names its reason; anything else must be the success status. */
async function expectOutcome(res: Response, accepted: boolean, success: number) {
  const body = (await res.json()) as Record<string, unknown>;
  expect(res.status, JSON.stringify(body)).toBe(accepted ? success : 400);
  if (!accepted) {
    expect(body.error).toBe('invalid_request');
    expect(body.error_description).toEqual(expect.any(String));
  }
  return body;
}

const room = { width_cm: 420, depth_cm: 360, unit: 'cm' as const };

describe('every string a schema accepts is stored and read back equal; the rest is a 400', () => {
  it('project name, item id and catalog id', async () => {
    const seen = outcomes();
    await fc.assert(
      fc.asyncProperty(text(130), text(70), text(70), async (name, id, catalogId) => {
        const input = { name, room, items: [{ id, catalog_id: catalogId, x: 10, y: 20, rotation: 0 }] };
        const parsed = ProjectInput.safeParse(input);
        seen.note(parsed.success);
        const created = await expectOutcome(
          await json(user, 'POST', '/v1/projects', input),
          parsed.success,
          201,
        );
        if (!parsed.success) return;
        const read = await fetch(`${tp.url}/v1/projects/${created.id as string}`, authed(user));
        expect(read.status).toBe(200);
        expect(await read.json()).toMatchObject(parsed.data);
        // An update stores the same fields.
        const updated = await fetch(
          `${tp.url}/v1/projects/${created.id as string}`,
          authed(user, {
            method: 'PUT',
            headers: { 'Content-Type': 'application/json', 'If-Match': '"v1"' },
            body: JSON.stringify(input),
          }),
        );
        expect(updated.status).toBe(200);
        expect(await updated.json()).toMatchObject(parsed.data);
      }),
      {
        ...RUNS,
        examples: [
          ['Ada\u0000lounge', 'i1', 'sofa'],
          ['Lounge', '\u0000', 'sofa'],
          ['\uD800', 'i1', 'sofa'],
        ],
      },
    );
    seen.expectBoth();
  });

  it('message subject and body', async () => {
    const seen = outcomes();
    await fc.assert(
      fc.asyncProperty(text(210), text(300), async (subject, body) => {
        const input = { to: { user_id: 'reader' }, subject, body };
        const parsed = MessageInput.safeParse(input);
        seen.note(parsed.success);
        const sent = await expectOutcome(
          await json(backend, 'POST', '/v1/messagebox/messages', input),
          parsed.success,
          201,
        );
        if (!parsed.success) return;
        const inbox = await fetch(`${tp.url}/v1/messagebox/inbox?limit=200`, authed(reader));
        const { messages } = (await inbox.json()) as {
          messages: { id: string; subject: string; body: string }[];
        };
        expect(messages.find((m) => m.id === sent.id)).toMatchObject({
          subject: parsed.data.subject,
          body: parsed.data.body,
        });
        // Read, so the next one is the only unread message and sorts first.
        expect(
          (
            await fetch(
              `${tp.url}/v1/messagebox/messages/${sent.id as string}/read`,
              authed(reader, { method: 'POST' }),
            )
          ).status,
        ).toBe(200);
      }),
      {
        ...RUNS,
        examples: [
          ['Order\u0000', 'shipped'],
          ['Order', '\uDC00'],
        ],
      },
    );
    seen.expectBoth();
  });

  it("a back-end profile's name and external system, an OAuth consumer's label (admin API)", async () => {
    const seen = outcomes();
    await fc.assert(
      fc.asyncProperty(text(210), text(210), text(210), async (name, system, label) => {
        const profile = { name, external_system: system };
        const parsedProfile = BackendProfileInput.safeParse(profile);
        seen.note(parsedProfile.success);
        const created = await expectOutcome(
          await admin(tp, 'POST', `/legal-entities/${shop.legalEntity.id}/backend-profiles`, profile),
          parsedProfile.success,
          201,
        );
        if (parsedProfile.success) {
          const read = await admin(tp, 'GET', `/backend-profiles/${created.id as string}`);
          expect(await read.json()).toMatchObject({
            name: parsedProfile.data.name,
            external_system: parsedProfile.data.external_system,
          });
        }
        const consumer = { user_id: 'labelled', label };
        const parsedConsumer = OAuthConsumerInput.safeParse(consumer);
        const made = await expectOutcome(
          await admin(tp, 'POST', `/legal-entities/${shop.legalEntity.id}/oauth-consumers`, consumer),
          parsedConsumer.success,
          201,
        );
        if (parsedConsumer.success) {
          const list = await admin(tp, 'GET', `/legal-entities/${shop.legalEntity.id}/oauth-consumers`);
          const { oauth_consumers } = (await list.json()) as {
            oauth_consumers: { consumer_key: string; label: string }[];
          };
          expect(oauth_consumers.find((c) => c.consumer_key === made.consumer_key)?.label).toBe(
            parsedConsumer.data.label,
          );
        }
      }),
      RUNS,
    );
    seen.expectBoth();
  });

  it('a reporting range: any YYYY-MM-DD, year 0000 included', async () => {
    const year = fc.oneof(fc.constantFrom(0, 1, 1969, 1970, 2026, 9999), fc.integer({ min: 0, max: 9999 }));
    const monthDay = fc.tuple(fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }));
    const day = (y: number, [m, d]: [number, number]) =>
      `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    // Short ranges reach the database: `to` alone (from = 29 days before), or both in one year.
    const range = fc.oneof(
      fc.tuple(year, monthDay).map(([y, a]) => ({ to: day(y, a) })),
      fc.tuple(year, monthDay, monthDay).map(([y, a, b]) => ({ from: day(y, a), to: day(y, b) })),
      fc.tuple(year, monthDay, year, monthDay).map(([y, a, z, b]) => ({ from: day(y, a), to: day(z, b) })),
    );
    const DAY_MS = 86_400_000;
    const seen = outcomes();
    await fc.assert(
      fc.asyncProperty(range, async (query: { from?: string; to: string }) => {
        const parsed = UsageQuery.safeParse(query);
        seen.note(parsed.success);
        const first = Date.parse(`${query.from ?? query.to}T00:00:00Z`) - (query.from ? 0 : 29 * DAY_MS);
        const days = (Date.parse(`${query.to}T00:00:00Z`) - first) / DAY_MS + 1;
        const res = await fetch(
          `${tp.url}/v1/reporting/usage?${new URLSearchParams(query)}`,
          authed(backend),
        );
        await expectOutcome(res, parsed.success && days >= 1 && days <= 366, 200);
      }),
      // The measured 500s come first, then random ranges.
      {
        ...RUNS,
        examples: [
          [{ from: '0000-01-01', to: '0000-01-31' }],
          [{ to: '0001-01-10' }],
          [{ to: '1970-01-05' }],
        ],
      },
    );
    seen.expectBoth();
  });

  it('is never a 5xx where strings are looked up, not stored: access keys, OAuth forms, URLs', async () => {
    const consumer = await consumerFor(tp, shop.legalEntity.id, 'reader');
    const asConsumer = { Authorization: basic(consumer.consumerKey, consumer.consumerSecret) };
    // Percent-encodes the UTF-8 bytes, so a lone surrogate travels as U+FFFD and NUL as %00.
    const encode = (s: string) =>
      [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
    await fc.assert(
      fc.asyncProperty(text(40), async (s) => {
        const answers = await Promise.all([
          fetch(`${tp.url}/v1/backend/tokens`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ access_key: s }),
          }),
          postForm(tp, '/oauth/token', { grant_type: 'password', username: s, password: s, client_id: s }),
          postForm(
            tp,
            '/oauth/token',
            { grant_type: 'client_credentials' },
            { Authorization: `Basic ${Buffer.from(`${encode(s || 'x')}:${encode(s)}`).toString('base64')}` },
          ),
          postForm(tp, '/oauth/token', { grant_type: 'refresh_token', refresh_token: s }, asConsumer),
          postForm(tp, '/oauth/revoke', { token: s }, asConsumer),
          postForm(tp, '/oauth/introspect', { token: s }, asConsumer),
          fetch(`${tp.url}/v1/projects/${encode(s)}`, authed(user)),
          fetch(`${tp.url}/v1/catalog/symbols/${encode(s)}`),
          fetch(`${tp.url}/v1/catalog/items?ids=${encode(s)}`, authed(user)),
          fetch(`${tp.url}/v1/catalog?q=${encode(s)}&category=${encode(s)}`, authed(user)),
          admin(tp, 'DELETE', `/oauth-consumers/${encode(s)}`),
          fetch(`${tp.url}/v1/reporting/usage?to=${encode(s)}&from=${encode(s)}`, authed(backend)),
          fetch(`${tp.url}/v1/messagebox/inbox?limit=${encode(s)}`, authed(reader)),
        ]);
        for (const res of answers) expect(res.status, res.url).toBeLessThan(500);
        if (s.includes('\u0000'))
          for (const res of answers) expect(res.status, res.url).toBeGreaterThanOrEqual(400);
      }),
      RUNS,
    );
    // 60 × 13 requests, OAuth's hashing among them: over the default 30 s on a loaded 2-core machine.
  }, 120_000);
});
