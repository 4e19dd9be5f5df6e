// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { ProjectEvent } from './planner-projects-dialog.ts';
import './planner-projects-dialog.ts';

const projects = [
  { id: 'p1', name: 'Kitchen', version: 3, item_count: 7, updated_at: '2025-05-01T10:00:00Z' },
  { id: 'p2', name: 'Hall', version: 1, item_count: 1, updated_at: '2025-04-01T10:00:00Z' },
];

async function setup() {
  const el = document.createElement('planner-projects-dialog');
  el.projects = projects;
  el.currentId = 'p2';
  el.locale = 'en-GB';
  document.body.append(el);
  await el.updateComplete;
  const events: [string, string][] = [];
  for (const type of ['planner-project-open', 'planner-project-delete'] as const) {
    el.addEventListener(type, (e: ProjectEvent) => events.push([type, e.detail.id]));
  }
  const root = el.shadowRoot!;
  const byLabel = (label: string) => root.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`)!;
  return { el, root, events, byLabel };
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('planner-projects-dialog', () => {
  it('lists projects and marks the open one', async () => {
    const { root } = await setup();
    const rows = [...root.querySelectorAll('li.row')];
    expect(rows.map((r) => r.querySelector('.name')?.textContent?.trim())).toEqual(['Kitchen', 'Hall Open']);
    expect(rows[0]!.textContent).toContain('7 pieces · v3');
  });

  it('opens a project', async () => {
    const { events, byLabel } = await setup();
    byLabel('Open Kitchen').click();
    expect(events).toEqual([['planner-project-open', 'p1']]);
  });

  it('deletes only after confirming in the row', async () => {
    const { el, root, events, byLabel } = await setup();
    byLabel('Delete Kitchen').click();
    await el.updateComplete;
    expect(events).toEqual([]);
    expect(root.querySelector('.row.confirm')?.textContent).toContain('Delete “Kitchen”?');
    root.querySelector<HTMLButtonElement>('.row.confirm .keep')!.click();
    await el.updateComplete;
    expect(root.querySelector('.row.confirm')).toBeNull();
    expect(events).toEqual([]);

    byLabel('Delete Kitchen').click();
    await el.updateComplete;
    root.querySelector<HTMLButtonElement>('.row.confirm .solid-danger')!.click();
    expect(events).toEqual([['planner-project-delete', 'p1']]);
  });

  it('says when there is nothing saved yet', async () => {
    const { el, root } = await setup();
    el.projects = [];
    await el.updateComplete;
    expect(root.textContent).toContain('No saved projects yet');
  });
});
