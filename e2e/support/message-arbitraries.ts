/**
 * Generated postMessage attacks (issue 15), built from the protocol's own message types and
 * mutated past them. A generated message is a *recipe*: JSON, so that it crosses
 * `page.evaluate` intact (own `__proto__` keys included), with `{ $mf: … }` markers for what
 * JSON cannot carry — functions, symbols, proxies, cycles, ports, BigInts, huge strings —
 * which `message-lab.ts` builds inside the page, in the sender's realm.
 */
import type {
  HostToPlannerMessage,
  MessageType,
  PlannerToHostMessage,
  ProtocolErrorCode,
} from '@planner/protocol';
import fc from 'fast-check';

/** Tokens the attacks may carry: genuine ones (of either legal entity) and valid-looking fakes. */
export interface TokenPool {
  /** Genuine tokens the platform issued (the Fixture Shop's and the Stranger Shop's). */
  genuine: string[];
}

/** What the page makes of `{ $mf: kind }`; see `materialize` in message-lab.ts. */
export type Marker =
  | { $mf: 'huge'; n: number; c: string }
  | { $mf: 'hugeToken'; n: number }
  | { $mf: 'fn' | 'symbol' | 'proxy' | 'getter' | 'node' | 'weakmap' | 'bigint' | 'date' | 'regexp' }
  | { $mf: 'map' | 'set' | 'buffer' | 'blob' | 'nan' | 'infinity' | 'negzero' | 'undefined' | 'error' }
  | { $mf: 'sparse'; n: number }
  | { $mf: 'deep'; n: number }
  | { $mf: 'cyclic'; value: Json };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One attack: the data (a recipe) and how many `MessagePort`s go with it. */
export interface Recipe {
  data: Json;
  ports: 0 | 1 | 2 | 3;
}

const HOST_TYPES = ['Authentication', 'Login', 'Logout', 'Error', 'Connect'] as const satisfies readonly (
  | HostToPlannerMessage['type']
  | MessageType
)[];
const PLANNER_TYPES = ['Ready', 'TokenExpired', 'LoginRequired', 'Error'] as const satisfies readonly (
  | PlannerToHostMessage['type']
  | MessageType
)[];
const ALL_TYPES: readonly MessageType[] = [...new Set<MessageType>([...HOST_TYPES, ...PLANNER_TYPES])];
const CODES = [
  'token_rejected',
  'token_unavailable',
  'refresh_failed',
] as const satisfies readonly ProtocolErrorCode[];

const b64 = fc.string({
  unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
  minLength: 1,
  maxLength: 60,
});
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** JWT-shaped strings the platform never issued: random segments, `alg: none`, made-up claims. */
const fakeToken = fc.oneof(
  fc.tuple(b64, b64, b64).map(([a, b, c]) => `${a}.${b}.${c}`),
  fc.tuple(b64, b64).map(([a, b]) => `${a}.${b}.`),
  fc
    .record({ sub: fc.string(), origins: fc.array(fc.webUrl(), { maxLength: 3 }) })
    .map((claims) => `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`),
  fc.constant(`${encode({ alg: 'ES256', kid: 'not-a-key' })}.${encode({ sub: 'x', exp: 4e9 })}.c2ln`),
);

const tokenOf = (pool: TokenPool): fc.Arbitrary<Json> =>
  fc.oneof(
    { weight: 3, arbitrary: fakeToken },
    { weight: 3, arbitrary: fc.constantFrom(...pool.genuine) },
    // A genuine token, slightly damaged: a flipped character, a cut, padding.
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...pool.genuine), fc.nat(), fc.constantFrom('cut', 'flip', 'pad', 'space'))
        .map(([t, i, how]) => {
          const at = i % t.length;
          if (how === 'cut') return t.slice(0, at);
          if (how === 'pad') return `${t}==`;
          if (how === 'space') return ` ${t}`;
          return `${t.slice(0, at)}${t[at] === 'A' ? 'B' : 'A'}${t.slice(at + 1)}`;
        }),
    },
  );

