import type { PlannerApi } from '@planner/protocol';

/** A planner API with one fixed project, for tests of what the bridge exposes. */
export function fakePlannerApi(
  name: string,
  saved: { name: string; version: number } = { name, version: 1 },
): PlannerApi {
  const project = {
    id: null,
    name,
    room: { width_cm: 400, depth_cm: 300, unit: 'cm' as const },
    items: [],
  };
  return {
    openProject: async (id) => ({ ...project, id }),
    newProject: async () => project,
    getProject: async () => project,
    saveProject: async () => ({ id: 'p1', ...saved }),
    addItem: async () => project,
  };
}

/** Everything that arrives on `port` from now on. */
export function collect(port: MessagePort): unknown[] {
  const received: unknown[] = [];
  port.addEventListener('message', (event) => received.push(event.data));
  port.start();
  return received;
}
