import type { z } from '@hono/zod-openapi';
import type * as C from '@planner/contract';
import { PROJECT_LIMITS } from '@planner/contract';
import { expect, expectTypeOf, it } from 'vitest';
import type * as S from './index.ts';
import { ProjectInput } from './projects.ts';

/**
 * Pins every schema to the contract's type. These assertions are checked by the type
 * checker (`pnpm typecheck`, run by `pnpm test`): a field added, dropped or retyped on one
 * side only fails it. At run time the test only proves the file loads.
 */
type Out<T extends z.ZodType> = z.infer<T>;

it('the schemas infer exactly the contract types', () => {
  expectTypeOf<Out<typeof S.CatalogItem>>().toEqualTypeOf<C.CatalogItem>();
  expectTypeOf<Out<typeof S.Catalog>>().toEqualTypeOf<C.Catalog>();
  expectTypeOf<Out<typeof S.CatalogVariant>>().toEqualTypeOf<C.CatalogVariant>();
  expectTypeOf<Out<typeof S.CatalogLookup>>().toEqualTypeOf<C.CatalogLookup>();
  expectTypeOf<Out<typeof S.CatalogImportVariant>>().toEqualTypeOf<C.CatalogImportVariant>();
  expectTypeOf<Out<typeof S.CatalogImportItem>>().toEqualTypeOf<C.CatalogImportItem>();
  expectTypeOf<Out<typeof S.CatalogImportInput>>().toEqualTypeOf<C.CatalogImportInput>();
  expectTypeOf<Out<typeof S.CatalogImportProblem>>().toEqualTypeOf<C.CatalogImportProblem>();
  expectTypeOf<Out<typeof S.CatalogImportErrorBody>>().toEqualTypeOf<C.CatalogImportErrorBody>();
  expectTypeOf<Out<typeof S.CatalogImportResult>>().toEqualTypeOf<C.CatalogImportResult>();
  expectTypeOf<Out<typeof S.CatalogVersionSummary>>().toEqualTypeOf<C.CatalogVersionSummary>();
  expectTypeOf<Out<typeof S.AdminCatalog>>().toEqualTypeOf<C.AdminCatalog>();
  expectTypeOf<Out<typeof S.ErrorBody>>().toEqualTypeOf<C.ErrorBody>();
  expectTypeOf<Out<typeof S.Identity>>().toEqualTypeOf<C.Identity>();
  expectTypeOf<Out<typeof S.MessageInput>>().toEqualTypeOf<C.MessageInput>();
  expectTypeOf<Out<typeof S.SentMessage>>().toEqualTypeOf<C.SentMessage>();
  expectTypeOf<Out<typeof S.InboxMessage>>().toEqualTypeOf<C.InboxMessage>();
  expectTypeOf<Out<typeof S.Inbox>>().toEqualTypeOf<C.Inbox>();
  expectTypeOf<Out<typeof S.PlacedItem>>().toEqualTypeOf<C.PlacedItem>();
  expectTypeOf<Out<typeof S.RoomPoint>>().toEqualTypeOf<C.RoomPoint>();
  expectTypeOf<Out<typeof S.Door>>().toEqualTypeOf<C.Door>();
  expectTypeOf<Out<typeof S.RoomWindow>>().toEqualTypeOf<C.RoomWindow>();
  expectTypeOf<Out<typeof S.Opening>>().toEqualTypeOf<C.Opening>();
  expectTypeOf<Out<typeof S.Room>>().toEqualTypeOf<C.Room>();
  expectTypeOf<Out<typeof S.ProjectInput>>().toEqualTypeOf<C.ProjectInput>();
  expectTypeOf<Out<typeof S.Project>>().toEqualTypeOf<C.Project>();
  expectTypeOf<Out<typeof S.ProjectSummary>>().toEqualTypeOf<C.ProjectSummary>();
  expectTypeOf<Out<typeof S.ProjectList>>().toEqualTypeOf<C.ProjectList>();
  expectTypeOf<Out<typeof S.TokenRequest>>().toEqualTypeOf<C.TokenRequest>();
  expectTypeOf<Out<typeof S.TokenResponse>>().toEqualTypeOf<C.TokenResponse>();
  expectTypeOf<Out<typeof S.BackendTokenRequest>>().toEqualTypeOf<C.BackendTokenRequest>();
  expectTypeOf<Out<typeof S.BackendTokenResponse>>().toEqualTypeOf<C.BackendTokenResponse>();
  expectTypeOf<Out<typeof S.DayUsage>>().toEqualTypeOf<C.DayUsage>();
  expectTypeOf<Out<typeof S.UsageReport>>().toEqualTypeOf<C.UsageReport>();
  expectTypeOf<Out<typeof S.OAuthTokenResponse>>().toEqualTypeOf<C.OAuthTokenResponse>();
  expectTypeOf<Out<typeof S.AdminLegalEntity>>().toEqualTypeOf<C.AdminLegalEntity>();
  expectTypeOf<Out<typeof S.SubscriptionInput>>().toEqualTypeOf<C.SubscriptionInput>();
  expectTypeOf<Out<typeof S.LifetimeInput>>().toEqualTypeOf<C.LifetimeInput>();
  expectTypeOf<Out<typeof S.BackendProfile>>().toEqualTypeOf<C.BackendProfile>();
  expectTypeOf<Out<typeof S.BackendProfileDetails>>().toEqualTypeOf<C.BackendProfileDetails>();
  expectTypeOf<Out<typeof S.RotateAccessKeyInput>>().toEqualTypeOf<C.RotateAccessKeyInput>();
  expectTypeOf<Out<typeof S.BackendProfileInput>>().toEqualTypeOf<C.BackendProfileInput>();
  expectTypeOf<Out<typeof S.NewStaticToken>>().toEqualTypeOf<C.NewStaticToken>();
  expectTypeOf<Out<typeof S.DeactivatedStaticToken>>().toEqualTypeOf<C.DeactivatedStaticToken>();
  expectTypeOf<Out<typeof S.OAuthConsumer>>().toEqualTypeOf<C.OAuthConsumer>();
  expectTypeOf<Out<typeof S.NewOAuthConsumer>>().toEqualTypeOf<C.NewOAuthConsumer>();
  expectTypeOf<Out<typeof S.OAuthConsumerInput>>().toEqualTypeOf<C.OAuthConsumerInput>();
});

