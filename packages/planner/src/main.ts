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

// The retailer's parts (shopping list, basket and analytics messages, theme) come with the
// lazy chunk (components/deferred.ts): none is needed for the first paint, which has a budget.
const retail = () => import('./components/deferred.ts');

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
  requestBasket: async (basket) => (await retail()).sendBasket(client.bridge, basket),
  track: (event) => {
    // In call order: each waits for the same module.
    void retail().then((m) => m.sendAnalytics(client.bridge, event));
  },
};

const root = document.getElementById('planner')!;
const commands = mountPlanner(root, services);
client.bridge.expose(commands);
// The host's theme and locale, validated by the bridge, on the planner's root element.
client.bridge.on('settings', ({ type: _type, ...settings }) => {
  void retail().then((m) => m.applySettings(root.firstElementChild as HTMLElement, settings));
});

// Development and browser-test builds only (`vite build --mode e2e`): the handle holds the
// token store, which a production page must not hand to every script in it (issue 9). The
// condition is a build-time constant, so production drops the call and the module with it.
if (import.meta.env.DEV || import.meta.env.MODE === 'e2e') {
  // What the bridge did (reasons and origins, never a token), from the first message on.
  const bridgeEvents: unknown[] = [];
  client.bridge.onAny((event) => bridgeEvents.push(event));
  exposeDebugHandle({ client, services, commands, bridgeEvents });
}
