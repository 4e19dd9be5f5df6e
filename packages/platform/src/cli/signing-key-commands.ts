import { signingKeyTimingsFromEnv } from '../config.ts';
import { STANDARD_TOKEN_LIFETIME } from '../tokens/access-tokens.ts';
import { keyTimings, SigningKeys } from '../tokens/signing-keys.ts';
import type { CliContext, Command } from './command.ts';

/** The same timings the platform uses: run the CLI with the platform's environment. */
async function signingKeys(ctx: CliContext): Promise<SigningKeys> {
  const { db, master } = await ctx.open();
  const maxLifetime = Number(ctx.env.PLANNER_MAX_TOKEN_LIFETIME || 86_400);
  const timings = keyTimings(
    Math.max(maxLifetime, STANDARD_TOKEN_LIFETIME),
    signingKeyTimingsFromEnv(ctx.env),
  );
  return new SigningKeys(db, master, { timings });
}

export const signingKeyCommands: Command[] = [
  {
    name: 'signing-key rotate',
    summary: 'Publish a new token-signing key now; it signs once every JWKS cache has it',
    usage: 'signing-key rotate',
    details: `The new key is in /.well-known/jwks.json at once and signs after
PLANNER_KEY_ACTIVATION_DELAY (default: the JWKS max-age, PLANNER_JWKS_MAX_AGE, plus 60 s),
so verifiers that cache the JWKS know it before they meet it. The current key signs until
then and is accepted for PLANNER_RETIRED_KEY_WINDOW more (default: the longest token
lifetime plus 60 s). One rotation at a time: a pending key must activate first.`,
    async run(ctx) {
      const result = await (await signingKeys(ctx)).rotate();
      return {
        json: result,
        text: [
          `New signing key ${result.kid}: published now, signs from ${result.activatesAt}.`,
          ...(result.replaces
            ? [
                `${result.replaces.kid} signs until then and is accepted until ${result.replaces.acceptedUntil}.`,
              ]
            : []),
        ].join('\n'),
      };
    },
  },
  {
    name: 'signing-key revoke',
    summary: 'Emergency: withdraw a signing key from the JWKS and from verification at once',
    usage: 'signing-key revoke <kid>',
    positionals: ['kid'],
    details: `Every instance refuses the key's tokens at once. If it was the signer, the pending
key (or a new one) signs from now on, before verifiers that cache the JWKS have it: they
refuse new tokens until they fetch the JWKS again (up to its max-age). Only for a key you
believe leaked; for a planned change use \`signing-key rotate\`.`,
    async run(ctx, { positionals: [kid] }) {
      const result = await (await signingKeys(ctx)).revoke(kid!);
      return {
        json: result,
        text: `Revoked ${result.kid} (was ${result.was}).${result.promoted ? ` ${result.signer} signs from now on.` : ` ${result.signer} still signs.`}`,
      };
    },
  },
  {
    name: 'signing-key list',
    summary: 'List the signing keys with their state (pending, active, retired, gone)',
    usage: 'signing-key list',
    async run(ctx) {
      const keys = await (await signingKeys(ctx)).list();
      return {
        json: keys,
        text:
          keys
            .map(
              (k) =>
                `${k.kid}  ${k.state.padEnd(7)}  signs from ${k.activatesAt}${k.retiredAt ? `  until ${k.retiredAt}` : ''}${k.acceptedUntil ? `  accepted until ${k.acceptedUntil}` : ''}`,
            )
            .join('\n') || 'No signing keys yet.',
      };
    },
  },
];
