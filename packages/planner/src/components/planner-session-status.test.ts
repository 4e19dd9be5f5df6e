// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
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
});
