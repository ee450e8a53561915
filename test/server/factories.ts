/** @module Test data factories: people, clients, monitors and signed-in API clients. */
import { randomBytes } from 'node:crypto';
import type { ClientInput } from '../../src/shared/api.ts';
import type { Role } from '../../src/shared/domain.ts';
import { hashPassword } from '../../src/server/auth/passwords.ts';
import { clientAccess, clients, monitors, users } from '../../src/server/db/schema.ts';
import type { Db } from '../../src/server/db/database.ts';
import { ApiClient, type TestServer } from './harness.ts';

export const TEST_PASSWORD = 'correct horse battery';
let cachedHash: Promise<string> | undefined;

export function buildClient(overrides: Partial<ClientInput> = {}): ClientInput {
  return {
    name: `Client ${randomBytes(3).toString('hex')}`,
    stage: 'seed',
    stack: ['TypeScript'],
    ...overrides,
  };
}

export async function createClientRow(db: Db, overrides: Partial<ClientInput> = {}) {
  const input = buildClient(overrides);
  const [row] = await db
    .insert(clients)
    .values({ name: input.name, stage: input.stage, stack: input.stack ?? [] })
    .returning();
  if (!row) throw new Error('no row');
  return row;
}

/** A paused HTTP monitor row (nothing checks it), for tests that write results or rollups. */
export async function createMonitorRow(
  db: Db,
  clientId: string,
  overrides: Partial<typeof monitors.$inferInsert> = {},
): Promise<string> {
  const [row] = await db
    .insert(monitors)
    .values({
      clientId,
      name: `Monitor ${randomBytes(3).toString('hex')}`,
      kind: 'http',
      target: { kind: 'http', url: 'https://example.test/' },
      intervalSeconds: 60,
      timeoutSeconds: 10,
      retries: 0,
      recoveries: 0,
      enabled: false,
      ...overrides,
    })
    .returning({ id: monitors.id });
  return row!.id;
}

export async function createUser(
  db: Db,
  options: { role: Role; clientIds?: string[]; email?: string },
) {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const email = options.email ?? `${options.role}-${randomBytes(4).toString('hex')}@example.test`;
  const [user] = await db
    .insert(users)
    .values({
      email,
      name: `Test ${options.role}`,
      role: options.role,
      passwordHash: await cachedHash,
    })
    .returning();
  if (!user) throw new Error('no row');
  if (options.clientIds?.length)
    await db
      .insert(clientAccess)
      .values(options.clientIds.map((clientId) => ({ userId: user.id, clientId })));
  return user;
}

/** A person with a live session, through the real login route. */
export async function signedInAs(
  server: TestServer,
  options: { role: Role; clientIds?: string[] },
) {
  const user = await createUser(server.ctx.db, options);
  const api = new ApiClient(server.baseUrl);
  const response = await api.post('/api/v1/auth/login', {
    email: user.email,
    password: TEST_PASSWORD,
  });
  if (response.status !== 200) throw new Error(`login failed: ${JSON.stringify(response.body)}`);
  return { user, api };
}
