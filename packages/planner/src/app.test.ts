// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { mountPlanner } from './app.ts';
import type { PlannerApp } from './components/planner-app.ts';
import { parseDraft } from './draft/draft.ts';
import type { SessionState } from './services.ts';
import { FakeServices, type FakeServicesOptions, MemoryStorage } from './testing/fake-services.ts';
import { catalogItem } from './testing/fixtures.ts';

const KEY = 'draft-test';
const tick = () => new Promise((r) => setTimeout(r, 0));

async function setup(
  session?: SessionState,
  storage = new MemoryStorage(),
  options: FakeServicesOptions = {},
) {
  // What the app loads after its first paint (banners, inbox, dialogs), loaded once up front
  // so that `settle` does not race the module loader.
  await import('./components/deferred.ts');
  // It also holds the plan's gestures and the warnings' code: the loader keeps them for render.
  await (await import('./components/warnings-loader.ts')).loadWarnings();
  const services = new FakeServices({ ...options, ...(session ? { session } : {}) });
  const root = document.createElement('div');
  document.body.append(root);
  const controller = new AbortController();
  const commands = mountPlanner(root, services, {
    storage,
    draftKey: KEY,
    locale: 'en-GB',
    signal: controller.signal,
  });
  const app = root.querySelector('planner-app') as PlannerApp;
  await settle(app);
  const shadow = (el: Element) => el.shadowRoot!;
  const q = <T extends Element>(sel: string, from: ParentNode = shadow(app)) => deepQuery(from, sel) as T;
  const catalog = () => shadow(q('planner-catalog'));
  const canvas = () => shadow(q('planner-canvas'));
  const items = () => [...canvas().querySelectorAll('g.item')] as SVGGElement[];
  const button = (text: string, from: ParentNode = shadow(app)) =>
    [...from.querySelectorAll('button')].find((b) =>
      b.textContent?.trim().startsWith(text),
    ) as HTMLButtonElement;
  const key = (target: EventTarget, init: KeyboardEventInit) =>
    target.dispatchEvent(
      new KeyboardEvent('keydown', { bubbles: true, composed: true, cancelable: true, ...init }),
    );
  const live = () => q('[role="status"][aria-live="polite"]').textContent?.trim();
  return { services, storage, app, commands, controller, q, catalog, canvas, items, button, key, live, root };
}

/** The first match in `from` or in the shadow roots below it (the app is made of components). */
function deepQuery(from: ParentNode, sel: string): Element | null {
  const here = from.querySelector(sel);
  if (here) return here;
  for (const el of from.querySelectorAll('*')) {
    const found = el.shadowRoot ? deepQuery(el.shadowRoot, sel) : null;
    if (found) return found;
  }
  return null;
}

