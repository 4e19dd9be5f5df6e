import type { ActionContext } from '../components/action-reducer.ts';
import { type Design, emptyDesign, indexCatalog } from '../editor/design.ts';
import { rectRoom, TEST_CATALOG } from './fixtures.ts';

/** The reducers' tests' catalog and room: the test catalog in a 5 × 4 m room. */
export const testCatalog = indexCatalog(TEST_CATALOG);
export const testRoom = rectRoom(500, 400, 'cm');

/** What the app hands a reducer, for a test: snapping on a 10 cm grid, British English, ids `new1`, `new2`… */
export function actionContext(
  design: Design = emptyDesign(testRoom),
  patch: Partial<ActionContext> = {},
): ActionContext {
  let n = 0;
  return {
    design,
    catalog: testCatalog,
    snap: true,
    gridStep: 10,
    narrow: false,
    locale: 'en-GB',
    mod: 'Ctrl+',
    newId: () => `new${++n}`,
    ...patch,
  };
}
