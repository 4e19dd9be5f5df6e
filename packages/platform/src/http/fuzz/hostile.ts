import fc from 'fast-check';

/** Strings PostgreSQL, JSON parsers and validators choke on. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfffy',
    '\ufeff',
    '\u202e\u2066',
    '%00',
    '%ED%A0%80',
    "'; drop table projects; --",
    '../../etc/passwd',
    '__proto__',
    'constructor',
    '{{7*7}}',
    '',
    ' ',
    '\r\nX-Injected: 1',
  ),
  fc.integer({ min: 1_000, max: 40_000 }).map((n) => 'A'.repeat(n)),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

/** Numbers at and past the edges of every sane range. */
export const hostileNumber: fc.Arbitrary<number> = fc.constantFrom(
  -0,
  0.5,
  -1,
  2 ** 31,
  2 ** 53 + 2,
  -(2 ** 63),
  1e308,
  -1e308,
  Number.MIN_VALUE,
  Number.MAX_SAFE_INTEGER,
);

/** Any hostile JSON value, structures included. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  fc.constantFrom(null, true, false, [], {}, [[[[[[]]]]]], { __proto__: null }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Every node of a JSON value, by path. */
function paths(value: unknown, at: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(at);
  if (Array.isArray(value)) for (const [i, v] of value.entries()) paths(v, [...at, i], out);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  return out;
}

function replaceAt(value: unknown, at: (string | number)[], replacement: unknown): unknown {
  if (at.length === 0) return replacement;
  const [head, ...rest] = at;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? replaceAt(v, rest, replacement) : v));
  const copy = { ...(value as Record<string, unknown>) };
  copy[head as string] = replaceAt(copy[head as string], rest, replacement);
  return copy;
}

function deleteAt(value: unknown, at: (string | number)[]): unknown {
  if (at.length === 0) return undefined;
  if (at.length === 1 && value && typeof value === 'object' && !Array.isArray(value)) {
    const { [at[0] as string]: _, ...rest } = value as Record<string, unknown>;
    return rest;
  }
  const [head, ...tail] = at;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? deleteAt(v, tail) : v));
  const copy = { ...(value as Record<string, unknown>) };
  copy[head as string] = deleteAt(copy[head as string], tail);
  return copy;
}

/** A mutation of a JSON value: a node replaced, dropped, or given a stranger key. */
export const mutateValue = (valid: unknown): fc.Arbitrary<unknown> => {
  const all = paths(valid);
  return fc.oneof(
    fc.tuple(fc.constantFrom(...all), hostileValue).map(([at, h]) => replaceAt(valid, at, h)),
    fc.constantFrom(...all).map((at) => deleteAt(valid, at) ?? null),
    fc
      .tuple(
        fc.constantFrom('extra', 'constructor', 'prototype', 'id', 'version', 'legal_entity_id'),
        hostileValue,
      )
      .map(([key, h]) =>
        valid && typeof valid === 'object' && !Array.isArray(valid) ? { ...valid, [key]: h } : [valid, h],
      ),
  );
};

/** JSON text past what `JSON.stringify` writes: duplicate keys, `__proto__`, huge literals, deep nesting. */
export const mutateText = (valid: unknown): fc.Arbitrary<string> => {
  const text = JSON.stringify(valid) ?? 'null';
  const isObject = valid !== null && typeof valid === 'object' && !Array.isArray(valid);
  const firstKey = isObject ? Object.keys(valid as object)[0] : undefined;
  const inObject = (extra: string) =>
    isObject && text !== '{}' ? `{${extra},${text.slice(1)}` : `{${extra}}`;
  return fc.oneof(
    // A duplicate key: which one wins must not matter to safety.
    hostileValue.map((h) =>
      firstKey ? `${text.slice(0, -1)},${JSON.stringify(firstKey)}:${JSON.stringify(h) ?? 'null'}}` : text,
    ),
    fc.constant(inObject('"__proto__":{"admin":true,"scope":"write"}')),
    fc.constant(inObject('"constructor":{"prototype":{"polluted":1}}')),
    fc
      .constantFrom('1e400', '-1e400', '123456789012345678901234567890', '0.0000000000000000000001e-400')
      .map((n) => (firstKey ? `${text.slice(0, -1)},${JSON.stringify(firstKey)}:${n}}` : n)),
    fc.integer({ min: 1_000, max: 100_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
    fc.integer({ min: 1_000, max: 20_000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
    fc.constantFrom(
      '',
      'null',
      'true',
      '"x"',
      '[]',
      text.slice(0, Math.max(1, text.length >> 1)),
      `${text}garbage`,
    ),
    fc.constant(`\ufeff${text}`),
    fc.constant(text.replace(/"/, '"\\ud800')),
    fc.constant(text.replace(/"/, '"\\u0000')),
  );
};

export const contentTypes = fc.constantFrom(
  undefined,
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'APPLICATION/JSON',
  'application/json, text/plain',
  'application/jsonx',
  '',
);
