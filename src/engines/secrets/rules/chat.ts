/** @module Chat, social and collaboration platforms. */
import type { RuleSpec } from '../types.ts';
import { keyedRule, prefixRule, rule } from './helpers.ts';

export const chatRules: RuleSpec[] = [
  prefixRule(
    'slack-bot-token',
    'Slack bot token',
    ['xoxb-'],
    'xoxb-[0-9]{10,13}-[0-9]{10,13}-[a-zA-Z0-9-]{20,40}',
    { name: 'SLACK_BOT_TOKEN', value: 'xoxb-{d:12}-{d:13}-{A:24}' },
  ),
  prefixRule(
    'slack-user-token',
    'Slack user token',
    ['xoxp-', 'xoxe-'],
    'xox[pe](?:-[0-9]{10,13}){3}-[a-zA-Z0-9-]{28,34}',
    { name: 'SLACK_USER_TOKEN', value: 'xoxp-{d:12}-{d:12}-{d:13}-{h:32}' },
  ),
  prefixRule(
    'slack-app-token',
    'Slack app-level token',
    ['xapp-'],
    '(?i)xapp-\\d-[A-Z0-9]+-\\d+-[a-z0-9]+',
    { name: 'SLACK_APP_TOKEN', value: 'xapp-1-A{U:10}-{d:13}-{h:64}' },
  ),
  prefixRule(
    'slack-config-token',
    'Slack configuration token',
    ['xoxe.xox'],
    '(?i)xoxe\\.xox[bp]-\\d-[A-Z0-9]{163,166}',
    { name: 'SLACK_CONFIG_TOKEN', value: 'xoxe.xoxp-1-{U:164}' },
  ),
  prefixRule(
    'slack-legacy-token',
    'Slack legacy workspace token',
    ['xoxa-', 'xoxr-'],
    'xox[ar]-(?:\\d-)?[0-9a-zA-Z]{8,48}',
    { name: 'SLACK_LEGACY_TOKEN', value: 'xoxa-2-{A:40}' },
  ),
  rule(
    'slack-webhook-url',
    'Slack incoming webhook URL',
    ['hooks.slack.com'],
    '(?:https?://)?hooks\\.slack\\.com/(?:services|workflows|triggers)/([A-Za-z0-9+/]{43,56})',
    { name: 'SLACK_WEBHOOK_URL', value: 'https://hooks.slack.com/services/T{U:8}/B{U:10}/{A:24}' },
    { entropy: 3 },
  ),
  // A bot token is recognised by its shape (base64 of the bot's id, a timestamp, an HMAC) as
  // well as by a name: bots pass it straight to `client.login(…)` (discord.js) or
  // `client.run(…)` (discord.py). Ids issued since 2022 make it start `M`, `N` or `O`. Keywords
  // stay narrow (`bot` alone would wake the rule on every `both` and `bottom`).
  prefixRule(
    'discord-bot-token',
    'Discord bot token',
    ['discord', 'bot_token', 'bot-token', 'bottoken', '.login(', '.run('],
    '[MNO][a-zA-Z0-9_-]{23,25}\\.[a-zA-Z0-9_-]{6}\\.[a-zA-Z0-9_-]{27,38}',
    { name: 'DISCORD_BOT_TOKEN', value: 'M{u:25}.{u:6}.{u:38}' },
    { entropy: 3.5 },
  ),
  keyedRule('discord-client-secret', 'Discord client secret', ['discord'], '[a-z0-9=_-]{32}', {
    name: 'DISCORD_CLIENT_SECRET',
    value: '{u:32}',
  }),
  rule(
    'discord-webhook-url',
    'Discord webhook URL',
    ['discord.com/api/webhooks', 'discordapp.com/api/webhooks'],
    'discord(?:app)?\\.com/api/webhooks/\\d{17,20}/([\\w-]{60,70})',
    { name: 'DISCORD_WEBHOOK', value: 'https://discord.com/api/webhooks/{d:19}/{u:68}' },
    { entropy: 3 },
  ),
  // `<bot id>:<35 characters>`, the second part starting with `A`: self-identifying enough to
  // need no variable name (`NewBotAPI("…")`, `Bot(token=…)`), keyed on `:aa` (tokens issued
  // today start `AA`), `bot` and `telegram`.
  prefixRule(
    'telegram-bot-token',
    'Telegram bot token',
    ['telegram', 'bot', ':aa'],
    '[0-9]{5,16}:A[a-zA-Z0-9_-]{34}',
    { name: 'TELEGRAM_BOT_TOKEN', value: '{d:10}:A{u:34}' },
    { entropy: 3.5 },
  ),
  rule(
    'msteams-webhook-url',
    'Microsoft Teams incoming webhook URL',
    ['webhook.office.com'],
    '(https://[a-z0-9]+\\.webhook\\.office\\.com/webhookb2/[a-z0-9]{8}-(?:[a-z0-9]{4}-){3}[a-z0-9]{12}@[a-z0-9]{8}-(?:[a-z0-9]{4}-){3}[a-z0-9]{12}/IncomingWebhook/[a-z0-9]{32}/[a-z0-9]{8}-(?:[a-z0-9]{4}-){3}[a-z0-9]{12})',
    {
      name: 'TEAMS_WEBHOOK_URL',
      value:
        'https://contoso.webhook.office.com/webhookb2/{uuid}@{uuid}/IncomingWebhook/{h:32}/{uuid}',
    },
    { entropy: 3 },
  ),
  keyedRule('mattermost-token', 'Mattermost access token', ['mattermost'], '[a-z0-9]{26}', {
    name: 'MATTERMOST_TOKEN',
    value: '{a:26}',
  }),
  keyedRule('twitch-token', 'Twitch API token', ['twitch'], '[a-z0-9]{30}', {
    name: 'TWITCH_CLIENT_SECRET',
    value: '{a:30}',
  }),
  keyedRule('intercom-token', 'Intercom access token', ['intercom'], '[a-z0-9=_-]{60}', {
    name: 'INTERCOM_ACCESS_TOKEN',
    value: 'dG9r{u:56}',
  }),
  keyedRule('gitter-token', 'Gitter access token', ['gitter'], '[a-z0-9_-]{40}', {
    name: 'GITTER_TOKEN',
    value: '{h:40}',
  }),
  prefixRule(
    'facebook-access-token',
    'Facebook/Meta access token',
    ['eaam', 'eaac'],
    'EAA[MC][a-zA-Z0-9]{100,}',
    { name: 'FB_ACCESS_TOKEN', value: 'EAAC{A:160}' },
  ),
  keyedRule(
    'facebook-app-secret',
    'Facebook app secret',
    ['facebook', 'fb_app_secret'],
    '[a-f0-9]{32}',
    { name: 'FACEBOOK_APP_SECRET', value: '{h:32}' },
  ),
  rule(
    'twitter-bearer-token',
    'Twitter/X bearer token',
    ['aaaaaaaaaaaaaaaaaaaaa'],
    '\\b(A{22}[a-zA-Z0-9%]{80,100})(?:[\\x60\'"\\s;]|$)',
    { name: 'TWITTER_BEARER_TOKEN', value: 'AAAAAAAAAAAAAAAAAAAAAA{A:90}' },
    { skipPlaceholderCheck: true, entropy: 3 },
  ),
  keyedRule('twitter-api-secret', 'Twitter/X API secret', ['twitter'], '[a-z0-9]{50}', {
    name: 'TWITTER_API_SECRET',
    value: '{A:50}',
  }),
  keyedRule(
    'twitter-access-token',
    'Twitter/X access token',
    ['twitter'],
    '[0-9]{15,25}-[a-zA-Z0-9]{20,40}',
    { name: 'TWITTER_ACCESS_TOKEN', value: '{d:19}-{A:31}' },
  ),
  keyedRule(
    'linkedin-client-secret',
    'LinkedIn client secret',
    ['linkedin', 'linked_in'],
    '[a-z0-9]{16}',
    { name: 'LINKEDIN_CLIENT_SECRET', value: '{A:16}' },
  ),
  keyedRule('dropbox-token', 'Dropbox access token', ['dropbox'], 'sl\\.[a-z0-9=_-]{135}', {
    name: 'DROPBOX_ACCESS_TOKEN',
    value: 'sl.{u:135}',
  }),
  keyedRule('zoom-secret', 'Zoom API secret', ['zoom'], '[a-z0-9]{32}', {
    name: 'ZOOM_CLIENT_SECRET',
    value: '{A:32}',
  }),
  keyedRule(
    'line-channel-token',
    'LINE channel access token',
    ['line_channel', 'line_access'],
    '[a-z0-9+/=]{172}',
    { name: 'LINE_CHANNEL_ACCESS_TOKEN', value: '{b:171}=' },
  ),
];
