import { z } from '@hono/zod-openapi';
import { FIRST_DAY, LAST_DAY } from '@planner/contract';

export { FIRST_DAY, LAST_DAY } from '@planner/contract';

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD')
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'not a calendar date',
  )
  // Fixed-width ISO dates compare as strings.
  .refine((s) => s >= FIRST_DAY && s <= LAST_DAY, `a date is between ${FIRST_DAY} and ${LAST_DAY}`);

export const UsageQuery = z.object({
  from: Day.optional().openapi({
    param: { name: 'from', in: 'query' },
    description: `First day (UTC), inclusive, ${FIRST_DAY} to ${LAST_DAY}; default: 29 days before \`to\`.`,
    example: '2025-01-01',
  }),
  to: Day.optional().openapi({
    param: { name: 'to', in: 'query' },
    description: `Last day (UTC), inclusive, ${FIRST_DAY} to ${LAST_DAY}; default: today.`,
    example: '2025-01-31',
  }),
});

const TokensIssued = z
  .object({
    legal_entity: z.number().int(),
    user: z.number().int(),
    backend_standard: z.number().int(),
    backend_static: z.number().int(),
    oauth: z.number().int(),
  })
  .openapi('TokensIssued');

const Counts = {
  tokens_issued: TokensIssued,
  projects_created: z.number().int(),
  projects_saved: z.number().int().openapi({ description: 'Updates of existing projects.' }),
  active_users: z.number().int().openapi({ description: 'Users who got a token or called a service.' }),
};

export const DayUsage = z.object({ date: z.string(), ...Counts }).openapi('DayUsage');

export const UsageReport = z
  .object({
    legal_entity: z.object({ id: z.string(), name: z.string() }),
    from: z.string(),
    to: z.string(),
    days: z.array(DayUsage),
    totals: z.object(Counts).openapi({ description: 'Over the range; each active user counted once.' }),
  })
  .openapi('UsageReport');
export type UsageReport = z.infer<typeof UsageReport>;
