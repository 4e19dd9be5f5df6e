import { createPlannerClient } from '@planner/api-client/bridge';
import { mountPlanner } from './app.ts';
import { exposeDebugHandle } from './dev/debug-handle.ts';
import type { PlannerServices } from './services.ts';
import { trackSession } from './session/session-state.ts';

/**
 * The iframe page's entry: the planner client (token store, request queue, bridge to the
 * host page), the session badge's source of truth, and the UI.
 *
 * The API's address comes from the planner's own server (a meta tag it fills in), never
 * from the host page: a host that could choose it could send the planner's tokens anywhere.
 */
const apiBase =
  document.querySelector<HTMLMetaElement>('meta[name="planner-api"]')?.content.replace(/^%.*%$/, '') ||
  'http://127.0.0.1:4000';

// The queue's default bound (10 000 pending calls) is a safety net against runaway loops,
// far above the hundreds a planner fires at once (a bulk import, many symbols).
const client = createPlannerClient({ baseUrl: apiBase, plannerVersion: '0.1.0' });
const session = trackSession(client);

const services: PlannerServices = {
  ...client.services,
  symbolUrl: (relative) => new URL(relative, apiBase).href,
  session,
  requestLogin: (reason) => {
    client.bridge.loginRequired(reason);
  },
  projectSaved: (project) => {
    client.bridge.emit({ type: 'projectSaved', ...project });
  },
  reportHeight: (height) => {
    client.bridge.emit({ type: 'resize', height: Math.ceil(height) });
  },
};

const commands = mountPlanner(document.getElementById('planner')!, services);
client.bridge.expose(commands);

// Development and browser-test builds only (`vite build --mode e2e`): the handle holds the
// token store, which a production page must not hand to every script in it (issue 9). The
// condition is a build-time constant, so production drops the call and the module with it.
if (import.meta.env.DEV || import.meta.env.MODE === 'e2e') {
  // What the bridge did (reasons and origins, never a token), from the first message on.
  const bridgeEvents: unknown[] = [];
  client.bridge.onAny((event) => bridgeEvents.push(event));
  exposeDebugHandle({ client, services, commands, bridgeEvents });
}
