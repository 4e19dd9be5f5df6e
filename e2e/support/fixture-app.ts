import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { Hono } from 'hono';

interface Tokens {
  legalEntityToken(options?: { lifetime?: number }): Promise<{ access_token: string }>;
  userToken(
    userId: string,
    options?: { scope?: 'read' | 'read write'; lifetime?: number },
  ): Promise<{ access_token: string }>;
}

const fixtures = join(import.meta.dirname, '../fixtures');
let sdk: Promise<string> | undefined;

/**
 * A host website for the browser tests: its pages (e2e/fixtures/*.html), the host SDK
 * bundled for the browser, and a back-end token route — exactly what a real host has.
 */
export function fixtureApp(options: {
  tokens: Tokens;
  /** The Stranger Shop's back-end tokens (`/token?shop=stranger`): genuine, of another legal entity. */
  strangerTokens?: Tokens;
  /** The planner framed for the Fixture Shop (`?le=`): it renders on the fixtures origin only. */
  plannerUrl: string;
  /** The planner framed for the Stranger Shop, which registered the stranger origin. */
  strangerPlannerUrl?: string;
  platformUrl: string;
  /** The stranger origin serving the same pages (for a hostile sibling frame). */
  strangerUrl: string;
}) {
  const app = new Hono();

  app.get('/sdk.js', async (c) => {
    sdk ??= build({
      stdin: {
        contents: "export * from '@planner/host'; import '@planner/host/element';",
        resolveDir: import.meta.dirname,
        loader: 'ts',
      },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
    }).then((r) => r.outputFiles[0]!.text);
    return c.body(await sdk, 200, { 'Content-Type': 'text/javascript' });
  });

  app.get('/config.json', (c) =>
    c.json({
      plannerUrl: options.plannerUrl,
      strangerPlannerUrl: options.strangerPlannerUrl,
      platformUrl: options.platformUrl,
      strangerUrl: options.strangerUrl,
    }),
  );

  // The host back-end's token route. A test says which token it wants in the query.
  app.post('/token', async (c) => {
    const q = c.req.query();
    const tokens = q.shop === 'stranger' && options.strangerTokens ? options.strangerTokens : options.tokens;
    const lifetime = q.lifetime ? Number(q.lifetime) : undefined;
    const answer =
      q.kind === 'user'
        ? await tokens.userToken(q.user ?? 'fixture-user', {
            scope: q.scope === 'read' ? 'read' : 'read write',
            ...(lifetime ? { lifetime } : {}),
          })
        : await tokens.legalEntityToken(lifetime ? { lifetime } : {});
    return c.json(answer);
  });

  app.get('/:page{[a-z0-9-]+\\.html}', async (c) => {
    try {
      return c.html(await readFile(join(fixtures, c.req.param('page')), 'utf8'));
    } catch {
      return c.notFound();
    }
  });
  return app;
}
