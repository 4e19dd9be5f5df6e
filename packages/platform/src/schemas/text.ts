import { z } from '@hono/zod-openapi';
import { STORABLE_TEXT, STORABLE_TEXT_MESSAGE } from '@planner/contract';

export { isStorableText, STORABLE_TEXT, STORABLE_TEXT_MESSAGE } from '@planner/contract';

/**
 * A string the platform can store: every free-text field of a request starts here, so a
 * schema never accepts what the database would refuse (a 400, never a 500).
 */
export const storableText = () => z.string().regex(STORABLE_TEXT, STORABLE_TEXT_MESSAGE);
