// @vitest-environment happy-dom
import { afterAll, describe, expect, it, vi } from 'vitest';
import { describeItem, describeWarnings, itemName } from '../editor/describe.ts';
import { emptyDesign, indexCatalog } from '../editor/design.ts';
import { footprint } from '../editor/footprint.ts';
import { formatLength } from '../editor/units.ts';
import { openingSentence, wallName } from '../room/describe-room.ts';
import { setWallThickness } from '../room/edit.ts';
import { catalogItem, rectRoom, TEST_CATALOG } from '../testing/fixtures.ts';
import { view3dText, webglUnavailableText } from '../text/view3d-text.ts';
import { setLanguage } from './localization.ts';

/**
 * What a screen reader hears (the plan's pieces, walls, doors and windows, the 3D view) speaks
 * the host's language (issue 12), not only what is on screen: these sentences were English
 * whatever the locale.
 */
const catalog = indexCatalog(TEST_CATALOG);
const sofa = { id: 's', catalog_id: 'sofa', x: 214, y: 97.5, rotation: 0 };
const spoken = (locale: string) => {
  const f = footprint(sofa, catalog);
  return describeItem({
    item: sofa,
    catalogItem: f.catalogItem,
    box: f.box,
    warnings: { outside: { fully: false, by_cm: 12 }, overlaps: ['a', 'b', 'c'], doors: ['d'] },
    nameOf: (id) => id.toUpperCase(),
    unit: 'cm',
    locale,
  });
};
const room = {
  ...rectRoom(400, 300),
  openings: [
    {
      id: 'd',
      kind: 'door' as const,
      wall: 1,
      offset_cm: 100,
      width_cm: 90,
      height_cm: 205,
      hinge: 'end' as const,
      swing: 'in' as const,
    },
    { id: 'w', kind: 'window' as const, wall: 0, offset_cm: 200, width_cm: 120, height_cm: 120, sill_cm: 90 },
  ],
};
const [door, window] = room.openings as [never, never];

afterAll(() => setLanguage('en'));

describe('spoken descriptions', () => {
  it('are English by default', () => {
    expect(spoken('en')).toBe(
      'Halden 3-Seat Sofa, 228 cm by 95 cm, 100 cm from the left wall, 50 cm from the top wall, rotated 0°.' +
        " Warning: overlaps A, B and 1 more; partly outside the room, 12 cm past the wall; in a door's swing.",
    );
    expect(wallName(room, 1, 'en')).toBe('wall 2, 3.00 m');
    expect(openingSentence(door, room, 'en')).toBe(
      'Door, 0.90 m wide, 0.55 m from the start of wall 2, hinged at the end, opening into the room.',
    );
  });

  it('speak German, pieces, walls, doors and windows alike', async () => {
    await setLanguage('de');
    expect(spoken('de')).toBe(
      'Halden 3-Seat Sofa, 228 cm mal 95 cm, 100 cm von der linken Wand, 50 cm von der oberen Wand, gedreht um 0°.' +
        ' Warnung: überschneidet sich mit A, B und 1 weitere; teilweise außerhalb des Raums, 12 cm hinter der Wand;' +
        ' im Schwenkbereich einer Tür.',
    );
    expect(itemName(undefined)).toBe('Unbekanntes Möbelstück');
    expect(itemName(catalogItem('gone', 50, 50, { name: 'Alt', sold: false }))).toBe(
      'Alt (nicht mehr erhältlich)',
    );
    expect(wallName(room, 1, 'de')).toBe('Wand 2, 3,00 m');
    expect(openingSentence(door, room, 'de')).toBe(
      'Tür, 0,90 m breit, 0,55 m vom Anfang der Wand 2, Scharnier am Wandende, öffnet in den Raum.',
    );
    expect(openingSentence(window, room, 'de')).toBe(
      'Fenster, 1,20 m breit, 1,40 m vom Anfang der Wand 1, Brüstung auf 0,90 m.',
    );
    // Why a room edit was refused, too.
    expect(() => setWallThickness(room, 1)).toThrow(/^Wände sind \d+ bis \d+ cm dick\.$/);
  });

  it('speak French, with the 3D view naming pieces as the plan does', async () => {
    await setLanguage('fr');
    expect(
      describeWarnings(
        { outside: { fully: true, by_cm: 800 }, overlaps: [], doors: ['d', 'e'] },
        String,
        (cm) => formatLength(cm, 'm', 'fr'),
      ),
    ).toBe('entièrement hors de la pièce, à 8,00 m de celle-ci; dans le débattement de portes');
    const retired = catalogItem('gone', 50, 50, { name: 'Ancien', sold: false });
    expect(view3dText().item(retired)).toBe(itemName(retired));
    expect(view3dText().item(undefined)).not.toBe('Unknown item');
    expect(webglUnavailableText()).toMatch(/^Désolé, la vue 3D nécessite WebGL/);
  });

  it('the 3D view’s buttons, help and canvas label follow the language', async () => {
    await setLanguage('de');
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    await import('../view3d/planner-view3d.ts');
    const el = document.createElement('planner-view3d');
    el.design = { ...emptyDesign(), items: [sofa] };
    el.catalog = catalog;
    el.text = view3dText();
    el.selectedId = 's';
    document.body.append(el);
    await el.updateComplete;
    const root = el.shadowRoot!;
    expect([...root.querySelectorAll('button')].map((b) => b.textContent?.trim())).toEqual([
      'Umkreisen',
      'Rundgang',
    ]);
    expect(root.querySelector('[role=toolbar]')?.getAttribute('aria-label')).toBe('3D-Kamera');
    expect(root.querySelector('.help')?.textContent).toMatch(/^Umkreisen: ziehen/);
    expect(root.querySelector('canvas')?.getAttribute('aria-label')).toBe(
      'Raum in 3D, 1 Möbelstück, Halden 3-Seat Sofa ausgewählt',
    );
    // A new language re-renders it through new words, as the app hands them on.
    await setLanguage('fr');
    el.text = view3dText();
    await el.updateComplete;
    expect(root.querySelector('[role=toolbar]')?.getAttribute('aria-label')).toBe('Caméra 3D');
    el.remove();
    vi.restoreAllMocks();
  });
});