/** Messages as the protocol's types describe them (valid, or valid apart from their origin). */
function validMessage(pool: TokenPool): fc.Arbitrary<Record<string, Json>> {
  const base = { ns: fc.constant('planner'), v: fc.constant(1) };
  return fc.oneof(
    fc.record({ ...base, type: fc.constantFrom('Authentication', 'Login'), token: tokenOf(pool) }),
    fc.record({ ...base, type: fc.constant('Logout') }),
    fc.record({ ...base, type: fc.constant('Connect') }),
    fc.record({ ...base, type: fc.constant('Error'), code: fc.constantFrom(...CODES), message: fc.string() }),
    fc.record(
      { ...base, type: fc.constant('Ready'), planner: fc.string(), instance: fc.string({ maxLength: 64 }) },
      { requiredKeys: ['ns', 'v', 'type', 'planner'] },
    ),
    fc.record(
      {
        ...base,
        type: fc.constant('TokenExpired'),
        reason: fc.constantFrom('expired', 'rejected'),
        kind: fc.constantFrom('legal_entity', 'user'),
      },
      { requiredKeys: ['ns', 'v', 'type', 'reason'] },
    ),
    fc.record({ ...base, type: fc.constant('LoginRequired'), reason: fc.string() }),
  );
}

const DANGEROUS_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'then',
];

/** Values that are not what any field expects, JSON or otherwise. */
const oddValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, -1, 1.5, 2, '1', '', [], {}, ['planner'], { ns: 'planner' }),
  fc.constantFrom(...ALL_TYPES, 'ready', 'READY', 'Authentication ', 'constructor', '__proto__', 'toString'),
  fc.constantFrom<Json>(
    { $mf: 'fn' },
    { $mf: 'symbol' },
    { $mf: 'bigint' },
    { $mf: 'date' },
    { $mf: 'regexp' },
    { $mf: 'map' },
    { $mf: 'set' },
    { $mf: 'buffer' },
    { $mf: 'nan' },
    { $mf: 'infinity' },
    { $mf: 'negzero' },
    { $mf: 'undefined' },
    { $mf: 'error' },
    { $mf: 'node' },
    { $mf: 'weakmap' },
  ),
  fc.integer({ min: 1_000, max: 20_000 }).map((n) => ({ $mf: 'huge', n, c: 'a' })),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
);

/**
 * Rare, expensive shapes: far past every bound of the guards (8 kB tokens, 1 kB texts), a
 * thousand levels deep, whole-object proxies and getters. Kept under a megabyte: with
 * multi-megabyte strings, Chromium's renderer (one process for every 127.0.0.1 origin) crashed
 * under sustained fuzzing — see the report of issue 15.
 */
const heavy: fc.Arbitrary<Json> = fc.oneof(
  // Still far past every limit (a token is at most 8 kB); larger ones, by the thousand, crashed
  // the shared 127.0.0.1 renderer on a loaded machine without telling us anything about ours.
  fc.integer({ min: 20_000, max: 60_000 }).map((n) => ({ $mf: 'huge', n, c: 'x' })),
  fc.integer({ min: 9_000, max: 40_000 }).map((n) => ({ $mf: 'hugeToken', n })),
  fc.integer({ min: 100, max: 1_000 }).map((n) => ({ $mf: 'deep', n })),
  fc.integer({ min: 1_000, max: 100_000 }).map((n) => ({ $mf: 'sparse', n })),
  fc.constantFrom<Json>({ $mf: 'proxy' }, { $mf: 'getter' }, { $mf: 'blob' }),
);

