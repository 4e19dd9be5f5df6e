import type { InboxMessage, Project, ProjectInput } from '@planner/contract';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RequestOptions } from './queue/request-queue.ts';
import { invalidToken } from './testing/fake-fetch.ts';
import { flush, queueHarness } from './testing/queue-harness.ts';
import { createWebServices } from './web-services.ts';

afterEach(() => {
  vi.useRealTimers();
});

const input: ProjectInput = {
  name: 'Kitchen',
  room: { width_cm: 400, depth_cm: 300, unit: 'cm' },
  items: [],
};
const stored: Project = {
  ...input,
  id: '8a6e0804-2bd0-4672-b79d-d97358571e78',
  version: 2,
  created_at: '2030-01-01T12:00:00.000Z',
  updated_at: '2030-01-01T12:05:00.000Z',
};

/** A requester that records calls and answers with the given response. */
function platform(answer: (url: string, options: RequestOptions) => Response) {
  const calls: Array<{ url: string; options: RequestOptions; headers: Headers }> = [];
  const queue = {
    request: async (url: string, options: RequestOptions = {}) => {
      calls.push({ url, options, headers: new Headers(options.headers) });
      return answer(url, options);
    },
  };
  return { calls, services: createWebServices({ baseUrl: 'https://api.example/', queue }) };
}

const error = (status: number, code: string, description: string) =>
  Response.json({ error: code, error_description: description }, { status });

const page = (ids: string[], next: number | null, version = 1, offset = 0) => ({
  version,
  currency: 'EUR',
  categories: ['Seating'],
  items: ids.map((id) => ({ id })),
  total: 3,
  offset,
  next_offset: next,
});

