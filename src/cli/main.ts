/**
 * @module The `keel` command line: one commander program, one file per command under
 * `commands/`. A failing command prints a one-line reason and exits non-zero.
 */
import { Command, CommanderError } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };
import { registrationsFor } from './commands/index.ts';
import { CliError } from './cli-error.ts';

const program = new Command('keel')
  .description('Keel: the cockpit for fractional CTOs.')
  .version(packageJson.version, '-V, --version', 'print the version of Keel')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

for (const register of await registrationsFor(process.argv[2])) register(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // commander already printed its message; help and version exit 0.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof CliError) {
    process.stderr.write(`keel: ${error.message}\n`);
    process.exitCode = error.exitCode;
  } else {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`keel: ${message.split('\n')[0]}\n`);
    process.exitCode = 1;
  }
}
