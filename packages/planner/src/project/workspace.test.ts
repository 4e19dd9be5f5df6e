import { ApiClientError } from '@planner/api-client';
import { describe, expect, it } from 'vitest';
import { DraftShelf } from '../draft/draft-store.ts';
import { addItem, moveItemBy } from '../editor/commands.ts';
import { FakeServices, MemoryStorage } from '../testing/fake-services.ts';
import { isPlannerError } from './planner-error.ts';
import { Workspace } from './workspace.ts';

const PREFIX = 'planner:draft:v1:test';
const ADA = { status: 'signed-in', userId: 'ada', canSave: true } as const;
const BEN = { status: 'signed-in', userId: 'ben', canSave: true } as const;

function setup(options: { services?: FakeServices; storage?: MemoryStorage } = {}) {
  const services = options.services ?? new FakeServices();
  const storage = options.storage ?? new MemoryStorage();
  let n = 0;
  const ws = new Workspace({
    services,
    drafts: new DraftShelf({ storage, prefix: PREFIX, debounceMs: 0 }),
    newKey: () => `key-${++n}`,
  });
  services.session.subscribe((s) => ws.onSession(s));
  /** The current owner's stored draft. */
  const stored = () => JSON.parse(storage.getItem(`${PREFIX}:${services.session.owner()}`) ?? 'null');
  return { services, storage, ws, stored };
}

const addChair = (ws: Workspace, id = 'c1') =>
  ws.editor.apply('Add chair', (d) => addItem(d, 'chair', { x: 100, y: 100 }, id));

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('Workspace: drafts', () => {
  it('marks edits dirty and keeps them in the draft', () => {
    const { ws, stored } = setup();
    expect(ws.state.dirty).toBe(false);
    addChair(ws);
    ws.flushDraft();
    expect(ws.state.dirty).toBe(true);
    expect(stored()).toMatchObject({ dirty: true, design: { items: [{ id: 'c1' }] } });
  });

  it('restores a dirty draft once the session says whose it is, and not before', () => {
    const storage = new MemoryStorage();
    const first = setup({ storage });
    addChair(first.ws);
    first.ws.rename('Den');
    first.ws.flushDraft();

    const services = new FakeServices({ session: { status: 'connecting' } });
    const { ws } = setup({ services, storage });
    expect(ws.design.items).toEqual([]);
    expect(ws.state).toMatchObject({
      dirty: false,
      project: { name: 'Untitled room' },
      draftPersistent: true,
    });
    services.setSession({ status: 'signed-in', userId: 'shopper-1', canSave: true });
    expect(ws.design.items.map((i) => i.id)).toEqual(['c1']);
    expect(ws.state).toMatchObject({ dirty: true, project: { name: 'Den' }, notice: { kind: 'info' } });
  });

  it('marks the draft clean only when the platform confirms the save', async () => {
    const { ws, services, stored } = setup();
    addChair(ws);
    services.fail('createProject', new ApiClientError('NETWORK_ERROR', 'Failed to fetch'));
    await expect(ws.save()).rejects.toMatchObject({ code: 'SAVE_FAILED' });
    expect(stored().dirty).toBe(true);
    await ws.save();
    expect(stored()).toMatchObject({ dirty: false, project: { etag: '"v1"' } });
  });
});

