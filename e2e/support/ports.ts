/**
 * The 127.0.0.1 ports of the browser-test stack. playwright.config.ts picks free ones when it
 * loads (or takes PLANNER_E2E_PORTS) and hands them to the stack's server and to every spec
 * through PLANNER_E2E_PORTS, so two suites on one machine never meet.
 */
import { parsePorts, type StackPorts } from './port-list.ts';

export type { StackPorts } from './port-list.ts';

function fromEnvironment(): StackPorts {
  const text = process.env.PLANNER_E2E_PORTS;
  if (!text) throw new Error('PLANNER_E2E_PORTS is not set: run the browser tests with `pnpm test:e2e`.');
  return parsePorts(text);
}

export const PORTS: StackPorts = fromEnvironment();

export const url = (port: number) => `http://127.0.0.1:${port}`;

/** A pattern for a frame's URL on one of the stack's origins (`page.frame({ url })`). */
export const originPattern = (port: number, path = '') =>
  new RegExp(`^${url(port).replace(/[.]/g, '\\.')}/${path.replace(/[.]/g, '\\.')}`);

/**
 * The operator token of the browser-test stack's admin console and API. Fixed, so specs can
 * sign in; random-looking and only ever valid on this throw-away 127.0.0.1 stack.
 */
export const PLANNER_E2E_ADMIN_TOKEN = 'adm_e2e-7Qm2vX9pL4sN8rT1wY6zB3cF5hJ0kD';