async function settle(app: PlannerApp) {
  const updates = async (root: ParentNode | null | undefined): Promise<void> => {
    for (const child of root?.querySelectorAll('*') ?? []) {
      if ('updateComplete' in child) await (child as PlannerApp).updateComplete;
      await updates(child.shadowRoot);
    }
  };
  for (let i = 0; i < 4; i++) {
    await tick();
    await app.updateComplete;
    await updates(app.shadowRoot);
  }
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('mountPlanner', () => {
  it('shows the catalog and adds an item by click, at the centre, selected and announced', async () => {
    const t = await setup();
    expect(t.catalog().querySelectorAll('li.card')).toHaveLength(4);
    t.button('Add to room', t.catalog().querySelector('li.card')!).click();
    await settle(t.app);
    expect(t.items()).toHaveLength(1);
    expect(t.items()[0]!.classList.contains('selected')).toBe(true);
    expect(t.live()).toMatch(/^Added Halden 3-Seat Sofa/);
    const snapshot = await t.commands.getProject();
    // Centred, with its edges on the 10 cm grid: left edge 140, top edge 150.
    expect(snapshot.items[0]).toMatchObject({ catalog_id: 'sofa', x: 254, y: 197.5, rotation: 0 });
  });

  it('moves, rotates, deletes with the keyboard, and undoes with Ctrl+Z', async () => {
    const t = await setup();
    t.button('Add to room', t.catalog().querySelector('li.card')!).click();
    await settle(t.app);
    const before = (await t.commands.getProject()).items[0]!;
    t.key(t.items()[0]!, { key: 'ArrowRight' });
    t.key(t.items()[0]!, { key: 'ArrowDown', shiftKey: true });
    t.key(t.items()[0]!, { key: 'r' });
    await settle(t.app);
    const after = (await t.commands.getProject()).items[0]!;
    expect(after.x - before.x).toBe(10);
    expect(after.y - before.y).toBe(100);
    expect(after.rotation).toBe(90);
    expect(t.live()).toMatch(/Rotated Halden 3-Seat Sofa to 90°/);

    t.key(t.items()[0]!, { key: 'Delete' });
    await settle(t.app);
    expect(t.items()).toHaveLength(0);
    t.key(t.app, { key: 'z', ctrlKey: true });
    await settle(t.app);
    expect(t.items()).toHaveLength(1);
    expect(t.live()).toMatch(/^Undone: Delete Halden 3-Seat Sofa/);
    t.key(t.app, { key: 'z', ctrlKey: true, shiftKey: true });
    await settle(t.app);
    expect(t.items()).toHaveLength(0);
  });

  it('leaves Ctrl+Z to the browser inside a text field', async () => {
    const t = await setup();
    t.button('Add to room', t.catalog().querySelector('li.card')!).click();
    await settle(t.app);
    const name = t.q<HTMLInputElement>('#project-name');
    const notCancelled = t.key(name, { key: 'z', ctrlKey: true });
    await settle(t.app);
    expect(notCancelled).toBe(true);
    expect(t.items()).toHaveLength(1);
  });

  it('duplicates with Ctrl+D and selects the copy', async () => {
    const t = await setup();
    t.button('Add to room', t.catalog().querySelectorAll('li.card')[1]!).click();
    await settle(t.app);
    t.key(t.items()[0]!, { key: 'd', ctrlKey: true });
    await settle(t.app);
    expect(t.items()).toHaveLength(2);
    expect(t.items()[1]!.classList.contains('selected')).toBe(true);
    expect(t.q('planner-inspector').shadowRoot!.textContent).toContain('Tova Dining Chair');
  });

  it('keeps every change in the local draft and restores it on the next mount', async () => {
    const storage = new MemoryStorage();
    const first = await setup(undefined, storage);
    first.button('Add to room', first.catalog().querySelector('li.card')!).click();
    await settle(first.app);
    first.controller.abort(); // unmount writes the pending draft
    // Under the owner's key: the default session is shopper-1's.
    expect(parseDraft(storage.getItem(`${KEY}:user:le-test:shopper-1`))).toMatchObject({
      dirty: true,
      design: { items: [{ catalog_id: 'sofa' }] },
    });

    // Shown once the session says it is the same owner's, not while connecting.
    const second = await setup({ status: 'connecting' }, storage);
    expect(second.items()).toHaveLength(0);
    second.services.setSession({ status: 'signed-in', userId: 'shopper-1', canSave: true });
    await settle(second.app);
    expect(second.items()).toHaveLength(1);
    expect(second.q('.save-state').textContent).toContain('Unsaved changes');
    expect(second.q('.banner').textContent).toContain('restored');
  });

  it('asks a visitor to log in instead of saving', async () => {
    const t = await setup({ status: 'visitor' });
    t.q<HTMLButtonElement>('button.save').click();
    await settle(t.app);
    expect(t.services.loginRequests).toEqual(['save']);
    expect(t.q('.banner.login').textContent).toContain('Log in on the shop to save');
    expect(t.services.calls.some((c) => c.method === 'createProject')).toBe(false);
  });

  it('saves a signed-in user’s project, then shows it as saved and tells the host', async () => {
    const t = await setup();
    const name = t.q<HTMLInputElement>('#project-name');
    name.value = 'Studio';
    name.dispatchEvent(new Event('input'));
    t.q<HTMLButtonElement>('button.save').click();
    await settle(t.app);
    expect(t.services.saved).toEqual([{ id: expect.any(String), name: 'Studio', version: 1 }]);
    expect(t.q('.save-state').textContent).toContain('Saved · v1');
  });

  it('offers the two ways out of a conflict', async () => {
    const t = await setup();
    const saved = await t.commands.saveProject();
    t.services.editElsewhere(saved.id, { name: 'Theirs' });
    t.button('Add to room', t.catalog().querySelector('li.card')!).click();
    await settle(t.app);
    await expect(t.commands.saveProject()).rejects.toMatchObject({ code: 'CONFLICT' });
    await settle(t.app);
    const banner = t.q('.banner.conflict');
    expect(banner.getAttribute('role')).toBe('alert');
    t.button('Keep mine', banner).click();
    await settle(t.app);
    expect(t.services.projects.size).toBe(2);
    expect(t.services.projects.get(saved.id)?.name).toBe('Theirs');
  });

  it('shows the session and retries a failed renewal', async () => {
    const t = await setup({ status: 'renew-failed', reason: 'HOST_TIMEOUT' });
    const status = t.q('planner-session-status').shadowRoot!;
    expect(status.textContent).toContain('Session could not be renewed');
    // The reason is the planner's sentence for its code, not a message from elsewhere.
    expect(t.q('.banner.error').textContent).toContain('The shop did not send a new session in time.');
    t.button('Retry', t.q('.banner.error')).click();
    expect(t.services.retries).toBe(1);
    t.services.setSession({ status: 'refused' });
    await settle(t.app);
    expect(t.q('.banner.error').textContent).toContain('This page is not allowed to embed the planner');
    t.services.setSession({ status: 'signed-in', userId: 'ann', canSave: true });
    await settle(t.app);
    expect(status.textContent).toContain('Signed in as ann');
  });

  it('implements the host commands', async () => {
    const t = await setup();
    const { project } = await t.services.createProject({
      name: 'Hall',
      room: { width_cm: 300, depth_cm: 200, unit: 'cm' },
      items: [{ id: 'h1', catalog_id: 'chair', x: 30, y: 30, rotation: 0 }],
    });
    const opened = await t.commands.openProject(project.id);
    expect(opened).toMatchObject({ id: project.id, name: 'Hall', room: { width_cm: 300 } });
    await settle(t.app);
    expect(t.items()).toHaveLength(1);
    const fresh = await t.commands.newProject();
    expect(fresh).toMatchObject({ id: null, items: [] });
  });

  it('places a catalog item for the host (addItem), and refuses one the catalog does not have', async () => {
    const t = await setup();
    const project = await t.commands.addItem('sofa');
    expect(project.items.map((i) => i.catalog_id)).toEqual(['sofa']);
    await settle(t.app);
    expect(t.items()).toHaveLength(1);
    await expect(t.commands.addItem('unicorn')).rejects.toMatchObject({ code: 'NOT_IN_CATALOG' });
  });

  it('loads the shopping list, and reports the design to the host as analytics', async () => {
    const t = await setup();
    // The lazy chunk defines the element and starts the analytics in the same step.
    await customElements.whenDefined('planner-shopping-list');
    await settle(t.app);
    t.button('Add to room', t.catalog().querySelectorAll('li.card')[0]!).click();
    await settle(t.app);
    const list = t.q('planner-shopping-list');
    expect(list.shadowRoot?.querySelector('tbody tr')?.textContent).toContain('Halden 3-Seat Sofa');
    expect(t.services.analytics).toEqual([
      { event: 'design_started' },
      { event: 'item_added', sku: 'sofa', category: 'Seating' },
    ]);
  });

  it('keeps a piece whose item is no longer sold: its size and price, flagged by name', async () => {
    const lamp = catalogItem('old-lamp', 40, 40, { name: 'Old Lamp', price_cents: 5000 });
    const t = await setup(undefined, new MemoryStorage(), { retired: [lamp] });
    const { project } = await t.services.createProject({
      name: 'Den',
      room: { width_cm: 300, depth_cm: 200, unit: 'cm' },
      items: [{ id: 'l1', catalog_id: 'old-lamp', x: 30, y: 30, rotation: 0 }],
    });
    await t.commands.openProject(project.id);
    await settle(t.app);
    expect(t.services.calls.filter((c) => c.method === 'lookupCatalogItems').map((c) => c.args[0])).toEqual([
      ['old-lamp'],
    ]);
    expect(t.items()).toHaveLength(1);
    expect(t.items()[0]!.getAttribute('aria-label')).toContain('Old Lamp (no longer sold)');
    expect(t.q('.total output').textContent).toBe('€50.00');
    // The catalog list shows only what is on sale.
    expect(t.catalog().textContent).not.toContain('Old Lamp');
  });

  it('shows the price total of the placed items', async () => {
    const t = await setup();
    t.button('Add to room', t.catalog().querySelectorAll('li.card')[0]!).click();
    t.button('Add to room', t.catalog().querySelectorAll('li.card')[1]!).click();
    await settle(t.app);
    expect(t.q('.total output').textContent).toBe('€1,018.00');
  });

  it('asks before New discards unsaved changes (the flows and dialogs load after the first paint)', async () => {
    const t = await setup();
    t.button('Add to room', t.catalog().querySelector('li.card')!).click();
    await settle(t.app);
    t.q<HTMLButtonElement>('button[title="New project"]').click();
    await settle(t.app);
    const dialog = t.q('ui-confirm-dialog').shadowRoot!;
    expect(dialog.querySelector('h2')?.textContent).toBe('Start a new project?');
    t.button('Keep editing', dialog).click();
    await settle(t.app);
    expect(t.items()).toHaveLength(1);
    t.q<HTMLButtonElement>('button[title="New project"]').click();
    await settle(t.app);
    t.button('Discard and start new', dialog).click();
    await settle(t.app);
    expect(t.items()).toHaveLength(0);
    expect(t.live()).toBe('Started a new, empty project.');
  });
});
