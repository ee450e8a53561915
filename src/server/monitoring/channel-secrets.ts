/**
 * @module A webhook channel's secrets: its URL (a Slack or Teams incoming-webhook URL is itself a
 * credential) and its HMAC signing secret, sealed together as one JSON object in the channel's
 * `credentials` row. `alert_channels.config.url` keeps only a mask such as
 * `https://hooks.slack.com/…(77 chars)`, which is what the API and the web app show.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { alertChannels, credentials } from '../db/schema.ts';

type Box = AppContext['secretBox'];

export interface ChannelSecrets {
  url: string;
  /** The HMAC signing secret; absent only for rows without a credential. */
  signingSecret?: string;
}

/** `https://hooks.slack.com/…(77 chars)`: the origin tells receivers apart, the path stays hidden. */
export function maskWebhookUrl(url: string): string {
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    origin = '';
  }
  return `${origin}/…(${url.length} chars)`;
}

export function sealChannelSecrets(
  box: Box,
  credentialId: string,
  secrets: ChannelSecrets,
): string {
  return box.seal(JSON.stringify(secrets), credentialId);
}

/**
 * Opens a channel's credential. Rows written before URLs were sealed hold the signing secret as a
 * plain string and the URL in `config.url`; both shapes open to the same result.
 */
export function openChannelSecrets(
  box: Box,
  credential: { id: string; ciphertext: string } | null,
  config: Record<string, unknown>,
): ChannelSecrets {
  if (!credential) return { url: String(config.url) };
  const opened = box.open(credential.ciphertext, credential.id);
  if (config.urlSealed === true) return JSON.parse(opened) as ChannelSecrets;
  return { url: String(config.url), signingSecret: opened };
}

/**
 * Seals the URLs of webhook channels written before URLs were sealed: the signing secret and the
 * URL go into the channel's credential row as one object, and `config.url` becomes the mask.
 * Runs at start, each row locked and checked again so two processes starting together agree.
 */
export async function sealPlainWebhookUrls(
  ctx: Pick<AppContext, 'db' | 'secretBox' | 'logger'>,
): Promise<number> {
  const candidates = await ctx.db
    .select({ id: alertChannels.id })
    .from(alertChannels)
    .where(
      and(
        eq(alertChannels.kind, 'webhook'),
        sql`coalesce(${alertChannels.config}->>'urlSealed', 'false') <> 'true'`,
      ),
    );
  let sealed = 0;
  for (let i = 0; i < candidates.length; i += 200) {
    const chunk = candidates.slice(i, i + 200).map((c) => c.id);
    sealed += await ctx.db.transaction(async (tx) => {
      const rows = await tx
        .select({ channel: alertChannels, credential: credentials })
        .from(alertChannels)
        .leftJoin(credentials, eq(credentials.id, alertChannels.secretCredentialId))
        .where(
          and(
            inArray(alertChannels.id, chunk),
            sql`coalesce(${alertChannels.config}->>'urlSealed', 'false') <> 'true'`,
          ),
        )
        .for('update', { of: alertChannels });
      for (const { channel, credential } of rows) {
        const secrets = openChannelSecrets(ctx.secretBox, credential, channel.config);
        const credentialId = credential?.id ?? crypto.randomUUID();
        const ciphertext = sealChannelSecrets(ctx.secretBox, credentialId, secrets);
        if (credential)
          await tx.update(credentials).set({ ciphertext }).where(eq(credentials.id, credentialId));
        else
          await tx.insert(credentials).values({
            id: credentialId,
            clientId: channel.clientId,
            kind: 'webhook-signing-secret',
            label: `webhook ${channel.name}`.slice(0, 200),
            ciphertext,
          });
        await tx
          .update(alertChannels)
          .set({
            config: { ...channel.config, url: maskWebhookUrl(secrets.url), urlSealed: true },
            secretCredentialId: credentialId,
          })
          .where(eq(alertChannels.id, channel.id));
      }
      return rows.length;
    });
  }
  if (sealed > 0) ctx.logger.info({ channels: sealed }, 'sealed webhook URLs');
  return sealed;
}
