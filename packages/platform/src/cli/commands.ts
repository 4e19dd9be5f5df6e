import { apiKeyCommands } from './api-key-commands.ts';
import { backendCommands } from './backend-commands.ts';
import { catalogCommands } from './catalog-commands.ts';
import type { Command } from './command.ts';
import { consumerCommands } from './consumer-commands.ts';
import { legalEntityCommands } from './legal-entity-commands.ts';
import { adminTokenCommand, masterKeyCommand } from './secret-commands.ts';
import { signingKeyCommands } from './signing-key-commands.ts';
import { subscriptionCommands } from './subscription-commands.ts';

/** Every command, one file per noun, in the order `--help` lists them. */
export const commands: Command[] = [
  masterKeyCommand,
  ...legalEntityCommands,
  ...apiKeyCommands,
  ...subscriptionCommands,
  ...backendCommands,
  ...consumerCommands,
  ...catalogCommands,
  adminTokenCommand,
  ...signingKeyCommands,
];
