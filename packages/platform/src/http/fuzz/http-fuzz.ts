import { isApiErrorCode } from '@planner/contract';
import fc from 'fast-check';
import { changed, domainTables, fingerprint } from './db-fingerprint.ts';
import { contentTypes, hostileString, mutateText, mutateValue } from './hostile.ts';
import { arbitraryFor, type Components, type JsonSchema } from './schema-arbitrary.ts';
import type { FuzzWorld } from './world.ts';

interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema?: JsonSchema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  security?: unknown[];
}
export interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Components };
}

/** One generated request. */
export interface FuzzCase {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
}

export interface Finding {
  operation: string;
  problem: string;
  status: number;
  response: string;
  request: { method: string; url: string; headers: Record<string, string>; body?: string };
}

export interface FuzzFigures {
  cases: number;
  operations: number;
  statuses: Record<string, number>;
  refusedWrites: number;
  findings: Finding[];
}

/** Percent-encoding that also writes lone surrogates (as their CESU-8 bytes, which UTF-8 decoders refuse). */
const pct = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return `${encodeURIComponent(s.replace(/[\ud800-\udfff]/g, ''))}%ED%A0%80`;
  }
};

/** Header values go out as bytes: anything fetch cannot send is percent-encoded instead. */
const headerSafe = (s: string) =>
  /^[\t\x20-\x7e\x80-\xff]*$/.test(s) ? s.slice(0, 2_000) : pct(s).slice(0, 2_000);

const pathSegment = fc.oneof(
  hostileString.map((s) => pct(s).slice(0, 2_000)),
  fc.constantFrom(
    '%ED%A0%80',
    '%FF%FE',
    '%C0%AE%C0%AE',
    '..%2F..%2Fadmin',
    '%2500',
    '%252e',
    '.',
    '..',
    '%20',
  ),
);

function authArbitrary(world: FuzzWorld, secured: boolean): fc.Arbitrary<string | undefined> {
  const genuine = fc.constantFrom(...Object.values(world.tokens).map((t) => `Bearer ${t}`));
  const hostile = fc.oneof(
    fc.constant(undefined),
    fc.constantFrom(
      'Bearer',
      'Bearer ',
      'Basic Zm9vOmJhcg==',
      'bearer x.y.z',
      'Bearer a b',
      'Token abc',
      'Bearer ====',
    ),
    hostileString.map((s) => `Bearer ${headerSafe(s)}`),
    genuine.map((t) => `${t}x`),
  );
  return secured
    ? fc.oneof({ arbitrary: genuine, weight: 6 }, { arbitrary: hostile, weight: 2 })
    : fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: genuine, weight: 1 }, hostile);
}

/** `arb` in one case of four, otherwise null (fc.option's `freq` is the other way round: 1/freq null). */
const rarely = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: arb, weight: 1 });

/** Fixture values that get a generated request past lookups into the deeper code. */
const fixtures = (world: FuzzWorld) => [
  world.projectId,
  world.messageId,
  world.legalEntityId,
  world.consumer.consumerKey,
  world.consumer.consumerSecret,
  world.tokens.oauth,
];

function paramValue(p: Parameter, components: Components, world: FuzzWorld): fc.Arbitrary<string> {
  const valid = arbitraryFor(p.schema ?? { type: 'string' }, components).map((v) => String(v));
  return fc.oneof(
    { arbitrary: valid, weight: 3 },
    { arbitrary: fc.constantFrom(...fixtures(world)), weight: 1 },
    { arbitrary: hostileString, weight: 2 },
    {
      arbitrary: fc.constantFrom('-1', '1e999', '99999999999999999999', 'NaN', '0x10', 'true', '[]'),
      weight: 1,
    },
  );
}

function jsonBody(
  schema: JsonSchema,
  components: Components,
): fc.Arbitrary<{ body: string | Uint8Array<ArrayBuffer>; type?: string | undefined }> {
  const valid = arbitraryFor(schema, components);
  const text: fc.Arbitrary<string | Uint8Array<ArrayBuffer>> = fc.oneof(
    { arbitrary: valid.map((v) => JSON.stringify(v) ?? 'null'), weight: 3 },
    { arbitrary: valid.chain(mutateValue).map((v) => JSON.stringify(v) ?? 'null'), weight: 4 },
    { arbitrary: valid.chain(mutateText), weight: 4 },
    { arbitrary: fc.constant(`{"name":"${'x'.repeat(300 * 1024)}"}`), weight: 1 },
    {
      arbitrary: fc.constant(new Uint8Array([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])),
      weight: 1,
    },
  );
  const type = fc.oneof(
    { arbitrary: fc.constant('application/json'), weight: 6 },
    { arbitrary: contentTypes, weight: 1 },
  );
  return fc.record({ body: text, type });
}

