import { fileURLToPath } from 'node:url';

/**
 * The shop's back-end as a library, for whoever serves it (`@planner/stack` in this
 * repository; a host copies it): the Hono app, its demo shoppers, and the built page.
 */
export { createShopApp, type ShopOptions } from './app.ts';
export { DEMO_PASSWORD, demoShoppers, type Shopper } from './shoppers.ts';
export { type StaticOptions, staticFiles } from './static-files.ts';

/** The shop's page: a Vite project (its root and config), built to `dist`. */
export const shopPage = {
  root: fileURLToPath(new URL('../../', import.meta.url)),
  configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)),
  dist: fileURLToPath(new URL('../../dist', import.meta.url)),
};
