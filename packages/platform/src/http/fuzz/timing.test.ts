import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../platform.ts';
import { CLIENT_ASSERTION_TYPE } from '../../schemas/tokens.ts';
import { listen, type RunningServer } from '../../server.ts';
import { recordFigures, sized } from '../../testing/stress.ts';
import { freePort, makeAssertion } from '../../testing/test-platform.ts';
import { type Comparison, compareLatencies, summarise, TIMING_RULE } from './latency-stats.ts';
import { type FuzzWorld, startFuzzWorld } from './world.ts';

/** Requests per side. The full run (pnpm stress) takes the 2 000 and more. */
const N = sized(400, 2_000);
const WARM_UP = 50;

let world: FuzzWorld;
/** The same platform behind a deliberately leaky front: it hashes only for keys that exist. */
let leaky: RunningServer;

beforeAll(async () => {
  world = await startFuzzWorld('pglite');
  const { platform } = world.tp;
  const known = new Set([world.apiKey.id, world.consumer.consumerKey]);
  const leakyFetch: Platform['fetch'] = async (request, env) => {
    const text = await request.clone().text();
    const iss = /"client_assertion":"([^"]+)"/.exec(text)?.[1]?.split('.')[1];
    const claimedKey = iss
      ? (JSON.parse(Buffer.from(iss, 'base64url').toString()) as { iss?: string }).iss
      : undefined;
    const username = new URLSearchParams(text).get('username') ?? undefined;
    // The bug this control stands for: a password hash computed only when the id is found.
    if ((claimedKey && known.has(claimedKey)) || (username && known.has(username))) {
      pbkdf2Sync('secret', 'salt', 3_000, 32, 'sha256');
    }
    return platform.fetch(request, env);
  };
  leaky = await listen({ ...platform, fetch: leakyFetch }, await freePort());
});
afterAll(async () => {
  await leaky?.close();
  await world?.close();
});

type Probe = () => Promise<Response>;

const tokenRequest = (base: string, key: { id: string; secretKey: string }) => async () =>
  fetch(`${base}/v1/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      kind: 'legal_entity',
      client_assertion_type: CLIENT_ASSERTION_TYPE,
      client_assertion: await makeAssertion(world.tp, key, { kind: 'legal_entity' }),
    }),
  });
/**
 * One unknown id for the whole run, as an attacker repeating a guess would send: the key
 * directory remembers an unknown id for a while, and a repeated guess must cost what a
 * wrong secret does (a fresh id each time would always miss that cache).
 */
const UNKNOWN_KEY_ID = `pk_${randomBytes(12).toString('base64url')}`;
const unknownKey = (base: string) => () =>
  tokenRequest(base, { id: UNKNOWN_KEY_ID, secretKey: randomBytes(32).toString('base64url') })();
const wrongSecret = (base: string) => () =>
  tokenRequest(base, { id: world.apiKey.id, secretKey: randomBytes(32).toString('base64url') })();

const oauthRequest = (base: string, username: string) => () =>
  fetch(`${base}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      username,
      password: randomBytes(32).toString('base64url'),
    }).toString(),
  });
/**
 * One unknown key for the whole run, as an attacker repeating a guess would send: failures
 * count per consumer key and address, so a fresh key each time would compare the limiter's
 * new-bucket insert with the known key's bucket update, not an unknown key with a known one.
 */
const UNKNOWN_CONSUMER_KEY = `ck_${randomBytes(12).toString('base64url')}`;
const unknownConsumer = (base: string) => () => oauthRequest(base, UNKNOWN_CONSUMER_KEY)();
const wrongConsumerSecret = (base: string) => () => oauthRequest(base, world.consumer.consumerKey)();

/**
 * Sends the two kinds of request in random order pair by pair (so a loaded machine's drift
 * falls on both alike), timing each on the client, and collects the distinct answers.
 */
async function race(a: Probe, b: Probe, n: number) {
  const times: [number[], number[]] = [[], []];
  const bodies: [Set<string>, Set<string>] = [new Set(), new Set()];
  const probes = [a, b];
  for (let i = 0; i < n + WARM_UP; i++) {
    const order = Math.random() < 0.5 ? [0, 1] : [1, 0];
    for (const side of order) {
      const started = performance.now();
      const res = await probes[side]!();
      const body = await res.text();
      const ms = performance.now() - started;
      if (i >= WARM_UP) {
        times[side]!.push(ms);
        bodies[side]!.add(`${res.status} ${body}`);
      }
    }
  }
  return { times, bodies: bodies.map((s) => [...s]) };
}

const figures: Record<string, unknown> = {};
afterAll(() => recordFigures('timing', { requestsPerSide: N, rule: TIMING_RULE, ...figures }));

function report(name: string, run: Awaited<ReturnType<typeof race>>, comparison: Comparison) {
  figures[name] = { unknown: summarise(run.times[0]), wrong: summarise(run.times[1]), ...comparison };
}

describe('the token endpoints answer an unknown key and a wrong secret alike', () => {
  it(
    'POST /v1/tokens: the same body, and latencies the rule cannot tell apart',
    async () => {
      const run = await race(unknownKey(world.tp.url), wrongSecret(world.tp.url), N);
      const comparison = compareLatencies(run.times[0], run.times[1]);
      report('v1-tokens', run, comparison);
      expect(run.bodies[0]).toEqual(run.bodies[1]);
      expect(run.bodies[0]).toHaveLength(1);
      expect(comparison.leak, JSON.stringify(figures['v1-tokens'])).toBe(false);
    },
    sized(60_000, 600_000),
  );

  it(
    'POST /oauth/token: the same body, and latencies the rule cannot tell apart',
    async () => {
      const run = await race(unknownConsumer(world.tp.url), wrongConsumerSecret(world.tp.url), N);
      const comparison = compareLatencies(run.times[0], run.times[1]);
      report('oauth-token', run, comparison);
      expect(run.bodies[0]).toEqual(run.bodies[1]);
      expect(run.bodies[0]).toHaveLength(1);
      expect(comparison.leak, JSON.stringify(figures['oauth-token'])).toBe(false);
    },
    sized(60_000, 600_000),
  );

  it(
    'control: the rule does detect a front that hashes only for keys that exist',
    async () => {
      const run = await race(unknownKey(leaky.url), wrongSecret(leaky.url), N);
      const comparison = compareLatencies(run.times[0], run.times[1]);
      report('control-leaky-v1-tokens', run, comparison);
      expect(comparison.leak, JSON.stringify(figures['control-leaky-v1-tokens'])).toBe(true);
    },
    sized(60_000, 600_000),
  );
});