describe('the catalog', () => {
  it('collects every page, revalidating each with its ETag: 304s reuse the bodies', async () => {
    const { calls, services } = platform((url, options) => {
      const offset = Number(new URL(url).searchParams.get('offset') ?? 0);
      const etag = `"p${offset}"`;
      if (new Headers(options.headers).get('If-None-Match') === etag)
        return new Response(null, { status: 304, headers: { ETag: etag } });
      const body = offset === 0 ? page(['a', 'b'], 2) : page(['c'], null, 1, 2);
      return Response.json(body, { headers: { ETag: etag } });
    });
    const first = await services.getCatalog();
    expect(first.items.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(first).toMatchObject({ offset: 0, next_offset: null, total: 3, version: 1 });
    expect(calls.map((c) => c.headers.get('If-None-Match'))).toEqual([null, null]);
    const again = await services.getCatalog();
    expect(again).toEqual(first);
    expect(calls.slice(2).map((c) => [c.url, c.headers.get('If-None-Match')])).toEqual([
      ['https://api.example/v1/catalog?limit=200', '"p0"'],
      ['https://api.example/v1/catalog?offset=2&limit=200', '"p2"'],
    ]);
  });

  it('starts again when an import lands between two pages', async () => {
    let version = 1;
    const { calls, services } = platform((url) => {
      const offset = Number(new URL(url).searchParams.get('offset') ?? 0);
      if (offset === 0) return Response.json(page(['a', 'b'], 2, version));
      version = 2;
      return Response.json(page(['c'], null, version, 2));
    });
    const catalog = await services.getCatalog();
    expect(catalog.version).toBe(2);
    expect(catalog.items.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(calls).toHaveLength(4);
  });

  it('searches on the server, and looks items up by id', async () => {
    const { calls, services } = platform((url) =>
      Response.json(url.includes('/items') ? { version: 1, items: [], missing: ['x/y'] } : page([], null)),
    );
    await services.searchCatalog({ q: 'oak sofa', category: 'Seating', offset: 0, limit: 30 });
    await services.searchCatalog({ q: '' });
    expect((await services.lookupCatalogItems(['a', 'x/y'])).missing).toEqual(['x/y']);
    expect(calls.map((c) => c.url)).toEqual([
      'https://api.example/v1/catalog?q=oak+sofa&category=Seating&offset=0&limit=30',
      'https://api.example/v1/catalog',
      'https://api.example/v1/catalog/items?ids=a,x%2Fy',
    ]);
  });
});

describe('web services', () => {
  it('reads the catalog, the identity and the project list from their routes', async () => {
    const { calls, services } = platform((url) =>
      Response.json(url.includes('/catalog') ? page([], null) : { url }),
    );
    expect(await services.getCatalog()).toEqual(page([], null));
    await services.getIdentity();
    await services.listProjects();
    expect(calls.map((c) => [c.options.method, c.url])).toEqual([
      ['GET', 'https://api.example/v1/catalog?limit=200'],
      ['GET', 'https://api.example/v1/me'],
      ['GET', 'https://api.example/v1/projects'],
    ]);
    expect(calls[0]!.headers.get('Accept')).toBe('application/json');
  });

  it('creates a project (201 + ETag) and reads one with its ETag, escaping the id', async () => {
    const { calls, services } = platform(() =>
      Response.json(stored, { status: 201, headers: { ETag: '"v2"' } }),
    );
    expect(await services.createProject(input)).toEqual({ project: stored, etag: '"v2"' });
    expect(calls[0]!.options).toMatchObject({ method: 'POST', json: input });
    await services.getProject('a/b');
    expect(calls[1]!.url).toBe('https://api.example/v1/projects/a%2Fb');
  });

  it('updates with If-Match, and maps 412 to CONFLICT', async () => {
    let status = 200;
    const { calls, services } = platform(() =>
      status === 200
        ? Response.json(stored, { headers: { ETag: '"v3"' } })
        : error(412, 'precondition_failed', 'The project changed since it was read.'),
    );
    expect((await services.updateProject(stored.id, input, '"v2"')).etag).toBe('"v3"');
    expect(calls[0]!.options.method).toBe('PUT');
    expect(calls[0]!.headers.get('If-Match')).toBe('"v2"');

    status = 412;
    await expect(services.updateProject(stored.id, input, '"v1"')).rejects.toMatchObject({
      name: 'ApiClientError',
      code: 'CONFLICT',
      status: 412,
      platformError: 'precondition_failed',
      message: 'The project changed since it was read.',
    });
  });

  it('deletes (204), with If-Match only when an ETag is given', async () => {
    const { calls, services } = platform(() => new Response(null, { status: 204 }));
    await services.deleteProject(stored.id);
    await services.deleteProject(stored.id, '"v2"');
    expect(calls.map((c) => [c.options.method, c.headers.get('If-Match')])).toEqual([
      ['DELETE', null],
      ['DELETE', '"v2"'],
    ]);
  });

  it.each([
    [403, 'insufficient_scope', 'HTTP_ERROR'],
    [404, 'not_found', 'HTTP_ERROR'],
    [428, 'precondition_required', 'HTTP_ERROR'],
  ])('maps %i %s to %s with the status and the platform code', async (status, code, expected) => {
    const { services } = platform(() => error(status, code, 'Something the platform said.'));
    await expect(services.getProject('x')).rejects.toMatchObject({
      code: expected,
      status,
      platformError: code,
    });
  });

  it('reads the inbox, with an optional limit', async () => {
    const message: InboxMessage = {
      id: '3f1c2a56-0b7e-4a8e-9d51-1b2c3d4e5f60',
      subject: 'Your sofa has shipped',
      body: 'It arrives on Monday.',
      from: { name: 'Demo Furniture' },
      broadcast: false,
      created_at: '2030-01-01T12:00:00.000Z',
      read_at: null,
    };
    const inbox = { messages: [message], unread_count: 1 };
    const { calls, services } = platform(() => Response.json(inbox));
    expect(await services.getInbox()).toEqual(inbox);
    await services.getInbox({ limit: 10 });
    expect(calls.map((c) => [c.options.method, c.url])).toEqual([
      ['GET', 'https://api.example/v1/messagebox/inbox'],
      ['GET', 'https://api.example/v1/messagebox/inbox?limit=10'],
    ]);
    expect(calls[1]!.options).not.toHaveProperty('limit');
  });

  it('marks a message read with a POST, escaping the id, and maps 404', async () => {
    const read = { id: 'm/1', read_at: '2030-01-01T12:10:00.000Z' };
    let status = 200;
    const { calls, services } = platform(() =>
      status === 200 ? Response.json(read) : error(404, 'not_found', 'No such message.'),
    );
    expect(await services.markMessageRead('m/1')).toEqual(read);
    expect(calls[0]!.options.method).toBe('POST');
    expect(calls[0]!.url).toBe('https://api.example/v1/messagebox/messages/m%2F1/read');

    status = 404;
    await expect(services.markMessageRead('gone')).rejects.toMatchObject({
      code: 'HTTP_ERROR',
      status: 404,
      platformError: 'not_found',
      message: 'No such message.',
    });
  });

  it('fails clearly on an answer that is not JSON, or lacks the ETag', async () => {
    const { services } = platform((url) =>
      url.includes('/catalog') ? new Response('<html>', { status: 200 }) : Response.json(stored),
    );
    await expect(services.getCatalog()).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
    await expect(services.getProject(stored.id)).rejects.toMatchObject({
      code: 'INVALID_RESPONSE',
      message: expect.stringContaining('Access-Control-Expose-Headers'),
    });
    const { services: proxied } = platform(() => new Response('Bad gateway', { status: 502 }));
    await expect(proxied.listProjects()).rejects.toMatchObject({ code: 'HTTP_ERROR', status: 502 });
  });

  it('through the queue: a save replayed after a refresh keeps its Idempotency-Key and If-Match', async () => {
    let t1 = '';
    const q = queueHarness({
      responder: (r) =>
        r.token === t1 ? invalidToken() : Response.json(stored, { headers: { ETag: '"v3"' } }),
    });
    t1 = q.give();
    const services = createWebServices({ baseUrl: 'https://api.example', queue: q.queue });
    const saved = services.updateProject(stored.id, input, '"v2"');
    await flush();
    q.give();
    expect((await saved).etag).toBe('"v3"');
    const [first, replay] = q.requests;
    expect(replay!.headers.get('Idempotency-Key')).toBe(first!.headers.get('Idempotency-Key'));
    expect(replay!.headers.get('If-Match')).toBe('"v2"');
    expect(JSON.parse(new TextDecoder().decode(await replay!.bytes()))).toEqual(input);
  });
});
