/**
 * `globalThis.planner`: the client (token store included), the services and the commands,
 * for diagnostics in development and for the browser tests. Called only behind
 * `import.meta.env.DEV` (or the `e2e` build mode), a build-time constant, so a production page never hands its
 * token store to whatever script runs in it (issue 9); `pnpm size` fails if this module
 * reaches the production bundle.
 */
export function exposeDebugHandle(handle: Record<string, unknown>): void {
  Object.defineProperty(globalThis, 'planner', { value: handle, configurable: true });
}
