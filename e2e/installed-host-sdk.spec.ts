/**
 * The host SDK as a host developer outside this repository gets it: `pnpm pack` tarballs
 * installed with npm into a fresh folder, a page bundled there with Vite, and the
 * single-file build loaded from the platform with `<script type="module" integrity>`.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { readmeIntegrities } from '@planner/host/scripts/browser-bundle';
import { expect, type Page, test } from '@playwright/test';
import { PLATFORM } from './support/demo-shop.ts';
import { heldToken, plannerFrame, sessionStatus } from './support/planner-frame.ts';
import { PORTS, url } from './support/ports.ts';

const run = promisify(execFile);
const repo = join(import.meta.dirname, '..');
const fixtures = url(PORTS.fixtures);
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };

let dir: string;

// The pages below are fulfilled by Playwright, so Chromium cannot tell they come from
// 127.0.0.1 and treats them as public: without this its Local Network Access checks would
// refuse their requests to the stack's 127.0.0.1 planner and platform.
test.use({ permissions: ['local-network-access'] });

/** Serves `files` at `${fixtures}/packed/…` (a registered embed origin; /token and /config.json stay the fixture server's). */
async function servePacked(page: Page, files: (path: string) => Promise<string | undefined>) {
  await page.route(`${fixtures}/packed/**`, async (route) => {
    const path = new URL(route.request().url()).pathname.slice('/packed/'.length);
    const body = await files(path);
    if (body === undefined) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ status: 200, contentType: TYPES[extname(path)] ?? 'text/plain', body });
  });
}

const plannerUrl = async (page: Page) =>
  ((await (await page.request.get(`${fixtures}/config.json`)).json()) as { plannerUrl: string }).plannerUrl;

test.describe('the host SDK installed from its tarball', () => {
  test.describe.configure({ timeout: 300_000 });

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    dir = await mkdtemp(join(tmpdir(), 'planner-installed-host-'));
    // prepack builds each package; pnpm writes the workspace: dependency as a version.
    // The host SDK and the workspace packages it depends on (@planner/protocol, …).
    const { dependencies } = JSON.parse(await readFile(join(repo, 'packages/host/package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const ours = Object.keys(dependencies).filter((d) => d.startsWith('@planner/'));
    for (const pkg of ['host', ...ours.map((d) => d.slice('@planner/'.length))]) {
      await run('pnpm', ['pack', '--pack-destination', dir], { cwd: join(repo, 'packages', pkg) });
    }
    const tarballs = (await readdir(dir)).filter((f) => f.endsWith('.tgz')).map((f) => `./${f}`);
    expect(tarballs).toHaveLength(1 + ours.length);
    await writeFile(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'a-host', private: true, type: 'module' }),
    );
    await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs, 'vite@8.3.8'], {
      cwd: dir,
    });
    await writeFile(
      join(dir, 'index.html'),
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Installed host</title></head><body><div id="planner"></div><script type="module" src="./main.js"></script></body></html>',
    );
    await writeFile(
      join(dir, 'main.js'),
      `import { embedPlanner, EmbedError } from '@planner/host';
const { plannerUrl } = await (await fetch('/config.json')).json();
window.isEmbedError = (e) => e instanceof EmbedError;
window.embed = embedPlanner({
  url: plannerUrl,
  container: document.getElementById('planner'),
  token: async () => (await (await fetch('/token?kind=user&user=installed-host', { method: 'POST' })).json()).access_token,
});
`,
    );
    await run(join(dir, 'node_modules/.bin/vite'), ['build', '--base', '/packed/', '--logLevel', 'warn'], {
      cwd: dir,
    });
  });

  test.afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('the tarball has built JavaScript and declarations only', async () => {
    const installed = join(dir, 'node_modules/@planner/host');
    const manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8')) as {
      exports: Record<string, Record<string, string> | string>;
      dependencies: Record<string, string>;
    };
    expect(manifest.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
    expect(manifest.dependencies['@planner/protocol']).toBe('0.1.0');
    const files = await readdir(installed, { recursive: true });
    expect(files).toContain('dist/server/index.js');
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  });

  test('its declarations type-check in a strict project, for the browser and for Node', async () => {
    await writeFile(
      join(dir, 'check.ts'),
      `import { embedPlanner, type EmbedOptions, EmbedError } from '@planner/host';
import { PlannerEmbedElement } from '@planner/host/element';
import { createTokenClient } from '@planner/host/server';
import type { PlannerApi } from '@planner/protocol';
const options: EmbedOptions = { url: 'https://planner.example/', container: document.body, token: async () => 't' };
export const embed = embedPlanner(options);
export const api: Promise<PlannerApi> = embed.ready;
export const code: string = new EmbedError('DESTROYED').code;
export const element: typeof HTMLElement = PlannerEmbedElement;
export const client = createTokenClient({ platformUrl: 'https://p.example', keyId: 'k', secretKey: 's' });
`,
    );
    await writeFile(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: 'nodenext',
          lib: ['es2022', 'dom'],
          types: [],
          noEmit: true,
        },
        files: ['check.ts'],
      }),
    );
    // Not skipLibCheck: the package's own declarations are checked too.
    await run(join(repo, 'node_modules/.bin/tsc'), ['-p', dir]);
  });

  test('a page bundled with Vite embeds the planner and calls it over RPC', async ({ page }) => {
    await servePacked(page, async (path) => readFile(join(dir, 'dist', path), 'utf8').catch(() => undefined));
    await page.goto(`${fixtures}/packed/index.html`);
    const frame = await plannerFrame(page);
    await expect.poll(() => heldToken(frame)).toBe('user');
    await expect.poll(() => sessionStatus(frame)).toBe('signed-in');
    const snapshot = await page.evaluate(async () => {
      const { embed } = window as unknown as {
        embed: { ready: Promise<{ getProject(): Promise<unknown> }> };
      };
      return (await embed.ready).getProject();
    });
    expect(snapshot).toMatchObject({ id: null, room: { width_cm: expect.any(Number) } });
  });
});

