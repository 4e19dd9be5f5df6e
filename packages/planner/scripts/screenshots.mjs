// Builds the stand-alone preview (dev.html, fake services), serves it on 127.0.0.1 and takes
// screenshots with Chromium at a wide and a narrow size, in several states. Also checks that
// the custom elements really upgrade in a browser build (legacy decorators, class fields).
//
//   node scripts/screenshots.mjs [out-dir]     (default: /tmp/planner-screenshots)
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium } from '@playwright/test';
import { build } from 'vite';

const root = new URL('..', import.meta.url).pathname;
const outDir = process.argv[2] ?? '/tmp/planner-screenshots';
await mkdir(outDir, { recursive: true });
await build({ root, mode: 'dev-preview', logLevel: 'warn' });

const dist = join(root, 'dist/dev');
const types = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
};
const server = createServer(async (req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const file = normalize(join(dist, path === '/' ? 'dev.html' : path));
  if (!file.startsWith(dist) || !existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
  res.end(await readFile(file));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}/dev.html`;

const browser = await chromium.launch({
  executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
});

const errors = [];
async function open(width, height, query) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`${query}: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`${query}: ${m.text()}`));
  await page.goto(`${base}?${query}`);
  await page.waitForFunction(() => {
    const app = document.querySelector('planner-app');
    return app?.shadowRoot?.querySelector('planner-canvas')?.shadowRoot?.querySelector('svg.plan');
  });
  await page.waitForTimeout(900); // token arrives after 400 ms, catalog after 300 more
  return { page, context };
}
const shot = async (page, name, fullPage = true) => {
  await page.screenshot({ path: join(outDir, `${name}.png`), fullPage });
  console.log(`${outDir}/${name}.png`);
};

