/**
 * The stand-alone preview (`dev.html`): the real UI on fake services, for looking at the
 * planner without a platform or a host page. Not part of the product build.
 *
 * Query parameters: `session` (connecting | visitor | signed-in | read-only | refreshing |
 * renew-failed | offline | refused), `scenario` (empty | furnished), `latency` (ms),
 * `locale`, `nodraft` (memory-only drafts).
 */
import { mountPlanner } from '../app.ts';
import type { Draft } from '../draft/draft.ts';
import { draftKey } from '../draft/draft.ts';
import type { Catalog } from '../editor/design.ts';
import { rectangleCorners, roomOf } from '../room/format.ts';
import type { SessionState } from '../services.ts';
import { FakeServices } from '../testing/fake-services.ts';
import seed from './seed-catalog.json';

const params = new URLSearchParams(location.search);
const symbols = new Map(seed.items.map((i) => [i.symbol_url, i.symbol_svg]));
const items = seed.items.map(({ symbol_svg: _svg, ...item }) => ({
  ...item,
  image_url: null,
  variants: [],
  sold: true,
}));
const catalog: Catalog = {
  version: 1,
  currency: 'EUR',
  categories: seed.categories,
  items,
  total: items.length,
  offset: 0,
  next_offset: null,
};

function sessionFrom(name: string | null): SessionState {
  switch (name) {
    case 'visitor':
      return { status: 'visitor' };
    case 'read-only':
      return { status: 'signed-in', userId: 'anna@example.com', canSave: false };
    case 'refreshing':
      return { status: 'refreshing', previous: 'signed-in' };
    case 'renew-failed':
      return { status: 'renew-failed', reason: 'HOST_TIMEOUT' };
    case 'offline':
      return { status: 'offline' };
    case 'refused':
      return { status: 'refused' };
    case 'connecting':
      return { status: 'connecting' };
    default:
      return { status: 'signed-in', userId: 'anna@example.com', canSave: true };
  }
}

const services = new FakeServices({
  catalog,
  latencyMs: Number(params.get('latency') ?? 300),
  session: { status: 'connecting' },
  symbolUrl: (relative) =>
    `data:image/svg+xml;charset=utf-8,${encodeURIComponent(symbols.get(relative) ?? '')}`,
});
// The token arrives a moment after the page loads, as it does from a real host.
const target = sessionFrom(params.get('session'));
if (target.status !== 'connecting') setTimeout(() => services.setSession(target), 400);

await services.createProject({
  name: 'Bedroom',
  room: { width_cm: 380, depth_cm: 420, unit: 'm' },
  items: [{ id: 'b1', catalog_id: 'bed-double-160', x: 190, y: 106, rotation: 0 }],
});
await services.createProject({
  name: 'Home office',
  room: { width_cm: 300, depth_cm: 280, unit: 'cm' },
  items: [],
});

const storage = params.has('nodraft') ? null : localStorage;
// The furnished draft belongs to whoever the chosen session is (the visitor while connecting).
const key = draftKey(location.origin, ownerOf(target));
if (params.get('scenario') === 'furnished' && storage) {
  const draft: Draft = {
    v: 1,
    savedAt: new Date().toISOString(),
    project: { id: null, etag: null, version: null, name: 'Living room', ownerId: null },
    dirty: true,
    pendingSave: null,
    design: {
      room: roomOf(rectangleCorners(560, 440), 'm'),
      items: [
        { id: 'rug', catalog_id: 'rug-200x300', x: 280, y: 240, rotation: 90 },
        { id: 'tv', catalog_id: 'tv-bench', x: 280, y: 21, rotation: 0 },
        { id: 'sofa', catalog_id: 'sofa-3-seat', x: 280, y: 392.5, rotation: 180 },
        { id: 'table', catalog_id: 'coffee-table', x: 280, y: 250, rotation: 0 },
        { id: 'arm', catalog_id: 'armchair', x: 75, y: 250, rotation: 270 },
        { id: 'side', catalog_id: 'side-table-round', x: 60, y: 150, rotation: 0 },
        { id: 'plant', catalog_id: 'plant-large', x: 40, y: 40, rotation: 0 },
        { id: 'lamp', catalog_id: 'floor-lamp', x: 520, y: 395, rotation: 0 },
        { id: 'books', catalog_id: 'bookcase', x: 545, y: 200, rotation: 90 },
      ],
    },
  };
  storage.setItem(key, JSON.stringify(draft));
} else if (params.get('scenario') === 'empty') {
  storage?.removeItem(key);
}

function ownerOf(state: SessionState): string {
  return state.status === 'signed-in' ? `user:le-test:${state.userId}` : 'visitor:le-test';
}

const root = document.getElementById('planner');
if (!root) throw new Error('#planner is missing');
const commands = mountPlanner(root, services, {
  storage,
  locale: params.get('locale') ?? 'en-GB',
});
Object.assign(globalThis, { dev: { services, commands } });