describe('Workspace: saving', () => {
  it('asks a visitor to log in instead of saving', async () => {
    const { ws, services } = setup({ services: new FakeServices({ session: { status: 'visitor' } }) });
    addChair(ws);
    const error = await rejection(ws.save());
    expect(isPlannerError(error, 'LOGIN_REQUIRED')).toBe(true);
    expect(services.loginRequests).toEqual(['save']);
    expect(services.calls.some((c) => c.method === 'createProject')).toBe(false);
    expect(ws.state.notice).toMatchObject({ kind: 'login' });
    expect(ws.state.dirty).toBe(true);
  });

  it('drops the request to log in once the user has logged in with write access', async () => {
    const { ws, services } = setup({ services: new FakeServices({ session: { status: 'visitor' } }) });
    addChair(ws);
    await expect(ws.save()).rejects.toMatchObject({ code: 'LOGIN_REQUIRED' });
    services.setSession({ status: 'signed-in', userId: 'u', canSave: false });
    expect(ws.state.notice).toMatchObject({ kind: 'login' });
    services.setSession({ status: 'signed-in', userId: 'u', canSave: true });
    expect(ws.state.notice).toBeNull();
    expect(ws.state.dirty).toBe(true);
    await expect(ws.save()).resolves.toMatchObject({ version: 1 });
  });

  it('asks for a login when the user token is read-only', async () => {
    const services = new FakeServices({ session: { status: 'signed-in', userId: 'u', canSave: false } });
    const { ws } = setup({ services });
    await expect(ws.save()).rejects.toMatchObject({ code: 'LOGIN_REQUIRED' });
    expect(services.loginRequests).toEqual(['save']);
  });

  it('refuses to save offline without sending anything while no session is known', async () => {
    const { ws, services } = setup({ services: new FakeServices({ session: { status: 'offline' } }) });
    await expect(ws.save()).rejects.toMatchObject({ code: 'OFFLINE' });
    expect(services.calls).toHaveLength(0);
  });

  it('offline, a signed-in save goes to the queue (which sends it once back); a visitor is asked to log in', async () => {
    const signedIn = { status: 'signed-in', userId: 'u', canSave: true } as const;
    const { ws, services } = setup({
      services: new FakeServices({ session: { status: 'offline', session: signedIn } }),
    });
    await expect(ws.save()).resolves.toMatchObject({ version: 1 });
    expect(services.calls.length).toBeGreaterThan(0);

    const visitor = new FakeServices({ session: { status: 'offline', session: { status: 'visitor' } } });
    const { ws: ws2 } = setup({ services: visitor });
    await expect(ws2.save()).rejects.toMatchObject({ code: 'LOGIN_REQUIRED' });
    expect(visitor.calls).toHaveLength(0);
  });

  it('creates the project first, then updates it with its ETag', async () => {
    const { ws, services } = setup();
    addChair(ws);
    ws.rename('Living room');
    const first = await ws.save();
    expect(first).toMatchObject({ name: 'Living room', version: 1 });
    expect(ws.state).toMatchObject({
      dirty: false,
      project: { id: first.id, etag: '"v1"', ownerId: 'shopper-1' },
    });

    ws.editor.apply('Move', (d) => moveItemBy(d, 'c1', 10, 0));
    const second = await ws.save();
    expect(second).toEqual({ id: first.id, name: 'Living room', version: 2 });
    const update = services.calls.find((c) => c.method === 'updateProject');
    expect(update?.args[2]).toBe('"v1"');
    expect(services.projects.get(first.id)?.items[0]?.x).toBe(110);
    expect(services.saved).toEqual([first, second]);
    // For the host's analytics: how many pieces, nothing about whose project or its name.
    expect(services.analytics).toEqual([
      { event: 'project_saved', items: 1 },
      { event: 'project_saved', items: 1 },
    ]);
  });

  it('saves a piece’s variant and opens it again; a piece without one saves as before', async () => {
    const { ws, services } = setup();
    addChair(ws, 'c1');
    addChair(ws, 'c2');
    ws.editor.apply('Black', (d) => ({
      ...d,
      items: d.items.map((i) => (i.id === 'c1' ? { ...i, variant: 'chair-black' } : i)),
    }));
    const saved = await ws.save();
    const create = services.calls.find((c) => c.method === 'createProject');
    const sent = JSON.parse(JSON.stringify(create?.args[0])) as { items: Record<string, unknown>[] };
    expect(sent.items.map((i) => i.variant)).toEqual(['chair-black', undefined]);
    expect(Object.keys(sent.items[1]!)).toEqual(['id', 'catalog_id', 'x', 'y', 'rotation']);
    // Elsewhere, later: the project opens with the variant on its piece.
    const other = setup({ services });
    await other.ws.open(saved.id);
    expect(other.ws.design.items.map((i) => i.variant)).toEqual(['chair-black', undefined]);
    // And so does the draft a reload restores.
    expect(other.stored().design.items[0].variant).toBe('chair-black');
  });

  it('saves a blank name as "Untitled room"', async () => {
    const { ws } = setup();
    ws.rename('   ');
    expect((await ws.save()).name).toBe('Untitled room');
    expect(ws.state.project.name).toBe('Untitled room');
  });

  it('joins a save already in flight', async () => {
    const { ws, services } = setup();
    addChair(ws);
    const [a, b] = await Promise.all([ws.save(), ws.save()]);
    expect(a).toEqual(b);
    expect(services.calls.filter((c) => c.method === 'createProject')).toHaveLength(1);
  });

  it('stays dirty when the design changed while the save was in flight', async () => {
    const { ws } = setup();
    addChair(ws);
    const saving = ws.save();
    ws.editor.apply('Move', (d) => moveItemBy(d, 'c1', 5, 0));
    await saving;
    expect(ws.state.dirty).toBe(true);
  });

  it('reuses the idempotency key when a save whose answer was lost is retried', async () => {
    const { ws, services } = setup();
    addChair(ws);
    services.loseResponse('createProject');
    await expect(ws.save()).rejects.toMatchObject({ code: 'SAVE_FAILED' });
    expect(services.projects.size).toBe(1);
    const saved = await ws.save();
    expect(services.projects.size).toBe(1);
    const keys = services.calls
      .filter((c) => c.method === 'createProject')
      .map((c) => (c.args[1] as { idempotencyKey: string }).idempotencyKey);
    expect(keys).toEqual(['key-1', 'key-1']);
    expect(saved.id).toBe([...services.projects.keys()][0]);
  });

  it('reuses the key after a reload, from the draft', async () => {
    const storage = new MemoryStorage();
    const services = new FakeServices();
    const first = setup({ services, storage });
    addChair(first.ws);
    services.loseResponse('createProject');
    await expect(first.ws.save()).rejects.toMatchObject({
      code: 'SAVE_FAILED',
      cause: { code: 'NETWORK_ERROR' },
    });

    const second = setup({ services, storage });
    await second.ws.save();
    expect(services.projects.size).toBe(1);
  });

  it('uses a new key once the content changed', async () => {
    const { ws, services } = setup();
    addChair(ws);
    services.fail('createProject', new ApiClientError('NETWORK_ERROR', 'Failed to fetch'));
    await expect(ws.save()).rejects.toMatchObject({ code: 'SAVE_FAILED', cause: { code: 'NETWORK_ERROR' } });
    ws.editor.apply('Move', (d) => moveItemBy(d, 'c1', 5, 0));
    await ws.save();
    const keys = services.calls
      .filter((c) => c.method === 'createProject')
      .map((c) => (c.args[1] as { idempotencyKey: string }).idempotencyKey);
    expect(keys).toEqual(['key-1', 'key-2']);
  });

  it('saves a project deleted elsewhere as a new one', async () => {
    const { ws, services } = setup();
    const { id } = await ws.save();
    services.projects.delete(id);
    addChair(ws);
    const saved = await ws.save();
    expect(saved.id).not.toBe(id);
    expect(services.projects.has(saved.id)).toBe(true);
  });
});

