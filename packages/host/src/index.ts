/**
 * The host page's SDK: embed the planner, hand it tokens, call it. Browser only; the token
 * client for the host's back-end is `@planner/host/server`, never imported from here.
 */
export type {
  AnalyticsEvent,
  BasketLine,
  Message,
  PlacedItem,
  PlannerApi,
  PlannerEvent,
  PlannerEventMap,
  ProjectSnapshot,
  Room,
  SavedProject,
  Theme,
} from '@planner/protocol';
export type { PlannerConnection, PlannerSettings, TokenProvider, TraceHook } from './connect.ts';
export { type EmbedOptions, embedPlanner, type PlannerEmbed } from './embed.ts';
export { EmbedError, type EmbedErrorCode } from './errors.ts';
export type { EmbedEventMap, EmbedEventName, EmbedListener } from './events.ts';