/** A valid message, then zero to three mutations past its type. */
function mutated(pool: TokenPool): fc.Arbitrary<Json> {
  const mutation = fc.oneof(
    fc.record({
      op: fc.constant('set' as const),
      key: fc.constantFrom(
        'ns',
        'v',
        'type',
        'token',
        'code',
        'message',
        'reason',
        'kind',
        'planner',
        'instance',
      ),
      value: oddValue,
    }),
    fc.record({
      op: fc.constant('set' as const),
      key: fc.constant('v'),
      value: fc.constantFrom<Json>(0, 2, -1, 1.0000001, '1', null, [1], { $mf: 'bigint' }),
    }),
    fc.record({
      op: fc.constant('set' as const),
      key: fc.constantFrom(...DANGEROUS_KEYS),
      value: fc.oneof(oddValue, validMessage(pool) as fc.Arbitrary<Json>),
    }),
    fc.record({
      op: fc.constant('set' as const),
      key: fc.constantFrom('token', 'message', 'planner', 'reason'),
      value: heavy,
    }),
    fc.record({
      op: fc.constant('drop' as const),
      key: fc.constantFrom('ns', 'v', 'type', 'token', 'code', 'message', 'reason'),
    }),
    fc.record({
      op: fc.constant('wrap' as const),
      how: fc.constantFrom('array', 'json', 'nested', 'cyclic', 'proto'),
    }),
  );
  return fc.tuple(validMessage(pool), fc.array(mutation, { maxLength: 3 })).map(([message, mutations]) => {
    let data: Json = { ...message };
    for (const m of mutations) {
      if (m.op === 'set' && typeof data === 'object' && data !== null && !Array.isArray(data)) {
        // A plain assignment of `__proto__` would set the prototype; JSON keeps it an own key.
        const inner = JSON.stringify(data).slice(1, -1);
        // Appended: with a duplicate key, JSON.parse keeps the last one.
        data = JSON.parse(
          `{${inner}${inner ? ',' : ''}${JSON.stringify(m.key)}:${JSON.stringify(m.value)}}`,
        ) as Json;
      } else if (m.op === 'drop' && typeof data === 'object' && data !== null && !Array.isArray(data)) {
        const { [m.key]: _, ...rest } = data;
        data = rest;
      } else if (m.op === 'wrap') {
        if (m.how === 'array') data = [data];
        else if (m.how === 'json') data = JSON.stringify(data);
        else if (m.how === 'nested') data = { data, message: data, detail: data };
        else if (m.how === 'cyclic') data = { $mf: 'cyclic', value: data };
        else data = JSON.parse(`{"__proto__":${JSON.stringify(data)}}`) as Json;
      }
    }
    return data;
  });
}

/** Anything at all: other widgets' traffic, primitives, non-cloneable values. */
const noise: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  oddValue,
  fc.record({
    type: fc.constantFrom('resize', 'ready', 'projectSaved', 'APPLY', 'RAW'),
    height: fc.integer(),
  }),
  fc.record({
    id: fc.nat(),
    type: fc.constant('APPLY'),
    path: fc.constant<Json>(['getProject']),
    argumentList: fc.constant<Json>([]),
  }),
);

/**
 * The attacks on one side. `toPlanner`: host-to-planner shapes first; otherwise the host SDK's
 * planner-to-host ones (the generator emits both: a stranger may send either).
 */
export function recipes(pool: TokenPool): fc.Arbitrary<Recipe> {
  return fc.record({
    data: fc.oneof(
      { weight: 4, arbitrary: validMessage(pool) as fc.Arbitrary<Json> },
      { weight: 10, arbitrary: mutated(pool) },
      { weight: 3, arbitrary: noise },
      { weight: 1, arbitrary: heavy },
    ),
    ports: fc.oneof(
      { weight: 6, arbitrary: fc.constant(0 as const) },
      { weight: 1, arbitrary: fc.constantFrom(1 as const, 3 as const) },
      { weight: 3, arbitrary: fc.constant(2 as const) },
    ),
  });
}

/** `count` recipes from a fixed seed (reported on failure), as JSON strings for `page.evaluate`. */
export function generate(pool: TokenPool, count: number, seed: number): string[] {
  return fc.sample(recipes(pool), { numRuns: count, seed }).map((r) => JSON.stringify(r));
}
