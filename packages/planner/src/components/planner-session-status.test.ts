// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { setShopperName } from '../session/shopper-name.ts';
import './planner-session-status.ts';

afterEach(() => {
  document.body.replaceChildren();
});

describe('<planner-session-status>', () => {
  it('offline, says the changes will be sent once back, whatever session is behind the outage', async () => {
    const el = document.createElement('planner-session-status');
    el.state = { status: 'offline', session: { status: 'signed-in', userId: 'ada', canSave: true } };
    document.body.append(el);
    await el.updateComplete;
    const chip = el.shadowRoot!.querySelector('.chip')!;
    expect(chip.querySelector('.text')!.textContent).toBe("Offline — changes will be sent when you're back");
    expect(chip.classList.contains('warn')).toBe(true);
    expect(el.shadowRoot!.querySelector('button')).toBeNull();

    el.state = { status: 'signed-in', userId: 'ada', canSave: true };
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.text')!.textContent).toBe('Signed in as ada');
  });

  it('names the shopper when the host gave a name, and forgets it once that session ends', async () => {
    const el = document.createElement('planner-session-status');
    el.state = { status: 'visitor' };
    document.body.append(el);
    await el.updateComplete;
    // The host's name can arrive before the planner has checked the login's token.
    setShopperName(' Ada\u0007 ');
    el.state = { status: 'signed-in', userId: 'shopper-ada', canSave: true };
    await el.updateComplete;
    const text = () => el.shadowRoot!.querySelector('.text')!.textContent;
    expect(text()).toBe('Signed in as Ada');
    el.state = { status: 'refreshing', previous: 'signed-in' };
    await el.updateComplete;
    el.state = { status: 'signed-in', userId: 'shopper-ada', canSave: false };
    await el.updateComplete;
    expect(text()).toBe('Signed in as Ada (read-only)');

    // Logout: the next shopper on this device is not greeted with Ada's name.
    el.state = { status: 'connecting' };
    await el.updateComplete;
    el.state = { status: 'signed-in', userId: 'shopper-ben', canSave: true };
    await el.updateComplete;
    expect(text()).toBe('Signed in as shopper-ben');
    setShopperName('Ben');
    await el.updateComplete;
    expect(text()).toBe('Signed in as Ben');
    setShopperName('');
    await el.updateComplete;
    expect(text()).toBe('Signed in as shopper-ben');
  });
});
