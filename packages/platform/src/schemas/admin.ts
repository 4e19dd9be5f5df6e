import { z } from '@hono/zod-openapi';
import {
  BACKEND_PROFILE_STATUSES,
  BACKEND_SERVICES,
  GRANTED_SCOPES,
  ADMIN_LIMITS as L,
} from '@planner/contract';
import { storableText } from './text.ts';
import { HostUserId, Scope } from './tokens.ts';

export const AdminLegalEntity = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    default_token_lifetime: z.number().int(),
    oauth_token_lifetime: z.number().int(),
    origins: z.array(z.string()),
    services: z
      .array(z.enum(BACKEND_SERVICES))
      .openapi({ description: "The subscription's back-end services." }),
    created_at: z.string().datetime(),
  })
  .openapi('AdminLegalEntity');

export const SubscriptionInput = z
  .object({ services: z.array(z.enum(BACKEND_SERVICES)).max(L.maxServices) })
  .strict()
  .openapi('SubscriptionInput');

export const LifetimeInput = z
  .object({ seconds: z.number().int().min(L.lifetimeMinSeconds).max(L.lifetimeMaxSeconds) })
  .strict()
  .openapi('LifetimeInput');

const StaticTokenState = z
  .object({ id: z.string().uuid(), created_at: z.string().datetime() })
  .nullable()
  .openapi({ description: 'The active static token (never the token itself), or null.' });

export const BackendProfile = z
  .object({
    id: z.string(),
    legal_entity_id: z.string().uuid(),
    name: z.string(),
    external_system: z.string(),
    created_at: z.string().datetime(),
    status: z.enum(BACKEND_PROFILE_STATUSES).openapi({
      description: 'disabled: its access key gets no token and its tokens are refused, until enabled.',
    }),
    disabled_at: z.string().datetime().nullable(),
    static_token: StaticTokenState,
  })
  .openapi('BackendProfile');

export const BackendProfileDetails = BackendProfile.extend({
  access_key: z.string().openapi({ description: 'Authenticates standard-token requests.' }),
  access_key_rotated_at: z.string().datetime().nullable(),
  previous_access_key_expires_at: z.string().datetime().nullable().openapi({
    description: 'Until when the key before the last rotation is still accepted (its overlap), or null.',
  }),
  services: z.array(z.enum(BACKEND_SERVICES)),
}).openapi('BackendProfileDetails');

export const RotateAccessKeyInput = z
  .object({
    overlap_seconds: z.number().int().min(0).max(L.overlapMaxSeconds).optional().openapi({
      description:
        'How long the old access key, and the standard tokens it obtained, keep working; default 0: refused at once.',
    }),
  })
  .strict()
  .openapi('RotateAccessKeyInput');

export const BackendProfileInput = z
  .object({
    name: storableText().trim().min(1).max(L.nameMaxLength),
    external_system: storableText().trim().min(1).max(L.nameMaxLength),
  })
  .strict()
  .openapi('BackendProfileInput');

export const NewStaticToken = z
  .object({
    static_token: z.string().openapi({ description: 'Shown this once: store it now.' }),
    id: z.string().uuid(),
    profile_id: z.string(),
    created_at: z.string().datetime(),
    replaced: z
      .string()
      .uuid()
      .nullable()
      .openapi({ description: 'The static token it replaced, now deactivated.' }),
  })
  .openapi('NewStaticToken');

export const DeactivatedStaticToken = z
  .object({ id: z.string().uuid(), profile_id: z.string(), deactivated_at: z.string().datetime() })
  .openapi('DeactivatedStaticToken');

export const OAuthConsumer = z
  .object({
    consumer_key: z.string(),
    legal_entity_id: z.string().uuid(),
    user_id: z.string().openapi({ description: "The host's id for the user the consumer acts as." }),
    label: z.string(),
    scope: z.enum(GRANTED_SCOPES),
    created_at: z.string().datetime(),
    revoked_at: z.string().datetime().nullable(),
  })
  .openapi('OAuthConsumer');

export const NewOAuthConsumer = OAuthConsumer.extend({
  consumer_secret: z.string().openapi({ description: 'Shown this once: store it now.' }),
}).openapi('NewOAuthConsumer');

export const OAuthConsumerInput = z
  .object({
    user_id: HostUserId,
    label: storableText().max(L.labelMaxLength).optional(),
    scope: Scope.optional().openapi({ description: 'The most its tokens may carry; default "read".' }),
  })
  .strict()
  .openapi('OAuthConsumerInput');
