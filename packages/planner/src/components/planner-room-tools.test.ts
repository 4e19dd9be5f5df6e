// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { addOpening, applyTemplate, updateOpening } from '../room/edit.ts';
import { applyRoomEdit, type RoomEdit } from '../room/room-edits.ts';
import '../room/room-editing.ts';
import { rectRoom } from '../testing/fixtures.ts';
import { ACTION_EVENT, type PlannerActionEvent } from './actions.ts';

afterEach(() => {
  document.body.replaceChildren();
});

describe('planner-room-tools', () => {
  it('says on screen which doors and windows a new shape removed, until the next edit', async () => {
    let room = addOpening(rectRoom(500, 400), 'door', 'd1', 0);
    room = updateOpening(addOpening(room, 'window', 'w1', 1), 'w1', { offset_cm: 100 });
    room = updateOpening(addOpening(room, 'window', 'w2', 1), 'w2', { offset_cm: 300 });
    const el = document.createElement('planner-room-tools');
    el.room = room;
    document.body.append(el);
    await el.updateComplete;
    // The app's part: apply what the tools ask for and hand the room back.
    el.addEventListener(ACTION_EVENT, (e: PlannerActionEvent) => {
      if (e.action.type === 'room-edit') el.room = applyRoomEdit(el.room, e.action.edit as RoomEdit);
    });
    const shape = el.shadowRoot!.querySelector('select')!;
    shape.value = 'l-shape';
    shape.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.room.openings.map((o) => o.id)).toEqual(
      applyTemplate(room, 'l-shape').openings.map((o) => o.id),
    );
    const note = () => el.shadowRoot!.querySelector('.dropped')?.textContent ?? null;
    expect(note()).toBe('Removed 1 window that did not fit the new walls; undo brings it back.');

    el.shadowRoot!.querySelector<HTMLButtonElement>('.row button')!.click();
    await el.updateComplete;
    expect(note()).toBeNull();
  });
});
