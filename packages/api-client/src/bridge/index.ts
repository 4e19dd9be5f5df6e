/**
 * `@planner/api-client/bridge`: the planner's side of the iframe protocol, for the browser.
 * `createPlannerClient` wires it to the token store, the request queue and the web services.
 */
export type { PlannerApi, PlannerEvent } from '@planner/protocol';
export {
  Bridge,
  type BridgeEventMap,
  type BridgeOptions,
  type BridgeRefusal,
  type BridgeWindow,
  connectBridge,
  type IgnoreReason,
  type InboundMessage,
  type MessageTarget,
} from './bridge.ts';
export {
  createPlannerClient,
  type PlannerClient,
  type PlannerClientOptions,
} from './create-planner-client.ts';