it("the schemas enforce the contract's limits, the planner's own", () => {
  const L = PROJECT_LIMITS;
  const item = (i: number) => ({
    id: `i${i}`,
    catalog_id: 'sofa',
    x: L.coordinateLimitCm,
    y: 0,
    rotation: 0,
  });
  const project = (over: Partial<C.ProjectInput>): C.ProjectInput => ({
    name: 'n'.repeat(L.nameMaxLength),
    room: { width_cm: L.roomMaxCm, depth_cm: L.roomMinCm, unit: 'cm' },
    items: Array.from({ length: L.maxItems }, (_, i) => item(i)),
    ...over,
  });
  expect(ProjectInput.safeParse(project({})).success).toBe(true);
  const tooMany = Array.from({ length: L.maxItems + 1 }, (_, i) => item(i));
  expect(ProjectInput.safeParse(project({ items: tooMany })).success).toBe(false);
  expect(ProjectInput.safeParse(project({ name: 'n'.repeat(L.nameMaxLength + 1) })).success).toBe(false);
  const wide = { width_cm: L.roomMaxCm + 1, depth_cm: L.roomMinCm, unit: 'cm' as const };
  expect(ProjectInput.safeParse(project({ room: wide })).success).toBe(false);
  const far = { ...item(0), x: L.coordinateLimitCm + 1 };
  expect(ProjectInput.safeParse(project({ items: [far] })).success).toBe(false);
});
