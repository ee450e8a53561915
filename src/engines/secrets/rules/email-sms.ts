/** @module Email, SMS, push and messaging APIs. */
import type { RuleSpec } from '../types.ts';
import { keyedRule, prefixRule, uuid, uuidSample } from './helpers.ts';

export const emailSmsRules: RuleSpec[] = [
  prefixRule('sendgrid-api-key', 'SendGrid API key', ['sg.'], 'SG\\.[\\w-]{22}\\.[\\w-]{43}', {
    name: 'SENDGRID_API_KEY',
    value: 'SG.{u:22}.{u:43}',
  }),
  keyedRule('mailgun-private-key', 'Mailgun private API key', ['mailgun'], 'key-[a-f0-9]{32}', {
    name: 'MAILGUN_API_KEY',
    value: 'key-{h:32}',
  }),
  keyedRule(
    'mailgun-signing-key',
    'Mailgun webhook signing key',
    ['mailgun'],
    '[a-h0-9]{32}-[a-h0-9]{8}-[a-h0-9]{8}',
    { name: 'MAILGUN_SIGNING_KEY', value: '{h:32}-{h:8}-{h:8}' },
  ),
  keyedRule(
    'mailchimp-api-key',
    'Mailchimp API key',
    ['mailchimp', 'mc_api'],
    '[a-f0-9]{32}-us\\d{1,2}',
    { name: 'MAILCHIMP_API_KEY', value: '{h:32}-us14' },
  ),
  keyedRule('postmark-token', 'Postmark server token', ['postmark'], uuid, {
    name: 'POSTMARK_SERVER_TOKEN',
    value: uuidSample,
  }),
  keyedRule('mandrill-api-key', 'Mandrill API key', ['mandrill'], '[a-z0-9_-]{22}', {
    name: 'MANDRILL_API_KEY',
    value: '{u:22}',
  }),
  prefixRule(
    'brevo-api-key',
    'Brevo (Sendinblue) API key',
    ['xkeysib-'],
    'xkeysib-[a-f0-9]{64}-[a-z0-9]{16}',
    { name: 'BREVO_API_KEY', value: 'xkeysib-{h:64}-{a:16}' },
  ),
  prefixRule(
    'brevo-smtp-key',
    'Brevo SMTP key',
    ['xsmtpsib-'],
    'xsmtpsib-[a-f0-9]{64}-[a-z0-9]{16}',
    { name: 'BREVO_SMTP_KEY', value: 'xsmtpsib-{h:64}-{a:16}' },
  ),
  prefixRule(
    'resend-api-key',
    'Resend API key',
    ['re_'],
    're_[a-zA-Z0-9]{8}_[a-zA-Z0-9]{24}',
    { name: 'RESEND_API_KEY', value: 're_{A:8}_{A:24}' },
    { entropy: 3.5 },
  ),
  keyedRule('sparkpost-api-key', 'SparkPost API key', ['sparkpost'], '[a-f0-9]{40}', {
    name: 'SPARKPOST_API_KEY',
    value: '{h:40}',
  }),
  keyedRule('mailjet-secret', 'Mailjet API secret', ['mailjet'], '[a-f0-9]{32}', {
    name: 'MAILJET_SECRET_KEY',
    value: '{h:32}',
  }),
  prefixRule(
    'twilio-api-key',
    'Twilio API key SID',
    ['sk'],
    'SK[0-9a-fA-F]{32}',
    { name: 'TWILIO_API_KEY', value: 'SK{h:32}' },
    { confidence: 'medium' },
  ),
  keyedRule('twilio-auth-token', 'Twilio auth token', ['twilio'], '[a-f0-9]{32}', {
    name: 'TWILIO_AUTH_TOKEN',
    value: '{h:32}',
  }),
  keyedRule('vonage-api-secret', 'Vonage (Nexmo) API secret', ['vonage', 'nexmo'], '[a-z0-9]{16}', {
    name: 'VONAGE_API_SECRET',
    value: '{A:16}',
  }),
  keyedRule(
    'messagebird-api-key',
    'MessageBird API key',
    ['messagebird', 'message_bird'],
    '[a-z0-9]{25}',
    { name: 'MESSAGEBIRD_API_KEY', value: '{A:25}' },
  ),
  keyedRule('plivo-auth-token', 'Plivo auth token', ['plivo'], '[a-z0-9]{40}', {
    name: 'PLIVO_AUTH_TOKEN',
    value: '{A:40}',
  }),
  prefixRule('telnyx-api-key', 'Telnyx API key', ['key0'], 'KEY0[0-9A-F]{31}_[A-Za-z0-9]{22}', {
    name: 'TELNYX_API_KEY',
    value: 'KEY0{H:31}_{A:22}',
  }),
  prefixRule('mailersend-token', 'MailerSend API token', ['mlsn.'], 'mlsn\\.[a-f0-9]{64}', {
    name: 'MAILERSEND_API_KEY',
    value: 'mlsn.{h:64}',
  }),
  keyedRule('onesignal-api-key', 'OneSignal REST API key', ['onesignal'], '[a-z0-9]{48}', {
    name: 'ONESIGNAL_REST_API_KEY',
    value: '{A:48}',
  }),
  keyedRule('pusher-secret', 'Pusher app secret', ['pusher'], '[a-f0-9]{20}', {
    name: 'PUSHER_APP_SECRET',
    value: '{h:20}',
  }),
  keyedRule('sendbird-token', 'Sendbird API token', ['sendbird'], '[a-f0-9]{40}', {
    name: 'SENDBIRD_API_TOKEN',
    value: '{h:40}',
  }),
  prefixRule(
    'fcm-server-key',
    'Firebase Cloud Messaging server key',
    ['apa91b'],
    'AAAA[a-zA-Z0-9_-]{7}:APA91b[a-zA-Z0-9_-]{134}',
    { name: 'FCM_SERVER_KEY', value: 'AAAA{u:7}:APA91b{u:134}' },
  ),
  keyedRule('sinch-secret', 'Sinch API secret', ['sinch'], '[a-z0-9]{30}', {
    name: 'SINCH_API_SECRET',
    value: '{a:30}',
  }),
  keyedRule(
    'clicksend-api-key',
    'ClickSend API key',
    ['clicksend'],
    '[a-f0-9]{8}-(?:[a-f0-9]{4}-){3}[a-f0-9]{12}',
    { name: 'CLICKSEND_API_KEY', value: uuidSample },
  ),
];
