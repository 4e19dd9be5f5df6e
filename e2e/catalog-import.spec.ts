import { expect, test } from '@playwright/test';
import { PLANNER_E2E_ADMIN_TOKEN, PORTS, url } from './support/ports.ts';

// Issue 12: a legal entity's own catalog, imported in the operator console (real Chromium,
// the platform's admin API and database). The Stranger Shop's catalog is used by no other spec.
const platform = url(PORTS.platform);
const header =
  'sku,name,category,width_cm,depth_cm,height_cm,price_cents,currency,symbol_svg,variant_of,variant_kind,variant_name,colour';

test('an operator imports a catalog: a bad file is refused with every problem by row, a good one is the next version', async ({
  page,
  request,
}) => {
  await page.goto(`${platform}/admin/`);
  await page.getByLabel('Operator token').fill(PLANNER_E2E_ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Legal entity').selectOption({ label: 'Stranger Shop' });
  const panel = page.getByRole('region', { name: 'Catalog' });
  await expect(panel).toContainText('Version 0: 0 items');
  const file = panel.getByLabel('Catalog file (JSON or CSV)');
  const upload = async (name: string, csv: string) => {
    await file.setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await panel.getByRole('button', { name: 'Import catalog' }).click();
  };

  await upload(
    'bad.csv',
    [header, 'sofa,Sofa,Seating,0,90,80,49900,EUR,,,,,', 'sofa-red,,,,,,51900,,,sofa,paint,Red,#aa0000'].join(
      '\n',
    ),
  );
  await expect(panel.getByRole('alert')).toContainText('nothing was changed');
  const problems = panel.getByRole('table', { name: /Problems in the file/ });
  await expect(problems.getByRole('row')).toHaveCount(3);
  await expect(problems.getByRole('row').nth(1).getByRole('cell')).toHaveText(['2', 'width_cm', /./]);
  await expect(problems.getByRole('row').nth(2).getByRole('cell')).toHaveText(['3', 'variant_kind', /./]);
  await expect(panel).toContainText('Version 0: 0 items');

  const hostile =
    '"<svg xmlns=""http://www.w3.org/2000/svg"" viewBox=""0 0 200 90"" onload=""alert(1)""><script>alert(2)</script><rect width=""200"" height=""90""/></svg>"';
  await upload(
    'catalog.csv',
    [
      header,
      `sofa,Sofa,Seating,200,90,80,49900,EUR,${hostile},,,,`,
      'sofa-red,,,,,,51900,,,sofa,colour,Red,#aa0000',
      'bed,Bed,Beds,160,200,100,59900,EUR,,,,,',
    ].join('\n'),
  );
  await expect(panel.getByRole('status')).toContainText(
    'Imported version 1: 2 items (2 added, 0 updated, 0 no longer sold)',
  );
  await expect(panel).toContainText('Version 1: 2 items in EUR');
  await expect(problems).toHaveCount(0);

  // The items on sale, each with its variants: kind and name, own SKU, own price.
  const items = panel.getByRole('table', { name: 'Items on sale, with their variants' });
  await expect(items.getByRole('row')).toHaveCount(3);
  await expect(items.getByRole('row').nth(1).getByRole('cell')).toHaveText([
    'sofa',
    'Sofa',
    'Seating',
    '€499.00',
    /Colour: Red\s*sofa-red\s*€519\.00/,
  ]);
  await expect(items.getByRole('row').nth(2).getByRole('cell')).toHaveText([
    'bed',
    'Bed',
    'Beds',
    '€599.00',
    '—',
  ]);
  await panel.getByRole('searchbox', { name: 'Search the catalog' }).fill('red');
  await panel.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(items.getByRole('row')).toHaveCount(2);
  await expect(items.getByRole('row').nth(1)).toContainText('sofa-red');

  // What the console did is what the admin API says; the symbol kept its drawing, not its script.
  const entities = (await (
    await request.get(`${platform}/admin/api/legal-entities`, {
      headers: { Authorization: `Bearer ${PLANNER_E2E_ADMIN_TOKEN}` },
    })
  ).json()) as { legal_entities: { id: string; name: string }[] };
  const id = entities.legal_entities.find((le) => le.name === 'Stranger Shop')!.id;
  const catalog = (await (
    await request.get(`${platform}/admin/api/legal-entities/${id}/catalog`, {
      headers: { Authorization: `Bearer ${PLANNER_E2E_ADMIN_TOKEN}` },
    })
  ).json()) as { version: number; items: number };
  expect(catalog).toMatchObject({ version: 1, items: 2 });
});
