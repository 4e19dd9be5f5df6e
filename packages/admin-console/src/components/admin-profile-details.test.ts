import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AdminApi, BackendProfile, BackendProfileDetails } from '../api.ts';
import './admin-profile-details.ts';
import type { ConfirmDialog } from '@planner/ui/confirm-dialog';
import type { AdminProfileDetails } from './admin-profile-details.ts';

const profile = (over: Partial<BackendProfileDetails> = {}): BackendProfileDetails => ({
  id: 'bp_1',
  legal_entity_id: '11111111-1111-4111-8111-111111111111',
  name: 'Warehouse',
  external_system: 'WMS',
  created_at: '2026-01-01T00:00:00.000Z',
  status: 'active',
  disabled_at: null,
  static_token: null,
  access_key: 'ak_old',
  access_key_rotated_at: null,
  previous_access_key_expires_at: null,
  services: ['reporting'],
  ...over,
});

/** The admin API as the details page uses it, holding one profile's state. */
function fakeApi() {
  let current = profile();
  const list = ({ access_key: _, ...p }: BackendProfileDetails): BackendProfile => p;
  const api = {
    backendProfile: vi.fn(async () => current),
    rotateAccessKey: vi.fn(async (_id: string, overlap = 0) => {
      current = profile({
        access_key: 'ak_new',
        access_key_rotated_at: '2026-02-01T00:00:00.000Z',
        previous_access_key_expires_at: overlap ? new Date(Date.now() + overlap * 1000).toISOString() : null,
      });
      return current;
    }),
    disableBackendProfile: vi.fn(async () => {
      current = { ...current, status: 'disabled', disabled_at: '2026-02-01T00:00:00.000Z' };
      return list(current);
    }),
    enableBackendProfile: vi.fn(async () => {
      current = { ...current, status: 'active', disabled_at: null };
      return list(current);
    }),
    deleteBackendProfile: vi.fn(async () => list(current)),
  };
  return { api, asApi: api as unknown as AdminApi };
}

const settle = async (el: AdminProfileDetails) => {
  for (let i = 0; i < 6; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
  }
};

async function mount(api: AdminApi): Promise<AdminProfileDetails> {
  const el = document.createElement('admin-profile-details');
  el.api = api;
  el.profileId = 'bp_1';
  document.body.append(el);
  await settle(el);
  return el;
}

const part = <K extends 'admin-access-key' | 'admin-profile-status'>(el: AdminProfileDetails, tag: K) =>
  el.shadowRoot!.querySelector(tag)!;
const button = (root: ShadowRoot, label: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === label);
/** Answers the open confirmation of `owner` (an element with its own dialog). */
async function answer(owner: Element, confirm: boolean) {
  const dialog = owner.shadowRoot!.querySelector('ui-confirm-dialog') as ConfirmDialog;
  await dialog.updateComplete;
  const root = dialog.shadowRoot!;
  const title = root.querySelector('h2')?.textContent ?? '';
  (confirm
    ? root.querySelector<HTMLButtonElement>('.actions button:last-child')
    : root.querySelector<HTMLButtonElement>('.cancel'))!.click();
  return title;
}

afterEach(() => document.body.replaceChildren());

describe('admin-profile-details: the profile lifecycle', () => {
  it('rotates the access key after a confirmation, with the overlap chosen, and shows the new key', async () => {
    const { api, asApi } = fakeApi();
    const el = await mount(asApi);
    const keyCard = part(el, 'admin-access-key');
    await keyCard.updateComplete;
    const secret = () => keyCard.shadowRoot!.querySelector('admin-secret')!.value;
    expect(secret()).toBe('ak_old');

    // Cancelled: nothing is rotated.
    button(keyCard.shadowRoot!, 'Rotate access key')!.click();
    await settle(el);
    expect(await answer(keyCard, false)).toBe('Rotate the access key?');
    await settle(el);
    expect(api.rotateAccessKey).not.toHaveBeenCalled();

    const select = keyCard.shadowRoot!.querySelector('select')!;
    select.value = '3600';
    select.dispatchEvent(new Event('change'));
    button(keyCard.shadowRoot!, 'Rotate access key')!.click();
    await settle(el);
    await answer(keyCard, true);
    await settle(el);
    expect(api.rotateAccessKey).toHaveBeenCalledWith('bp_1', 3600);
    await keyCard.updateComplete;
    expect(secret()).toBe('ak_new');
    const status = keyCard.shadowRoot!.querySelector('[role=status]:not([hidden])');
    expect(status?.textContent).toContain('give it to the external system now');
    expect(keyCard.shadowRoot!.querySelector('.previous')?.textContent).toContain(
      'previous access key still works',
    );
  });

  it('disables after a confirmation, then enables again', async () => {
    const { api, asApi } = fakeApi();
    const el = await mount(asApi);
    const card = part(el, 'admin-profile-status');
    await card.updateComplete;
    button(card.shadowRoot!, 'Disable profile')!.click();
    await settle(el);
    expect(await answer(card, true)).toBe('Disable this back-end profile?');
    await settle(el);
    expect(api.disableBackendProfile).toHaveBeenCalledWith('bp_1');
    await card.updateComplete;
    expect(card.shadowRoot!.querySelector('.badge')?.textContent).toBe('Disabled');
    expect(button(card.shadowRoot!, 'Disable profile')).toBeUndefined();

    button(card.shadowRoot!, 'Enable profile')!.click();
    await settle(el);
    expect(api.enableBackendProfile).toHaveBeenCalledWith('bp_1');
    await card.updateComplete;
    expect(card.shadowRoot!.querySelector('.badge')?.textContent).toBe('Active');
  });

  it('deletes only after a confirmation, then leaves the page', async () => {
    const { api, asApi } = fakeApi();
    const el = await mount(asApi);
    const back = vi.fn();
    el.addEventListener('back', back);
    const card = part(el, 'admin-profile-status');
    await card.updateComplete;
    button(card.shadowRoot!, 'Delete profile')!.click();
    await settle(el);
    expect(await answer(card, false)).toBe('Delete this back-end profile?');
    await settle(el);
    expect(api.deleteBackendProfile).not.toHaveBeenCalled();
    expect(back).not.toHaveBeenCalled();

    button(card.shadowRoot!, 'Delete profile')!.click();
    await settle(el);
    await answer(card, true);
    await settle(el);
    expect(api.deleteBackendProfile).toHaveBeenCalledWith('bp_1');
    expect(back).toHaveBeenCalledTimes(1);
  });
});
