/** @module Every `keel` sub-command registers here, one file each. */
import type { Command } from 'commander';
import { registerDepsCommand } from './deps.ts';
import { registerSecretsCommand } from './secrets.ts';

export type CommandRegistration = (program: Command) => void;

export const commandRegistrations: CommandRegistration[] = [registerDepsCommand, registerSecretsCommand];
