import { readFile } from 'node:fs/promises';
import { type Download, expect, type Page, test } from '@playwright/test';
import { commit, logIn, openShop, plannerUi, SHOP, uniqueName } from './support/demo-shop.ts';
import { originPattern, PORTS } from './support/ports.ts';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The file a download event hands over, once written. */
async function saved(download: Download): Promise<Buffer> {
  const path = await download.path();
  return readFile(path);
}

/** The planner's frame (a `Frame`, to evaluate in it). */
const plannerFrame = (page: Page) => {
  const frame = page.frame({ url: originPattern(PORTS.planner) });
  if (!frame) throw new Error('no planner frame');
  return frame;
};

test.describe('sharing a plan', () => {
  test('exports SVG and PNG, prints to scale and copies a link that reopens the saved project', async ({
    page,
    context,
  }) => {
    const name = uniqueName('Share <b>&');
    const ui = await openShop(page, /^Visitor$/);
    await logIn(page, 'ada@example.com');
    await expect(ui.session).toContainText('Signed in as Ada');
    await ui.addButton('Halden 3-Seat Sofa').click();
    await ui.addButton('Sund Coffee Table').click();
    await expect(ui.plan).toHaveAccessibleName('Room plan, 5.00 m wide and 4.00 m deep, 2 items');
    await commit(ui.name, name);
    await ui.save.click();
    await expect(ui.saveState).toHaveText('Saved · v1');

    const share = ui.frame.getByRole('group', { name: 'Share the plan' });
    const message = ui.frame.locator('planner-share .message');

    // ——— SVG: a standalone file to scale, with every piece and its symbol embedded.
    const [svgDownload] = await Promise.all([
      page.waitForEvent('download'),
      share.getByRole('button', { name: 'Export SVG' }).click(),
    ]);
    expect(svgDownload.suggestedFilename()).toMatch(/^Share-b-.+\.svg$/);
    const svg = (await saved(svgDownload)).toString('utf8');
    expect(svg).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/,
    );
    expect(svg.match(/data-item="/g)).toHaveLength(2);
    expect(svg).toContain('<title>Halden 3-Seat Sofa</title>');
    expect(svg).toContain('<title>Sund Coffee Table</title>');
    // The project's name is escaped, never markup.
    const escaped = name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    expect(svg).toContain(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${/ width="([\d.]+mm)"/.exec(svg)?.[1]}"`,
    );
    expect(svg).toContain(`<title>${escaped}</title>`);
    expect(svg).not.toContain('<b>');
    expect(svg.match(/<image href="data:image\/svg\+xml;base64,/g)?.length).toBe(2);
    expect(svg).not.toMatch(/href="https?:/);
    const scale = Number(/Scale 1:(\d+) \(A4 landscape\)/.exec(svg)?.[1]);
    expect(scale).toBe(50);
    const [, , vbWidth, vbHeight] = (/viewBox="([^"]+)"/.exec(svg)?.[1] ?? '').split(' ').map(Number);
    const widthMm = Number(/ width="([\d.]+)mm"/.exec(svg)?.[1]);
    expect(widthMm).toBeCloseTo(((vbWidth ?? 0) * 10) / scale, 1);
    await expect(message).toHaveText('Exported the plan as SVG (scale 1:50 on A4 landscape).');

    // ——— PNG: the same drawing rasterised in the browser, 2 px per cm of room.
    const [pngDownload] = await Promise.all([
      page.waitForEvent('download'),
      share.getByRole('button', { name: 'Export PNG' }).click(),
    ]);
    expect(pngDownload.suggestedFilename()).toMatch(/\.png$/);
    const png = await saved(pngDownload);
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBe(Math.round((vbWidth ?? 0) * 2));
    expect(png.readUInt32BE(20)).toBe(Math.round((vbHeight ?? 0) * 2));

    // ——— Print: the browser's dialog is stubbed; the print view is what paper shows.
    const frame = plannerFrame(page);
    await frame.evaluate(() => {
      const w = window as Window & { printed?: number };
      w.printed = 0;
      w.print = () => {
        w.printed = (w.printed ?? 0) + 1;
      };
    });
    await share.getByRole('button', { name: 'Print' }).click();
    await expect.poll(() => frame.evaluate(() => (window as Window & { printed?: number }).printed)).toBe(1);
    const view = ui.frame.locator('section.planner-print');
    await expect(view).toBeHidden();
    await page.emulateMedia({ media: 'print' });
    await expect(view).toBeVisible();
    await expect(ui.frame.locator('#planner')).toBeHidden();
    await expect(view.getByRole('heading', { level: 1 })).toHaveText(name);
    await expect(view.getByText('Scale 1:50 on A4 landscape (print at 100 %)')).toBeVisible();
    const planSvg = view.locator('svg').first();
    const printScale = Number(
      /Scale 1:(\d+) on A4/.exec((await view.locator('.scale').textContent()) ?? '')?.[1],
    );
    expect(printScale).toBe(50);
    // Sized in mm: at 1:50 a 5 m room is 100 mm of paper, plus its margins.
    const printed = await planSvg.evaluate((el) => ({
      width: el.getAttribute('width'),
      viewBox: el.getAttribute('viewBox'),
    }));
    const printVbWidth = Number(printed.viewBox?.split(' ')[2]);
    expect(Number.parseFloat(printed.width ?? '')).toBeCloseTo((printVbWidth * 10) / 50, 1);
    const legend = view.getByRole('table').first();
    await expect(legend.getByRole('row')).toHaveCount(3);
    await expect(legend).toContainText('Halden 3-Seat Sofa');
    await expect(legend).toContainText('Sund Coffee Table');
    const list = view.getByRole('table').nth(1);
    await expect(list.getByRole('row').last()).toContainText('Total');
    await expect(list).toContainText('Halden 3-Seat Sofa');
    await page.emulateMedia({ media: 'screen' });
    await expect(view).toBeHidden();
    await expect(ui.plan).toBeVisible();

    // ——— Copy link: to the shop's page, with the project's id; opened elsewhere it reopens it.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: SHOP });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: `http://127.0.0.1:${PORTS.planner}`,
    });
    await share.getByRole('button', { name: 'Copy link' }).click();
    await expect(message).toHaveText('Link copied.');
    const field = ui.frame.getByRole('textbox', { name: 'Link to this project' });
    const link = await field.inputValue();
    const parsed = new URL(link);
    expect(parsed.origin).toBe(SHOP);
    const id = parsed.searchParams.get('planner-project');
    expect(id).toBeTruthy();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

    const other = await context.newPage();
    await other.goto(link);
    const again = plannerUi(other);
    await expect(again.name).toHaveValue(name);
    await expect(again.saveState).toHaveText('Saved · v1');
    await expect(again.plan).toHaveAccessibleName('Room plan, 5.00 m wide and 4.00 m deep, 2 items');
    // The shop dropped the parameter: a reload does not open it again over new changes.
    await expect.poll(() => new URL(other.url()).searchParams.has('planner-project')).toBe(false);
    await other.close();
  });
});