describe('Workspace: conflicts', () => {
  async function conflicted() {
    const s = setup();
    addChair(s.ws);
    const { id } = await s.ws.save();
    s.services.editElsewhere(id, { name: 'Their name', items: [] });
    s.ws.editor.apply('Move', (d) => moveItemBy(d, 'c1', 50, 0));
    const error = await rejection(s.ws.save());
    return { ...s, id, error };
  }

  it('never overwrites a newer version', async () => {
    const { ws, services, id, error } = await conflicted();
    expect(isPlannerError(error, 'CONFLICT')).toBe(true);
    expect(services.projects.get(id)).toMatchObject({ name: 'Their name', items: [], version: 2 });
    expect(ws.state).toMatchObject({ dirty: true, notice: { kind: 'conflict' } });
    expect(ws.design.items[0]?.x).toBe(150);
  });

  it('reloads theirs, and undo brings mine back', async () => {
    const { ws } = await conflicted();
    await ws.reloadTheirs();
    expect(ws.design.items).toEqual([]);
    expect(ws.state).toMatchObject({ dirty: false, project: { name: 'Their name', etag: '"v2"' } });
    ws.editor.undo();
    expect(ws.design.items[0]?.x).toBe(150);
    expect(ws.state.dirty).toBe(true);
  });

  it('keeps mine as a copy, leaving theirs alone', async () => {
    const { ws, services, id } = await conflicted();
    const copy = await ws.saveAsCopy();
    expect(copy.id).not.toBe(id);
    expect(copy.name).toBe('Untitled room (copy)');
    expect(services.projects.get(id)?.name).toBe('Their name');
    expect(services.projects.get(copy.id)?.items[0]?.x).toBe(150);
    expect(ws.state).toMatchObject({ dirty: false, project: { id: copy.id } });
  });
});

