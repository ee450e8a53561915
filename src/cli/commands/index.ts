/** @module Every `keel` sub-command registers here, one file each. */
import type { Command } from 'commander';
import { registerAuditCommand } from './audit.ts';
import { registerBackupCommands } from './backup.ts';
import { registerDbCommands } from './db.ts';
import { registerDemoCommand } from './demo.ts';
import { registerDepsCommand } from './deps.ts';
import { registerKeyCommands } from './key.ts';
import { registerSecretsCommand } from './secrets.ts';
import { registerServeCommands } from './serve.ts';
import { registerUserCommands } from './user.ts';

export type CommandRegistration = (program: Command) => void;

export const commandRegistrations: CommandRegistration[] = [
  registerServeCommands,
  registerDbCommands,
  registerUserCommands,
  registerBackupCommands,
  registerKeyCommands,
  registerDemoCommand,
  registerDepsCommand,
  registerSecretsCommand,
  registerAuditCommand,
];