// The elements upgraded and their reactive properties work (decorators were applied).
{
  const { page, context } = await open(1280, 800, 'scenario=furnished');
  const check = await page.evaluate(() => {
    const app = document.querySelector('planner-app');
    const canvas = app.shadowRoot.querySelector('planner-canvas');
    return {
      defined: ['planner-app', 'planner-canvas', 'planner-catalog', 'planner-inspector'].every((t) =>
        customElements.get(t),
      ),
      items: canvas.shadowRoot.querySelectorAll('g.item').length,
      designItems: canvas.design.items.length,
      cards: app.shadowRoot.querySelector('planner-catalog').shadowRoot.querySelectorAll('li.card').length,
    };
  });
  console.log('upgrade check', check);
  if (!check.defined || check.items !== 9 || check.designItems !== 9 || check.cards < 50) {
    throw new Error(`the elements did not render as expected: ${JSON.stringify(check)}`);
  }
  // Select the sofa by keyboard: Tab into the plan until it has focus.
  await page.locator('planner-canvas g.item[data-id="sofa"]').focus();
  await page.waitForTimeout(150);
  await shot(page, 'wide-selected');
  // Push the armchair onto the coffee table with the arrow keys: warnings appear.
  await page.locator('planner-canvas g.item[data-id="arm"]').focus();
  for (let i = 0; i < 13; i++) await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(150);
  await shot(page, 'wide-warning');
  await context.close();
}
{
  const { page, context } = await open(1280, 800, 'scenario=empty');
  await shot(page, 'wide-empty');
  await context.close();
}
// Pointer gestures in a real browser: drop from the catalog, drag an item, turn the handle, Tab.
{
  const { page, context } = await open(1280, 800, 'scenario=empty');
  const items = () => page.evaluate(() => globalThis.dev.commands.getProject().then((p) => p.items));
  const card = page.locator('planner-catalog li.card').nth(1);
  const floor = page.locator('planner-canvas rect.floor');
  const box = await floor.boundingBox();
  await card.dragTo(floor, { targetPosition: { x: box.width * 0.25, y: box.height * 0.3 } });
  await page.waitForTimeout(100);
  let placed = await items();
  if (placed.length !== 1 || placed[0].catalog_id !== 'sofa-2-seat')
    throw new Error(`drop failed: ${JSON.stringify(placed)}`);
  const dropped = placed[0];
  // Drag it 100 px right and 40 px down with the mouse.
  const item = page.locator('planner-canvas g.item').first();
  const ib = await item.boundingBox();
  await page.mouse.move(ib.x + ib.width / 2, ib.y + ib.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++)
    await page.mouse.move(ib.x + ib.width / 2 + i * 10, ib.y + ib.height / 2 + i * 4);
  await page.mouse.up();
  placed = await items();
  const moved = placed[0];
  if (!(moved.x > dropped.x + 50 && moved.y > dropped.y + 10))
    throw new Error(`drag failed: ${JSON.stringify([dropped, moved])}`);
  if (Math.abs(((moved.x - 88) / 10) % 1) > 1e-9) throw new Error(`not snapped: ${moved.x}`);
  // Turn the rotation handle a quarter clockwise around the centre.
  const handle = page.locator('planner-canvas .handle');
  const hb = await handle.boundingBox();
  const nb = await item.boundingBox();
  const cx = nb.x + nb.width / 2;
  const cy = nb.y + nb.height / 2;
  await page.mouse.move(hb.x + hb.width / 2, hb.y + hb.height / 2);
  await page.mouse.down();
  await page.mouse.move(cx + 60, cy - 30);
  await page.mouse.move(cx + 120, cy + 2);
  await page.mouse.up();
  placed = await items();
  if (placed[0].rotation !== 90) throw new Error(`rotation handle failed: ${placed[0].rotation}`);
  // A second item by its button; Tab moves between the two.
  await page.locator('planner-catalog button.add').nth(3).click();
  await page.waitForTimeout(100);
  const focused = () =>
    page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.getAttribute('aria-label') ?? el?.tagName;
    });
  const second = await focused();
  await page.keyboard.press('Shift+Tab');
  const first = await focused();
  if (!second?.startsWith('Viken Armchair') || !first?.startsWith('Halden 2-Seat Sofa')) {
    throw new Error(`focus order: ${second} / ${first}`);
  }
  await shot(page, 'wide-after-gestures', false);
  console.log('gestures ok', await items());
  await context.close();
}
{
  const { page, context } = await open(1280, 800, 'scenario=furnished&session=visitor');
  await page.locator('planner-app button.save').click();
  await page.waitForTimeout(100);
  await shot(page, 'wide-visitor-save', false);
  await context.close();
}
{
  const { page, context } = await open(1280, 800, 'scenario=furnished');
  await page.locator('planner-app button.save').click();
  await page.waitForTimeout(500);
  // Someone else saves the project meanwhile; our next save conflicts.
  await page.evaluate(() => {
    const { services, commands } = globalThis.dev;
    return commands
      .getProject()
      .then((p) => services.editElsewhere(p.id, { name: 'Living room (edited on the phone)' }));
  });
  await page.locator('planner-canvas g.item[data-id="plant"]').focus();
  await page.keyboard.press('ArrowDown');
  await page.locator('planner-app button.save').click();
  await page.waitForTimeout(500);
  await shot(page, 'wide-conflict', false);
  await context.close();
}
{
  const { page, context } = await open(1280, 800, 'scenario=furnished');
  await page.locator('planner-app button:has-text("Open")').click();
  await page.waitForTimeout(600);
  await shot(page, 'wide-projects', false);
  await context.close();
}
{
  const { page, context } = await open(1280, 800, 'scenario=furnished&session=renew-failed');
  await shot(page, 'wide-renew-failed', false);
  await context.close();
}
// The draft survives a reload; the content height reaches the host.
{
  const { page, context } = await open(1280, 800, 'scenario=empty');
  await page.locator('planner-catalog button.add').first().click();
  await page.waitForTimeout(600); // the draft is written 400 ms after the last change
  await page.goto(page.url().replace('scenario=empty', 'session=visitor'));
  await page.waitForTimeout(900);
  const after = await page.evaluate(() => globalThis.dev.commands.getProject());
  if (after.items.length !== 1) throw new Error(`the draft was not restored: ${JSON.stringify(after)}`);
  const heights = await page.evaluate(() => ({
    reported: globalThis.dev.services.heights.at(-1),
    actual: Math.ceil(document.documentElement.getBoundingClientRect().height),
  }));
  if (heights.reported !== heights.actual) throw new Error(`height report: ${JSON.stringify(heights)}`);
  console.log('draft restored after reload; height reported', heights);
  await context.close();
}
{
  const { page, context } = await open(860, 800, 'scenario=furnished');
  await shot(page, 'medium');
  await context.close();
}
{
  const { page, context } = await open(320, 640, 'scenario=furnished&session=visitor');
  await shot(page, 'tiny');
  await context.close();
}
{
  const { page, context } = await open(420, 800, 'scenario=furnished');
  await shot(page, 'narrow');
  await page.locator('planner-canvas g.item[data-id="table"]').focus();
  await page.waitForTimeout(100);
  await shot(page, 'narrow-selected');
  await page.locator('planner-app .drawer-toggle').click();
  await page.waitForTimeout(400);
  await shot(page, 'narrow-drawer', false);
  await context.close();
}

await browser.close();
server.close();
if (errors.length) {
  console.error(errors.join('\n'));
  process.exit(1);
}