describe('Workspace: projects', () => {
  it('opens a project with a fresh history', async () => {
    const { ws, services } = setup();
    const { project } = await services.createProject({
      name: 'Bedroom',
      room: { width_cm: 300, depth_cm: 300, unit: 'cm' },
      items: [{ id: 'b1', catalog_id: 'sofa', x: 150, y: 100, rotation: 90 }],
    });
    addChair(ws);
    const snapshot = await ws.open(project.id);
    expect(snapshot).toMatchObject({ id: project.id, name: 'Bedroom', room: { width_cm: 300 } });
    expect(ws.editor.canUndo).toBe(false);
    expect(ws.state).toMatchObject({ dirty: false, project: { etag: '"v1"' } });
  });

  it('keeps the design as unsaved when the open project is deleted', async () => {
    const { ws, services } = setup();
    addChair(ws);
    const { id } = await ws.save();
    await ws.deleteProject(id);
    expect(services.projects.size).toBe(0);
    expect(ws.state).toMatchObject({ dirty: true, project: { id: null, etag: null } });
    expect(ws.design.items).toHaveLength(1);
    const deleteCall = services.calls.find((c) => c.method === 'deleteProject');
    expect(deleteCall?.args[1]).toBe('"v1"');
  });

  it('starts a new project', async () => {
    const { ws } = setup();
    addChair(ws);
    await ws.save();
    ws.newProject();
    expect(ws.snapshot()).toMatchObject({ id: null, name: 'Untitled room', items: [] });
    expect(ws.state.dirty).toBe(false);
  });

  it('shows another user their own draft, never the project of the user before', async () => {
    const { ws, services } = setup();
    addChair(ws);
    await ws.save();
    services.setSession({ status: 'signed-in', userId: 'someone-else', canSave: true });
    expect(ws.state.project).toMatchObject({ id: null, name: 'Untitled room' });
    expect(ws.design.items).toEqual([]);
    expect(ws.state.dirty).toBe(false);
    // Undo cannot bring the other user's design back either.
    expect(ws.editor.canUndo).toBe(false);
  });

  it('shows the newest version of a clean project restored from a draft', async () => {
    const storage = new MemoryStorage();
    const services = new FakeServices({ session: { status: 'connecting' } });
    const { project } = await services.createProject({
      name: 'Office',
      room: { width_cm: 300, depth_cm: 300, unit: 'cm' },
      items: [],
    });
    const first = setup({ services, storage });
    services.setSession({ status: 'signed-in', userId: 'shopper-1', canSave: true });
    await first.ws.open(project.id);
    services.editElsewhere(project.id, { name: 'Office v2' });

    const services2 = services;
    services2.setSession({ status: 'connecting' });
    const second = setup({ services: services2, storage });
    expect(second.ws.state.project.name).toBe('Untitled room');
    services2.setSession({ status: 'signed-in', userId: 'shopper-1', canSave: true });
    await new Promise((r) => setTimeout(r, 0));
    expect(second.ws.state.project).toMatchObject({ name: 'Office v2', etag: '"v2"' });
  });
});

