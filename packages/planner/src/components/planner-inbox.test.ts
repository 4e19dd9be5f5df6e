// @vitest-environment happy-dom
import type { InboxMessage } from '@planner/contract';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionState } from '../services.ts';
import { FakeServices } from '../testing/fake-services.ts';
import './planner-inbox.ts';

const message = (id: string, subject: string, read: boolean, created: string): InboxMessage => ({
  id,
  subject,
  body: `${subject}: the details.`,
  from: { name: 'Demo Furniture' },
  broadcast: id === 'm3',
  created_at: created,
  read_at: read ? '2030-01-02T10:00:00Z' : null,
});

const messages = [
  message('m1', 'Your sofa has shipped', false, '2030-01-03T10:00:00Z'),
  message('m2', 'Welcome', true, '2030-01-01T10:00:00Z'),
  message('m3', 'Summer sale', false, '2030-01-02T10:00:00Z'),
];

const settle = () => new Promise((r) => setTimeout(r, 0));

async function setup(session: SessionState = { status: 'signed-in', userId: 'shopper-1', canSave: true }) {
  const services = new FakeServices({ messages, session });
  const el = document.createElement('planner-inbox');
  el.services = services;
  el.locale = 'en-GB';
  document.body.append(el);
  await settle();
  await el.updateComplete;
  const root = el.shadowRoot!;
  const toggle = () => root.querySelector<HTMLButtonElement>('button.toggle');
  const subjects = () =>
    [...root.querySelectorAll('li.msg')].map((li) =>
      li.querySelector('summary .subject')?.textContent?.replace(/\s+/g, ' ').trim(),
    );
  const calls = (method: string) => services.calls.filter((c) => c.method === method);
  return { services, el, root, toggle, subjects, calls };
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('planner-inbox', () => {
  it('shows nothing to a visitor, and loads the inbox when a user signs in', async () => {
    const { services, el, toggle, calls } = await setup({ status: 'visitor' });
    expect(toggle()).toBeNull();
    expect(calls('getInbox')).toHaveLength(0);

    services.setSession({ status: 'signed-in', userId: 'shopper-1', canSave: true });
    await settle();
    await el.updateComplete;
    expect(calls('getInbox')).toHaveLength(1);
    expect(toggle()!.getAttribute('aria-label')).toBe('Inbox, 2 unread');
    expect(toggle()!.querySelector('.badge')?.textContent).toBe('2');

    services.setSession({ status: 'visitor' });
    await el.updateComplete;
    expect(toggle()).toBeNull();
  });

  it('opens a panel listing the messages, unread first and marked, and refreshes it', async () => {
    const { el, root, toggle, subjects, calls } = await setup();
    toggle()!.click();
    await settle();
    await el.updateComplete;
    expect(calls('getInbox')).toHaveLength(2);
    expect(toggle()!.getAttribute('aria-expanded')).toBe('true');
    expect(subjects()).toEqual(['Unread: Your sofa has shipped', 'Unread: Summer sale', 'Welcome']);
    const first = root.querySelector('li.msg')!;
    expect(first.classList.contains('unread')).toBe(true);
    expect(first.textContent).toContain('Your sofa has shipped: the details.');
    expect(first.querySelector('time')?.getAttribute('datetime')).toBe('2030-01-03T10:00:00Z');
    expect(root.querySelector('.count')?.textContent).toBe('2 unread');
  });

  it('marks a message read from its button or by opening it, and updates the count', async () => {
    const { services, el, root, toggle, calls } = await setup();
    await el.show();
    await el.updateComplete;

    root.querySelector<HTMLButtonElement>('button[aria-label="Mark “Summer sale” as read"]')!.click();
    await el.updateComplete;
    expect(toggle()!.getAttribute('aria-label')).toBe('Inbox, 1 unread');
    await settle();
    expect(calls('markMessageRead').map((c) => c.args[0])).toEqual(['m3']);
    expect(services.messages.find((m) => m.id === 'm3')!.read_at).not.toBeNull();

    const details = root.querySelector<HTMLDetailsElement>('li.msg details')!;
    details.open = true;
    details.dispatchEvent(new Event('toggle'));
    await settle();
    await el.updateComplete;
    expect(calls('markMessageRead').map((c) => c.args[0])).toEqual(['m3', 'm1']);
    expect(toggle()!.getAttribute('aria-label')).toBe('Inbox, 0 unread');
    expect(toggle()!.querySelector('.badge')).toBeNull();
    expect(root.querySelectorAll('li.msg.unread')).toHaveLength(0);
  });

  it('puts the count back and says why when marking fails', async () => {
    const { services, el, root, toggle } = await setup();
    await el.show();
    await el.updateComplete;
    services.fail('markMessageRead', new Error('Failed to fetch'));
    root.querySelector<HTMLButtonElement>('button.mark')!.click();
    await settle();
    await el.updateComplete;
    expect(toggle()!.getAttribute('aria-label')).toBe('Inbox, 2 unread');
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('could not be marked as read');
  });
});
