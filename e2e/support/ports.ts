/** Fixed 127.0.0.1 ports of the browser-test stack (apart from `pnpm start`'s 4000/5173/5174). */
export const PORTS = {
  platform: 4100,
  planner: 5274,
  shop: 5273,
  /** A second host website, registered as an embed origin of the "Fixture Shop". */
  fixtures: 5275,
  /** The same fixture pages from an origin nobody registered. */
  stranger: 5276,
} as const;

export const url = (port: number) => `http://127.0.0.1:${port}`;

/**
 * The operator token of the browser-test stack's admin console and API. Fixed, so specs can
 * sign in; random-looking and only ever valid on this throw-away 127.0.0.1 stack.
 */
export const PLANNER_E2E_ADMIN_TOKEN = 'adm_e2e-7Qm2vX9pL4sN8rT1wY6zB3cF5hJ0kD';