function formBody(
  schema: JsonSchema,
  components: Components,
  world: FuzzWorld,
): fc.Arbitrary<{ body: string | Uint8Array<ArrayBuffer>; type?: string | undefined }> {
  const keys = Object.keys(schema.properties ?? {});
  const pairs = fc.array(
    fc.tuple(
      fc.oneof({ arbitrary: fc.constantFrom(...(keys.length ? keys : ['x'])), weight: 5 }, hostileString),
      fc.oneof(
        {
          arbitrary: fc.constantFrom(
            ...fixtures(world),
            'password',
            'client_credentials',
            'refresh_token',
            'read',
            'read write',
          ),
          weight: 3,
        },
        { arbitrary: hostileString, weight: 2 },
        { arbitrary: fc.string({ maxLength: 20 }), weight: 1 },
      ),
    ),
    { maxLength: 8 },
  );
  const text: fc.Arbitrary<string | Uint8Array<ArrayBuffer>> = fc.oneof(
    { arbitrary: pairs.map((p) => new URLSearchParams(p).toString()), weight: 6 },
    { arbitrary: arbitraryFor(schema, components).map((v) => JSON.stringify(v) ?? ''), weight: 1 },
    {
      arbitrary: fc.constantFrom(
        'a=%ED%A0%80',
        'a=%FF',
        'grant_type=%00',
        '&&&==',
        `grant_type=${'x'.repeat(20_000)}`,
      ),
      weight: 1,
    },
  );
  const type = fc.oneof(
    { arbitrary: fc.constant('application/x-www-form-urlencoded'), weight: 6 },
    {
      arbitrary: fc.constantFrom(
        undefined,
        'application/json',
        'text/plain',
        'application/x-www-form-urlencoded; charset=latin1',
      ),
      weight: 1,
    },
  );
  return fc.record({ body: text, type });
}

/** Requests for one operation: parameters and body from its schemas, then past them. */
export function caseArbitrary(
  method: string,
  path: string,
  op: Operation,
  components: Components,
  world: FuzzWorld,
): fc.Arbitrary<FuzzCase> {
  const params = op.parameters ?? [];
  const values = fc.tuple(
    ...params.map((p) => fc.option(paramValue(p, components, world), { freq: p.required ? 20 : 3 })),
  );
  const content = op.requestBody?.content ?? {};
  const [type, media] = Object.entries(content)[0] ?? [];
  const body = !media
    ? fc
        .option(fc.constantFrom('{}', 'x'), { freq: 5 })
        .map((b) => (b === null ? undefined : { body: b, type: 'application/json' }))
    : type === 'application/x-www-form-urlencoded'
      ? formBody(media.schema, components, world)
      : jsonBody(media.schema, components);
  const extraQuery = rarely(fc.tuple(hostileString, hostileString));
  return fc
    .record({
      values,
      pathNoise: rarely(pathSegment),
      body,
      auth: authArbitrary(world, Boolean(op.security?.length)),
      extraQuery,
      requestId: rarely(hostileString),
      forwarded: rarely(fc.constantFrom('garbage', '::ffff:1.2.3.4, 999.1.1.1', '1.1.1.1'.repeat(100))),
    })
    .map(({ values, pathNoise, body, auth, extraQuery, requestId, forwarded }) => {
      let url = path;
      const query = new URLSearchParams();
      const headers: Record<string, string> = {};
      params.forEach((p, i) => {
        const v = values[i];
        if (p.in === 'path')
          url = url.replace(`{${p.name}}`, v === null || v === undefined ? '' : pct(v).slice(0, 2_000));
        else if (v === null || v === undefined) return;
        else if (p.in === 'query') query.append(p.name, v);
        else if (p.in === 'header') headers[p.name] = headerSafe(v);
      });
      if (pathNoise && url.includes('/')) {
        const parts = url.split('/');
        parts[parts.length - 1] = pathNoise;
        url = parts.join('/');
      }
      if (extraQuery) query.append(extraQuery[0].slice(0, 2_000), extraQuery[1].slice(0, 2_000));
      if (auth !== undefined) headers.Authorization = auth;
      if (requestId !== null) headers['X-Request-Id'] = headerSafe(requestId);
      if (forwarded !== null) headers['X-Forwarded-For'] = forwarded;
      if (body?.type !== undefined) headers['Content-Type'] = body.type;
      const qs = query.toString();
      return {
        method: method.toUpperCase(),
        url: `${url}${qs ? `?${qs}` : ''}`,
        headers,
        ...(body && method !== 'get' ? { body: body.body } : {}),
      };
    });
}

