import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { STORABLE_TEXT } from '../schemas/text.ts';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform.ts';
import { createApp } from './app.ts';

interface Operation {
  responses: Record<string, unknown>;
  parameters?: { name: string; schema: { description?: string } }[];
  requestBody?: unknown;
}
let tp: TestPlatform;
let doc: {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties: Record<string, { pattern?: string }> }> };
};

beforeAll(async () => {
  tp = await startTestPlatform();
  doc = (await (await fetch(`${tp.url}/openapi.json`)).json()) as typeof doc;
});
afterAll(() => tp.close());

describe('/openapi.json tells what the boundary refuses', () => {
  it('documents 413 on every operation with a body, and 415 on the JSON ones', () => {
    const withBody = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.requestBody)
        .map(([method, op]) => ({ at: `${method} ${path}`, op })),
    );
    expect(withBody.map((o) => o.at)).toEqual(
      expect.arrayContaining([
        'post /oauth/token',
        'post /oauth/revoke',
        'post /v1/tokens',
        'put /v1/projects/{id}',
      ]),
    );
    for (const { at, op } of withBody) expect(Object.keys(op.responses), at).toContain('413');
    expect(Object.keys(doc.paths['/v1/tokens']!.post!.responses)).toContain('415');
    expect(Object.keys(doc.paths['/oauth/token']!.post!.responses)).not.toContain('415');
  });

  it('documents the storable-text pattern, the report range, 304 and If-None-Match', () => {
    const { ProjectInput, PlacedItem, MessageInput } = doc.components.schemas;
    for (const field of [
      ProjectInput!.properties.name,
      PlacedItem!.properties.id,
      MessageInput!.properties.subject,
    ]) {
      expect(field?.pattern).toBe(STORABLE_TEXT.source);
    }
    const usage = doc.paths['/v1/reporting/usage']!.get!;
    expect(usage.parameters?.find((p) => p.name === 'from')?.schema.description).toContain(
      '1970-01-01 to 9999-12-31',
    );
    const read = doc.paths['/v1/projects/{id}']!.get!;
    expect(Object.keys(read.responses)).toContain('304');
    expect(read.parameters?.map((p) => p.name)).toContain('if-none-match');
  });
});

describe('/openapi.json is built once', () => {
  it('answers two requests with the identical body, generating the document once', async () => {
    const app = createApp(tp.platform.services);
    const build = vi.spyOn(app, 'getOpenAPI31Document');
    const first = await app.request('/openapi.json');
    const second = await app.request('/openapi.json');
    expect(first.status).toBe(200);
    expect(first.headers.get('Content-Type')).toMatch(/^application\/json/);
    const body = await first.text();
    expect(await second.text()).toBe(body);
    expect(JSON.parse(body).openapi).toBe('3.1.0');
    expect(build).toHaveBeenCalledTimes(1);
  });
});
