import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TokenStore } from '../session.ts';
import './admin-app.ts';
import type { AdminApp } from './admin-app.ts';

function memoryStore(initial: string | null = null): TokenStore & { value: string | null } {
  return {
    value: initial,
    load() {
      return this.value;
    },
    save(token) {
      this.value = token;
    },
    clear() {
      this.value = null;
    },
  };
}

const entity = {
  id: '11111111-1111-4111-8111-111111111111',
  name: 'Fixture Shop',
  default_token_lifetime: 900,
  oauth_token_lifetime: 28_800,
  origins: [],
  services: [],
  created_at: '2025-01-01T00:00:00.000Z',
};

/** The platform's admin API, as far as sign-in needs it: one good token. */
function stubPlatform(goodToken: string) {
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    const auth = (init?.headers as Record<string, string> | undefined)?.Authorization;
    if (auth !== `Bearer ${goodToken}`) {
      return Response.json({ error: 'invalid_token', error_description: 'no' }, { status: 401 });
    }
    if (url.endsWith('/legal-entities')) return Response.json({ legal_entities: [entity] });
    if (url.endsWith('/backend-profiles')) return Response.json({ backend_profiles: [] });
    if (url.endsWith('/oauth-consumers')) return Response.json({ oauth_consumers: [] });
    if (url.endsWith('/catalog')) {
      return Response.json({
        legal_entity_id: entity.id,
        version: 0,
        items: 0,
        currency: null,
        versions: [],
      });
    }
    return Response.json({ error: 'not_found', error_description: 'No such route.' }, { status: 404 });
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

async function mount(store: TokenStore): Promise<AdminApp> {
  const app = document.createElement('admin-app');
  app.store = store;
  document.body.append(app);
  await app.updateComplete;
  return app;
}

const settle = async (app: AdminApp) => {
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await app.updateComplete;
  }
};

async function submitToken(app: AdminApp, token: string): Promise<void> {
  const signIn = app.shadowRoot!.querySelector('admin-sign-in')!;
  await signIn.updateComplete;
  const input = signIn.shadowRoot!.querySelector('input')!;
  input.value = token;
  input.dispatchEvent(new Event('input'));
  await signIn.updateComplete;
  signIn.shadowRoot!.querySelector('form')!.requestSubmit();
  await settle(app);
}

afterEach(() => {
  document.body.replaceChildren();
  vi.unstubAllGlobals();
});

describe('admin-app', () => {
  it('refuses a wrong token with a clear message and keeps nothing', async () => {
    stubPlatform('adm_good');
    const store = memoryStore();
    const app = await mount(store);
    await submitToken(app, 'adm_wrong');
    const error = app.shadowRoot!.querySelector('admin-sign-in')!.shadowRoot!.querySelector('[role=alert]')!;
    expect(error.hasAttribute('hidden')).toBe(false);
    expect(error.textContent).toContain('The operator token was refused');
    expect(store.value).toBeNull();
  });

  it('keeps an accepted token for the session and shows the legal entities', async () => {
    stubPlatform('adm_good');
    const store = memoryStore();
    const app = await mount(store);
    await submitToken(app, 'adm_good');
    expect(store.value).toBe('adm_good');
    const select = app.shadowRoot!.querySelector<HTMLSelectElement>('select#entity')!;
    expect(select.selectedOptions[0]?.textContent).toBe('Fixture Shop');
    expect(app.shadowRoot!.querySelector('admin-profiles')).not.toBeNull();
  });

  it('signs in again from the session, and drops a token the platform no longer accepts', async () => {
    stubPlatform('adm_good');
    const restored = await mount(memoryStore('adm_good'));
    await settle(restored);
    expect(restored.shadowRoot!.querySelector('select#entity')).not.toBeNull();

    const stale = memoryStore('adm_rotated');
    const app = await mount(stale);
    await settle(app);
    expect(stale.value).toBeNull();
    expect(app.shadowRoot!.querySelector('admin-sign-in')).not.toBeNull();
  });
});
