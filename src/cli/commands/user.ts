/** @module `keel user create` and `keel user reset-password`. */
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { roles } from '../../shared/domain.ts';
import { recordAudit } from '../../server/audit-log/audit-log.service.ts';
import { hashPassword } from '../../server/auth/passwords.ts';
import { clientAccess, clients, sessions, users } from '../../server/db/schema.ts';
import { CliError } from '../cli-error.ts';
import { readStdin, withDatabase } from '../with-database.ts';

const createOptions = z.object({
  email: z.email({ message: '--email must be an email address' }),
  name: z.string().min(1, { message: '--name is required' }),
  role: z.enum(roles, { message: `--role must be one of ${roles.join(', ')}` }),
  client: z.array(z.uuid({ message: '--client must be a client id (UUID)' })).default([]),
});

async function passwordFrom(
  useStdin: boolean | undefined,
): Promise<{ password: string; generated: boolean }> {
  if (!useStdin) return { password: randomBytes(15).toString('base64url'), generated: true };
  const password = await readStdin();
  if (password.length < 10) throw new CliError('the password must be at least 10 characters', 2);
  return { password, generated: false };
}

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('Manage accounts');

  user
    .command('create')
    .description('Create an account (prints a generated password unless --password-stdin)')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--name <name>', 'display name')
    .option('--role <role>', 'owner, member or founder', 'member')
    .option('--client <id...>', 'client id(s) a member works on, or the founder’s one client')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (raw: Record<string, unknown>) => {
      const parsed = createOptions.safeParse(raw);
      if (!parsed.success)
        throw new CliError(parsed.error.issues.map((i) => i.message).join('; '), 2);
      const options = parsed.data;
      if (options.role === 'founder' && options.client.length !== 1)
        throw new CliError('a founder needs exactly one --client', 2);
      const { password, generated } = await passwordFrom(raw.passwordStdin as boolean | undefined);
      await withDatabase(async ({ db }) => {
        const [taken] = await db
          .select({ id: users.id })
          .from(users)
          .where(sql`lower(${users.email}) = ${options.email.toLowerCase()}`);
        if (taken) throw new CliError(`an account with ${options.email} already exists`);
        for (const id of options.client) {
          const [found] = await db
            .select({ id: clients.id })
            .from(clients)
            .where(eq(clients.id, id));
          if (!found) throw new CliError(`no client with id ${id}`, 2);
        }
        const passwordHash = await hashPassword(password);
        await db.transaction(async (tx) => {
          const [created] = await tx
            .insert(users)
            .values({
              email: options.email.toLowerCase(),
              name: options.name,
              role: options.role,
              passwordHash,
            })
            .returning();
          if (!created) throw new Error('insert returned no row');
          if (options.role !== 'owner' && options.client.length) {
            await tx
              .insert(clientAccess)
              .values(options.client.map((clientId) => ({ userId: created.id, clientId })));
          }
          await recordAudit(tx, {
            action: 'person.created',
            actorLabel: 'cli',
            targetType: 'user',
            targetId: created.id,
            details: { role: created.role },
          });
        });
      });
      process.stdout.write(`Created ${options.role} ${options.email}.\n`);
      if (generated) process.stdout.write(`Password (shown once): ${password}\n`);
    });

  user
    .command('reset-password <email>')
    .description(
      'Set a new password and end the account’s sessions (prints a generated one unless --password-stdin)',
    )
    .option('--password-stdin', 'read the new password from standard input')
    .action(async (email: string, options: { passwordStdin?: boolean }) => {
      const { password, generated } = await passwordFrom(options.passwordStdin);
      await withDatabase(async ({ db }) => {
        const passwordHash = await hashPassword(password);
        const [row] = await db
          .update(users)
          .set({ passwordHash, updatedAt: new Date() })
          .where(sql`lower(${users.email}) = ${email.toLowerCase()}`)
          .returning();
        if (!row) throw new CliError(`no account with the email ${email}`);
        await db.delete(sessions).where(eq(sessions.userId, row.id));
        await recordAudit(db, {
          action: 'user.password_reset',
          actorLabel: 'cli',
          targetType: 'user',
          targetId: row.id,
        });
      });
      process.stdout.write(`Password reset for ${email}; their sessions were ended.\n`);
      if (generated) process.stdout.write(`New password (shown once): ${password}\n`);
    });
}