test.describe('the single-file build from the platform', () => {
  const version = async () =>
    (JSON.parse(await readFile(join(repo, 'packages/host/package.json'), 'utf8')) as { version: string })
      .version;

  const page = (src: string, integrity: string, planner: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>SRI host</title>
<script type="module" src="${src}" integrity="${integrity}" crossorigin="anonymous"></script></head>
<body><planner-embed src="${planner}" style="display:block"></planner-embed>
<script>
  // Runs before the deferred module defines the element, as on a real script-tag host:
  // the element must take over the token set on it while it was not yet upgraded.
  document.querySelector('planner-embed').token = async () =>
    (await (await fetch('/token?kind=legal_entity', { method: 'POST' })).json()).access_token;
</script></body></html>`;

  test("loads with the README's integrity hash and embeds the planner", async ({ page: tab }) => {
    const [integrity] = await readmeIntegrities();
    const src = `${PLATFORM}/sdk/host/v${await version()}/planner-host.js`;
    const planner = await plannerUrl(tab);
    await servePacked(tab, async (path) =>
      path === 'sri.html' ? page(src, integrity!, planner) : undefined,
    );
    await tab.goto(`${fixtures}/packed/sri.html`);
    const frame = await plannerFrame(tab);
    await expect.poll(() => heldToken(frame)).toBe('legal_entity');
    await expect.poll(() => sessionStatus(frame)).toBe('visitor');
  });

  test('is refused with another hash (the control: the element never upgrades)', async ({ page: tab }) => {
    const [integrity] = await readmeIntegrities();
    const wrong = `sha384-${'A'.repeat(64)}`;
    expect(wrong).not.toBe(integrity);
    const src = `${PLATFORM}/sdk/host/v${await version()}/planner-host.js`;
    const refused = tab.waitForEvent('console', (m) => m.type() === 'error' && /integrity/i.test(m.text()));
    await servePacked(tab, async (path) =>
      path === 'sri.html' ? page(src, wrong, await plannerUrl(tab)) : undefined,
    );
    await tab.goto(`${fixtures}/packed/sri.html`);
    await refused;
    expect(await tab.evaluate(() => customElements.get('planner-embed'))).toBeUndefined();
  });
});