describe('Workspace: drafts belong to their owner (shared device)', () => {
  it("Ada's design is not the visitor's after her logout, nor Ben's; it is hers again when she is back", async () => {
    const storage = new MemoryStorage();
    const { ws, services } = setup({ storage, services: new FakeServices({ session: ADA }) });
    addChair(ws, 'ada-chair');
    ws.rename('Ada lounge');
    await ws.save();
    addChair(ws, 'ada-unsaved');

    services.setSession({ status: 'connecting' }); // Logout: no token, no owner
    expect(ws.snapshot()).toMatchObject({ id: null, name: 'Untitled room', items: [] });
    services.setSession({ status: 'visitor' });
    expect(ws.snapshot()).toMatchObject({ id: null, name: 'Untitled room', items: [] });
    addChair(ws, 'visitor-chair');

    services.setSession(BEN);
    expect(ws.snapshot()).toMatchObject({ id: null, name: 'Untitled room', items: [] });
    await ws.save(); // Ben's save is Ben's empty room, never Ada's project
    expect(services.calls.filter((c) => c.method === 'updateProject')).toEqual([]);

    services.setSession({ status: 'connecting' });
    services.setSession({ status: 'visitor' });
    expect(ws.snapshot().items.map((i) => i.id)).toEqual(['visitor-chair']);

    services.setSession(ADA);
    expect(ws.snapshot()).toMatchObject({ name: 'Ada lounge' });
    expect(ws.snapshot().items.map((i) => i.id)).toEqual(['ada-chair', 'ada-unsaved']);
    expect(ws.state.dirty).toBe(true);

    // A new planner on the same device (a browser restart) shows each their own.
    const restarted = setup({ storage, services: new FakeServices({ session: { status: 'visitor' } }) });
    expect(restarted.ws.snapshot().items.map((i) => i.id)).toEqual(['visitor-chair']);
    restarted.services.setSession(BEN);
    expect(restarted.ws.snapshot().items).toEqual([]);
    restarted.services.setSession(ADA);
    expect(restarted.ws.snapshot().items.map((i) => i.id)).toEqual(['ada-chair', 'ada-unsaved']);
  });

  it('keeps the design of a visitor who was asked to log in to save, in the account they log in to', async () => {
    const storage = new MemoryStorage();
    const { ws, services } = setup({
      storage,
      services: new FakeServices({ session: { status: 'visitor' } }),
    });
    addChair(ws, 'mine');
    await expect(ws.save()).rejects.toMatchObject({ code: 'LOGIN_REQUIRED' });
    services.setSession(ADA);
    expect(ws.snapshot().items.map((i) => i.id)).toEqual(['mine']);
    await expect(ws.save()).resolves.toMatchObject({ version: 1 });
    // It moved: the next visitor on this device does not get it.
    services.setSession({ status: 'connecting' });
    services.setSession({ status: 'visitor' });
    expect(ws.snapshot().items).toEqual([]);
  });

  it("does not hand a visitor's design over without the request to log in, nor over the account's own unsaved design", async () => {
    const storage = new MemoryStorage();
    const { ws, services } = setup({ storage, services: new FakeServices({ session: ADA }) });
    addChair(ws, 'ada-unsaved');
    services.setSession({ status: 'connecting' });
    services.setSession({ status: 'visitor' });
    addChair(ws, 'visitor');
    services.setSession(BEN); // no save asked: Ben sees his own (empty) draft
    expect(ws.snapshot().items).toEqual([]);
    services.setSession({ status: 'connecting' });
    services.setSession({ status: 'visitor' });
    await expect(ws.save()).rejects.toMatchObject({ code: 'LOGIN_REQUIRED' });
    services.setSession(ADA); // Ada has unsaved work of her own here: hers wins
    expect(ws.snapshot().items.map((i) => i.id)).toEqual(['ada-unsaved']);
  });

  it("a save answered after the user changed updates its owner's draft, not the new one", async () => {
    const storage = new MemoryStorage();
    const services = new FakeServices({ session: ADA, latencyMs: 20 });
    const { ws } = setup({ storage, services });
    addChair(ws, 'ada-chair');
    ws.rename('Ada lounge');
    const saving = ws.save();
    services.setSession({ status: 'connecting' });
    services.setSession(BEN);
    expect(ws.state.busy).toBeNull();
    // Ben's save is his own, not a share of Ada's still in flight.
    addChair(ws, 'ben-chair');
    const bens = ws.save();
    expect(bens).not.toBe(saving);
    await expect(saving).resolves.toMatchObject({ name: 'Ada lounge', version: 1 });
    await expect(bens).resolves.toMatchObject({ name: 'Untitled room', version: 1 });
    expect(ws.state).toMatchObject({ dirty: false, project: { name: 'Untitled room' } });
    expect(ws.snapshot().items.map((i) => i.id)).toEqual(['ben-chair']);
    services.setSession(ADA);
    expect(ws.state).toMatchObject({ dirty: false, project: { name: 'Ada lounge', version: 1 } });
  });
});
