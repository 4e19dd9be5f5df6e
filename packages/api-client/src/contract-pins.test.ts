import type { TokenKind as ContractTokenKind } from '@planner/contract';
import type { TokenKind as ProtocolTokenKind } from '@planner/protocol';
import { expectTypeOf, it } from 'vitest';

/**
 * The protocol depends on nothing of ours, so it names the token kinds on the wire itself.
 * This pins them to the contract's (checked by `pnpm typecheck`): the bridge hands one to
 * the other, and a kind added on one side only must fail here, not at run time.
 */
it("the protocol's token kinds are the contract's", () => {
  expectTypeOf<ProtocolTokenKind>().toEqualTypeOf<ContractTokenKind>();
});