const shown = (body: string | Uint8Array | undefined) =>
  body === undefined
    ? undefined
    : typeof body === 'string'
      ? body.length > 300
        ? `${body.slice(0, 200)}…(${body.length} chars)`
        : body
      : `bytes ${Buffer.from(body).toString('hex')}`;

/** Sends one case and returns what is wrong with the answer, if anything. */
async function probe(
  world: FuzzWorld,
  c: FuzzCase,
  tables: string[],
  statuses: Record<string, number>,
): Promise<{ status: number; problem?: string; text: string } | undefined> {
  const { db } = world.tp.platform.services;
  const before = await fingerprint(db, tables);
  let res: Response;
  try {
    res = await fetch(`${world.tp.url}${c.url}`, {
      method: c.method,
      headers: c.headers,
      ...(c.body !== undefined ? { body: c.body } : {}),
      redirect: 'manual',
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    // The client refused to send it (an unsendable header): not the platform's answer.
    if (error instanceof TypeError && !String(error.cause ?? '').includes('ECONNRESET')) return undefined;
    return { status: 0, problem: `no answer: ${String((error as Error).cause ?? error)}`, text: '' };
  }
  const text = await res.text();
  statuses[res.status] = (statuses[res.status] ?? 0) + 1;
  if (res.status >= 500) return { status: res.status, problem: '5xx', text };
  if (res.status < 400) return { status: res.status, text };
  // Node's HTTP parser answers 431 itself when the request line and headers pass 16 KB:
  // before the platform sees the request, so no body of ours (the suites keep under it).
  if (res.status === 431) return { status: res.status, text };
  let code: unknown;
  try {
    code = (JSON.parse(text) as { error?: unknown }).error;
  } catch {
    code = undefined;
  }
  if (!isApiErrorCode(code))
    return { status: res.status, problem: 'refusal without a stable error code', text };
  const touched = changed(before, await fingerprint(db, tables));
  if (touched.length)
    return { status: res.status, problem: `refused, yet changed ${touched.join(', ')}`, text };
  return { status: res.status, text };
}

/** Every operation of `doc`, `runs` generated requests each. */
export async function runHttpFuzz(
  world: FuzzWorld,
  doc: OpenApiDoc,
  options: { runs: number; seed: number },
): Promise<FuzzFigures> {
  const components = doc.components?.schemas ?? {};
  const tables = await domainTables(world.tp.platform.services.db);
  const figures: FuzzFigures = { cases: 0, operations: 0, statuses: {}, refusedWrites: 0, findings: [] };
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      figures.operations++;
      const operation = `${method.toUpperCase()} ${path}`;
      const samples = fc.sample(
        caseArbitrary(method, path.replace(/\{(\w+)\}/g, '{$1}'), op, components, world),
        {
          numRuns: options.runs,
          seed: options.seed + figures.operations,
        },
      );
      for (const c of samples) {
        figures.cases++;
        const wrong = await probe(world, c, tables, figures.statuses);
        if (method !== 'get' && wrong && wrong.status >= 400) figures.refusedWrites++;
        if (wrong?.problem) {
          figures.findings.push({
            operation,
            problem: wrong.problem,
            status: wrong.status,
            response: wrong.text.slice(0, 300),
            request: {
              method: c.method,
              url: c.url.slice(0, 300),
              headers: c.headers,
              ...(c.body !== undefined ? { body: shown(c.body) ?? '' } : {}),
            },
          });
        }
      }
    }
  }
  return figures;
}
