// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { ACTION_EVENT, type PlannerAction, type PlannerActionEvent } from './actions.ts';
import './planner-room-bar.ts';
import { rectRoom } from '../testing/fixtures.ts';

async function setup(unit: 'm' | 'cm' = 'm') {
  const el = document.createElement('planner-room-bar');
  el.room = rectRoom(500, 400, unit);
  el.locale = 'en';
  document.body.append(el);
  await el.updateComplete;
  const actions: PlannerAction[] = [];
  el.addEventListener(ACTION_EVENT, (e: PlannerActionEvent) => actions.push(e.action));
  const inputs = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input.num')];
  const type = async (input: HTMLInputElement, value: string) => {
    input.value = value;
    input.dispatchEvent(new Event('change'));
    await el.updateComplete;
  };
  return { el, actions, width: inputs[0]!, depth: inputs[1]!, type };
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('planner-room-bar', () => {
  it('shows the size in the room unit', async () => {
    expect((await setup('m')).width.value).toBe('5.00');
    expect((await setup('cm')).depth.value).toBe('400');
  });

  it('converts what is typed to centimetres', async () => {
    const { actions, width, depth, type } = await setup('m');
    await type(width, '4,25');
    await type(depth, '3.1');
    expect(actions).toEqual([
      { type: 'room', patch: { width_cm: 425 } },
      { type: 'room', patch: { depth_cm: 310 } },
    ]);
  });

  it('refuses sizes outside the platform limits and says why', async () => {
    const { el, actions, width, type } = await setup('cm');
    await type(width, '20');
    expect(actions).toEqual([]);
    expect(width.getAttribute('aria-invalid')).toBe('true');
    expect(width.value).toBe('500');
    expect(el.shadowRoot!.querySelector('[role="alert"]')?.textContent).toContain(
      'between 50 cm and 5,000 cm',
    );
  });

  it('switches the unit and the snapping', async () => {
    const { el, actions } = await setup('m');
    const cm = el.shadowRoot!.querySelector<HTMLInputElement>('input[value="cm"]')!;
    cm.checked = true;
    cm.dispatchEvent(new Event('change'));
    const snap = el.shadowRoot!.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    snap.checked = false;
    snap.dispatchEvent(new Event('change'));
    const step = el.shadowRoot!.querySelector<HTMLSelectElement>('select')!;
    step.value = '5';
    step.dispatchEvent(new Event('change'));
    expect(actions).toEqual([
      { type: 'room', patch: { unit: 'cm' } },
      { type: 'snap', enabled: false, step: 10 },
      { type: 'snap', enabled: true, step: 5 },
    ]);
  });
});
