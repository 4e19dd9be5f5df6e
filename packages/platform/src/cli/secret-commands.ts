import { generateMasterKey } from '../crypto/master-key.ts';
import { randomToken } from '../crypto/random.ts';
import type { Command } from './command.ts';

// The operator's own secrets: made here, stored by the operator, never by the platform.

export const masterKeyCommand: Command = {
  name: 'master-key',
  summary: 'Print a new random master key (set it as PLANNER_MASTER_KEY or put it in a key file)',
  usage: 'master-key',
  async run() {
    const key = generateMasterKey();
    return { json: { master_key: key }, text: key };
  },
};

export const adminTokenCommand: Command = {
  name: 'admin-token',
  summary: 'Print a new random operator token for the admin API (set it as PLANNER_ADMIN_TOKEN)',
  usage: 'admin-token',
  async run() {
    const token = randomToken('adm', 32);
    return { json: { admin_token: token }, text: token };
  },
};
