import fc from 'fast-check';

/** The subset of JSON Schema (OpenAPI 3.1) that zod emits for our routes. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
}

export type Components = Record<string, JsonSchema>;

const MAX_DEPTH = 6;

function stringFor(s: JsonSchema): fc.Arbitrary<string> {
  const minLength = s.minLength ?? 0;
  // Valid-looking strings stay short: the hostile long ones come from the mutations.
  const maxLength = Math.min(s.maxLength ?? 40, minLength + 40);
  switch (s.format) {
    case 'uuid':
      return fc.uuid();
    case 'date-time':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'date':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'uri':
    case 'url':
      return fc.webUrl();
    case 'email':
      return fc.emailAddress();
  }
  if (s.pattern) {
    try {
      const re = new RegExp(s.pattern, 'u');
      return fc.stringMatching(re).filter((v) => v.length >= minLength && v.length <= (s.maxLength ?? 1e9));
    } catch {
      // A pattern fast-check cannot invert: plain strings, refused or not, still probe the route.
    }
  }
  return fc.string({ minLength, maxLength, unit: 'grapheme' });
}

function numberFor(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const lo =
    s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (integer ? 1 : 1e-9) : -1e6);
  const hi =
    s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - (integer ? 1 : 1e-9) : 1e6);
  if (integer) {
    const min = Math.max(Math.ceil(lo), Number.MIN_SAFE_INTEGER);
    const max = Math.min(Math.floor(hi), Number.MAX_SAFE_INTEGER);
    return fc.integer({ min, max: Math.max(min, max) });
  }
  return fc.double({ min: lo, max: Math.max(lo, hi), noNaN: true, noDefaultInfinity: true });
}

/**
 * Values that (mostly) satisfy `schema`: the starting points the mutations then push past
 * the schema. Unknown shapes fall back to any JSON value.
 */
export function arbitraryFor(schema: JsonSchema, components: Components, depth = 0): fc.Arbitrary<unknown> {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = components[name];
    return target && depth < MAX_DEPTH ? arbitraryFor(target, components, depth + 1) : fc.constant(null);
  }
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length)
    return fc.oneof(...alternatives.map((a) => arbitraryFor(a, components, depth + 1)));
  if (schema.allOf?.length) return arbitraryFor(schema.allOf[0]!, components, depth + 1);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1) {
    return fc.oneof(...types.map((type) => arbitraryFor({ ...schema, type }, components, depth)));
  }
  switch (types[0]) {
    case 'string':
      return stringFor(schema);
    case 'integer':
      return numberFor(schema, true);
    case 'number':
      return numberFor(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      if (depth >= MAX_DEPTH) return fc.constant([]);
      const minLength = schema.minItems ?? 0;
      return fc.array(arbitraryFor(schema.items ?? {}, components, depth + 1), {
        minLength,
        maxLength: Math.min(schema.maxItems ?? 4, minLength + 4),
      });
    }
    case 'object': {
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, sub] of Object.entries(properties))
        record[key] = arbitraryFor(sub, components, depth + 1);
      return fc.record(record, { requiredKeys: [...required].filter((k) => k in properties) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}
