import { BackendOperations } from '../backends/backend-operations.ts';
import {
  type BackendProfile,
  getBackendProfileDetails,
  listBackendProfiles,
  MAX_ROTATION_OVERLAP,
} from '../backends/backend-profiles.ts';
import { PlatformError } from '../errors.ts';
import { type CliContext, type Command, cliOperations, seconds, UsageError } from './command.ts';

// Back-end profiles and their static tokens (seed 000): every change goes through
// `BackendOperations`, as the admin API's do.

const describeProfile = (p: BackendProfile) =>
  [
    `${p.name}  (${p.id})${p.status === 'disabled' ? `  DISABLED since ${p.disabledAt}` : ''}`,
    `  external system: ${p.externalSystem}`,
    `  static token: ${p.staticToken ? `active since ${p.staticToken.createdAt} (${p.staticToken.id})` : '(none)'}`,
  ].join('\n');

/** The same operations as the admin API's, so the CLI writes the same audit log and announcements. */
async function backendOperations(ctx: CliContext): Promise<BackendOperations> {
  return new BackendOperations(await cliOperations(ctx));
}

export const backendCommands: Command[] = [
  {
    name: 'backend-profile create',
    summary:
      'Create a back-end profile (the subscription must include back-end services); prints its access key',
    usage: 'backend-profile create <legal-entity-id> --name <name> --external-system <system>',
    positionals: ['legal-entity-id'],
    options: { name: { type: 'string' }, 'external-system': { type: 'string' } },
    async run(ctx, { values, positionals: [id] }) {
      if (typeof values.name !== 'string') throw new UsageError('--name is required.');
      if (typeof values['external-system'] !== 'string')
        throw new UsageError('--external-system is required.');
      const profile = await (await backendOperations(ctx)).create(id!, {
        name: values.name,
        externalSystem: values['external-system'],
      });
      return {
        json: profile,
        text: `Created ${describeProfile(profile)}\n  access key: ${profile.accessKey}`,
      };
    },
  },
  {
    name: 'backend-profile list',
    summary: "List a legal entity's back-end profiles (not their access keys: see show)",
    usage: 'backend-profile list <legal-entity-id>',
    positionals: ['legal-entity-id'],
    async run(ctx, { positionals: [id] }) {
      const profiles = await listBackendProfiles((await ctx.open()).db, id!);
      return {
        json: profiles,
        text: profiles.length ? profiles.map(describeProfile).join('\n') : 'No back-end profiles.',
      };
    },
  },
  {
    name: 'backend-profile show',
    summary: "Show a back-end profile's details, with its access key",
    usage: 'backend-profile show <profile-id>',
    positionals: ['profile-id'],
    async run(ctx, { positionals: [id] }) {
      const { db, master } = await ctx.open();
      const profile = await getBackendProfileDetails(db, master, id!);
      if (!profile) throw new PlatformError('not_found', `No back-end profile ${id}.`);
      return { json: profile, text: `${describeProfile(profile)}\n  access key: ${profile.accessKey}` };
    },
  },
  {
    name: 'backend-profile rotate-key',
    summary: `Give a back-end profile a new access key (printed); the old one is refused at once, or after --overlap (at most ${MAX_ROTATION_OVERLAP} s)`,
    usage: 'backend-profile rotate-key <profile-id> [--overlap <seconds>]',
    positionals: ['profile-id'],
    options: { overlap: { type: 'string' } },
    async run(ctx, { values, positionals: [id] }) {
      const overlap = seconds(values.overlap, 'overlap');
      const profile = await (await backendOperations(ctx)).rotateAccessKey(
        id!,
        overlap === undefined ? {} : { overlapSeconds: overlap },
      );
      return {
        json: profile,
        text: [
          `New access key of ${profile.name} (${profile.id}): ${profile.accessKey}`,
          profile.previousAccessKeyExpiresAt
            ? `The previous key, and its standard tokens, work until ${profile.previousAccessKeyExpiresAt}.`
            : 'The previous key, and every standard token it obtained, is refused from now on.',
        ].join('\n'),
      };
    },
  },
  {
    name: 'backend-profile disable',
    summary:
      'Disable a back-end profile: no tokens for its access key, its standard and static tokens refused at once',
    usage: 'backend-profile disable <profile-id>',
    positionals: ['profile-id'],
    async run(ctx, { positionals: [id] }) {
      const profile = await (await backendOperations(ctx)).disable(id!);
      return { json: profile, text: `Disabled ${profile.name} (${profile.id}) at ${profile.disabledAt}.` };
    },
  },
  {
    name: 'backend-profile enable',
    summary: 'Enable a disabled back-end profile again: its access key and unexpired tokens work again',
    usage: 'backend-profile enable <profile-id>',
    positionals: ['profile-id'],
    async run(ctx, { positionals: [id] }) {
      const profile = await (await backendOperations(ctx)).enable(id!);
      return { json: profile, text: `Enabled ${profile.name} (${profile.id}).` };
    },
  },
  {
    name: 'backend-profile delete',
    summary: 'Delete a back-end profile for good: its access key and tokens stop working at once',
    usage: 'backend-profile delete <profile-id>',
    positionals: ['profile-id'],
    async run(ctx, { positionals: [id] }) {
      const profile = await (await backendOperations(ctx)).delete(id!);
      return { json: profile, text: `Deleted ${profile.name} (${profile.id}).` };
    },
  },
  {
    name: 'static-token generate',
    summary: "Generate a back-end profile's static token (replacing the active one); printed this once",
    usage: 'static-token generate <profile-id>',
    positionals: ['profile-id'],
    async run(ctx, { positionals: [id] }) {
      const issued = await (await backendOperations(ctx)).generateStaticToken(id!);
      const { token, profileId, createdAt } = issued;
      return {
        json: { token, id: issued.id, profileId, createdAt, replaced: issued.replaced?.id ?? null },
        text: [
          `Static token: ${token}`,
          '',
          `It never expires; store it in the back-end now: it is shown only once.${issued.replaced ? ' The previous one is deactivated.' : ''}`,
        ].join('\n'),
      };
    },
  },
  {
    name: 'static-token deactivate',
    summary: "Deactivate a back-end profile's static token: running platforms refuse it at once",
    usage: 'static-token deactivate <profile-id>',
    positionals: ['profile-id'],
    async run(ctx, { positionals: [id] }) {
      const { tokenHash: _, ...done } = await (await backendOperations(ctx)).deactivateStaticToken(id!);
      return {
        json: done,
        text: `Deactivated the static token of ${done.profileId} at ${done.deactivatedAt}.`,
      };
    },
  },
];
