import { expect, type FrameLocator, type Locator, type Page } from '@playwright/test';
import { PORTS, url } from './ports.ts';

/** The demo shop ("Nordhem Living") of the browser-test stack, and what its page shows. */
export const SHOP = url(PORTS.shop);
export const PLATFORM = url(PORTS.platform);
/** The demo shoppers' password (demo-host/src/server/shoppers.ts). */
export const DEMO_PASSWORD = 'planner-demo';

/** A project name no other run (or test) uses. */
export const uniqueName = (prefix: string) =>
  `${prefix} ${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

/** The planner inside the shop page, by its accessible parts. */
export function plannerUi(page: Page) {
  const frame: FrameLocator = page.frameLocator('iframe[title="Room planner"]');
  const header = frame.getByRole('banner');
  return {
    frame,
    /** "Visitor", "Signed in as Ada", "Renewing session…" */
    session: header.locator('planner-session-status'),
    /** "Not saved yet", "Unsaved changes", "Saving…", "Saved · v2" */
    saveState: header.getByRole('status'),
    name: frame.getByRole('textbox', { name: 'Project name' }),
    width: frame.getByRole('textbox', { name: 'Width' }),
    depth: frame.getByRole('textbox', { name: 'Depth' }),
    /** "Room plan, 5.00 m wide and 4.00 m deep, 2 items" */
    plan: frame.getByRole('group', { name: /^Room plan,/ }),
    save: header.getByRole('button', { name: 'Save', exact: true }),
    open: header.getByRole('button', { name: 'Open', exact: true }),
    newProject: header.getByRole('button', { name: 'New', exact: true }),
    addButton: (piece: string) => frame.getByRole('button', { name: `Add to room: ${piece}` }),
    /** A placed piece, by its catalog name (its label goes on with size, position, rotation). */
    piece: (piece: string) => frame.getByRole('button', { name: new RegExp(`^${escapeRegExp(piece)}, `) }),
    /** The banner under the header (saved, conflict, log in to save, …). */
    notice: (text: string | RegExp) =>
      frame.getByRole('alert').or(frame.getByRole('status')).filter({ hasText: text }),
    /** The selected piece's panel. */
    inspector: frame.getByRole('region', { name: /^Selected: / }),
    projectsDialog: frame.getByRole('dialog', { name: 'Your projects' }),
  };
}
export type PlannerUi = ReturnType<typeof plannerUi>;

/** Opens the shop and waits until the planner is connected (visitor, or signed in). */
export async function openShop(page: Page, expected: RegExp = /^(Visitor|Signed in as .+)$/) {
  await page.goto(`${SHOP}/`);
  const ui = plannerUi(page);
  await expect(ui.session.getByText(expected)).toBeVisible();
  // The catalog has loaded once its cards are there.
  await expect(ui.addButton('Halden 3-Seat Sofa')).toBeEnabled();
  return ui;
}

/** Logs in with the shop's own login form in its header. */
export async function logIn(page: Page, email: string) {
  const form = page.getByRole('form', { name: 'Log in' });
  await form.getByRole('textbox', { name: 'Email' }).fill(email);
  await form.getByLabel('Password').fill(DEMO_PASSWORD);
  await form.getByRole('button', { name: 'Log in' }).click();
  const name = email.split('@')[0]!;
  await expect(page.locator('#account')).toContainText(`Hi, ${name[0]!.toUpperCase()}${name.slice(1)}`);
}

/** The developer panel's message log, oldest first: `in:LoginRequired`, `out:Login`, `note:login`. */
export async function messages(page: Page): Promise<string[]> {
  const entries = await page
    .locator('#message-log li[data-type]')
    .evaluateAll((items) =>
      items.map(
        (li) =>
          `${li.classList.contains('in') ? 'in' : li.classList.contains('out') ? 'out' : 'note'}:${(li as HTMLElement).dataset.type}`,
      ),
    );
  return entries.reverse();
}

/** One message in the developer panel's log (the newest of its kind first). */
export const logged = (page: Page, direction: 'in' | 'out' | 'note', type: string): Locator =>
  page.locator(`#message-log li.${direction}[data-type="${type}"]`);

interface ProjectInput {
  name: string;
  room: { width_cm: number; depth_cm: number; unit: 'm' | 'cm' };
  items: { id: string; catalog_id: string; x: number; y: number; rotation: number }[];
}
interface PlatformProject extends ProjectInput {
  id: string;
  version: number;
}

/**
 * The platform as the logged-in shopper sees it: a token from the shop's own back-end (the
 * request shares the page's session cookie), then the platform's project API.
 */
export async function platformAs(page: Page) {
  // As the shop's page would send it: the shop refuses POSTs without its Origin or a JSON body.
  const answer = await page.request.post(`${SHOP}/api/planner-token`, {
    headers: { Origin: SHOP },
    data: {},
  });
  expect(answer.ok()).toBe(true);
  const { access_token, kind } = (await answer.json()) as { access_token: string; kind: string };
  expect(kind).toBe('user');
  const headers = { Authorization: `Bearer ${access_token}` };
  return {
    async projectsNamed(prefix: string) {
      const res = await page.request.get(`${PLATFORM}/v1/projects`, { headers });
      expect(res.status()).toBe(200);
      const { projects } = (await res.json()) as {
        projects: { id: string; name: string; version: number }[];
      };
      return projects.filter((p) => p.name.startsWith(prefix)).sort((a, b) => a.name.localeCompare(b.name));
    },
    /** Saves a project as another device would. */
    async createProject(input: ProjectInput): Promise<PlatformProject> {
      const res = await page.request.post(`${PLATFORM}/v1/projects`, { headers, data: input });
      expect(res.status()).toBe(201);
      return (await res.json()) as PlatformProject;
    },
    async project(id: string): Promise<PlatformProject> {
      const res = await page.request.get(`${PLATFORM}/v1/projects/${id}`, { headers });
      expect(res.status()).toBe(200);
      return (await res.json()) as PlatformProject;
    },
  };
}

/** Sets a text field of the planner and commits it as a user does (the field's `change`). */
export async function commit(field: Locator, value: string) {
  await field.fill(value);
  await field.press('Enter');
  await expect(field).toHaveValue(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
