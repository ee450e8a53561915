/**
 * @module Every `keel` sub-command, one file each, loaded on demand: `keel serve` must not pay
 * for parsing the audit engine's TypeScript compiler, so only the named command's module is
 * imported (all of them for `--help` or an unknown name).
 */
import type { Command } from 'commander';

export type CommandRegistration = (program: Command) => void;

type Loader = () => Promise<CommandRegistration>;

const serve: Loader = async () => (await import('./serve.ts')).registerServeCommands;
const backup: Loader = async () => (await import('./backup.ts')).registerBackupCommands;

/** Top-level command name → the module that registers it. */
export const commandLoaders: Record<string, Loader> = {
  serve,
  worker: serve,
  db: async () => (await import('./db.ts')).registerDbCommands,
  user: async () => (await import('./user.ts')).registerUserCommands,
  backup,
  restore: backup,
  key: async () => (await import('./key.ts')).registerKeyCommands,
  demo: async () => (await import('./demo.ts')).registerDemoCommand,
  audit: async () => (await import('./audit.ts')).registerAuditCommand,
  secrets: async () => (await import('./secrets.ts')).registerSecretsCommand,
  deps: async () => (await import('./deps.ts')).registerDepsCommand,
  advisories: async () => (await import('./advisories.ts')).registerAdvisoriesCommand,
  decisions: async () => (await import('./decisions.ts')).registerDecisionsCommand,
  monitors: async () => (await import('./monitors.ts')).registerMonitorsCommand,
};

/** The registrations needed for this command line. */
export async function registrationsFor(
  commandName: string | undefined,
): Promise<CommandRegistration[]> {
  const loader = commandName ? commandLoaders[commandName] : undefined;
  const loaders = loader ? [loader] : [...new Set(Object.values(commandLoaders))];
  return Promise.all(loaders.map((load) => load()));
}
