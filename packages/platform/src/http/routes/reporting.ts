import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { getLegalEntity } from '../../accounts/legal-entities.ts';
import { ErrorBody } from '../../schemas/common.ts';
import { UsageQuery, UsageReport } from '../../schemas/reporting.ts';
import { dayOf, usageReport } from '../../usage/usage.ts';
import type { AppEnv } from '../env.ts';
import { invalidRequest, invalidToken } from '../errors.ts';
import { bearerAuth } from '../middleware/bearer-auth.ts';

const MAX_DAYS = 366;
const DAY_MS = 86_400_000;

const route = createRoute({
  method: 'get',
  path: '/v1/reporting/usage',
  tags: ['Reporting'],
  summary: "Usage of the legal entity's account, per day (back-end service: reporting)",
  description:
    'Tokens issued by kind, projects created and saved, active users, for each UTC day of the range (at most 366 days).',
  security: [{ bearerAuth: [] }],
  middleware: [bearerAuth({ kinds: ['backend'], service: 'reporting' })] as const,
  request: { query: UsageQuery },
  responses: {
    200: { description: 'The report', content: { 'application/json': { schema: UsageReport } } },
    400: { description: 'Bad range', content: { 'application/json': { schema: ErrorBody } } },
    401: { description: 'Missing or invalid token', content: { 'application/json': { schema: ErrorBody } } },
    403: {
      description: 'Not a back-end, or no reporting service',
      content: { 'application/json': { schema: ErrorBody } },
    },
  },
});

export function registerReportingRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const services = c.get('services');
    const principal = c.get('principal');
    const query = c.req.valid('query');
    const to = query.to ?? dayOf(services.now());
    const from = query.from ?? dayOf(Date.parse(`${to}T00:00:00Z`) - 29 * DAY_MS);
    const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
    if (days < 1) throw invalidRequest('from must not be after to.');
    if (days > MAX_DAYS) throw invalidRequest(`A report covers at most ${MAX_DAYS} days.`);
    const legalEntity = await getLegalEntity(services.db, principal.le);
    if (!legalEntity) throw invalidToken('The legal entity of this token no longer exists.');
    // This instance's buffered records first; other instances' arrive within their interval.
    await services.usage.flush();
    const report = await usageReport(services.db, principal.le, from, to);
    c.header('Cache-Control', 'private, no-cache');
    return c.json({ legal_entity: { id: legalEntity.id, name: legalEntity.name }, ...report }, 200);
  });
}
