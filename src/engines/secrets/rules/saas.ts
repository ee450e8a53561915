/** @module Productivity, identity, content and other SaaS APIs. */
import type { RuleSpec } from '../types.ts';
import { keyedRule, prefixRule, rule } from './helpers.ts';

export const saasRules: RuleSpec[] = [
  prefixRule(
    'notion-token',
    'Notion integration token',
    ['ntn_', 'secret_'],
    '(?:ntn_[0-9]{11}[A-Za-z0-9]{35}|secret_[A-Za-z0-9]{43})',
    { name: 'NOTION_TOKEN', value: 'ntn_{d:11}{A:35}' },
    { entropy: 3.5 },
  ),
  prefixRule('linear-api-key', 'Linear API key', ['lin_api_'], 'lin_api_[a-zA-Z0-9]{40}', {
    name: 'LINEAR_API_KEY',
    value: 'lin_api_{A:40}',
  }),
  keyedRule(
    'asana-token',
    'Asana personal access token',
    ['asana'],
    '[0-9]/[0-9]{16}(?:/[0-9]{16})?:[a-f0-9]{32}',
    { name: 'ASANA_TOKEN', value: '2/{d:16}/{d:16}:{h:32}' },
  ),
  prefixRule('clickup-token', 'ClickUp personal token', ['pk_'], 'pk_[0-9]{6,9}_[A-Z0-9]{32}', {
    name: 'CLICKUP_TOKEN',
    value: 'pk_{d:8}_{U:32}',
  }),
  keyedRule('trello-token', 'Trello API token', ['trello'], '(?:ATTA)?[a-f0-9]{64}', {
    name: 'TRELLO_TOKEN',
    value: 'ATTA{h:64}',
  }),
  prefixRule(
    'hubspot-private-app-token',
    'HubSpot private app token',
    ['pat-na1-', 'pat-eu1-'],
    'pat-(?:na|eu)1-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
    { name: 'HUBSPOT_ACCESS_TOKEN', value: 'pat-eu1-{uuid}' },
  ),
  keyedRule('zendesk-token', 'Zendesk API token', ['zendesk'], '[a-z0-9]{40}', {
    name: 'ZENDESK_API_TOKEN',
    value: '{A:40}',
  }),
  prefixRule('typeform-token', 'Typeform personal token', ['tfp_'], 'tfp_[a-zA-Z0-9_.=-]{59}', {
    name: 'TYPEFORM_TOKEN',
    value: 'tfp_{u:59}',
  }),
  prefixRule(
    'contentful-pat',
    'Contentful personal access token',
    ['cfpat-'],
    'CFPAT-[a-zA-Z0-9_-]{43}',
    { name: 'CONTENTFUL_MANAGEMENT_TOKEN', value: 'CFPAT-{u:43}' },
  ),
  prefixRule('figma-pat', 'Figma personal access token', ['figd_'], 'figd_[\\w-]{40}', {
    name: 'FIGMA_TOKEN',
    value: 'figd_{u:40}',
  }),
  prefixRule('frameio-token', 'Frame.io API token', ['fio-u-'], 'fio-u-[\\w=-]{64}', {
    name: 'FRAMEIO_TOKEN',
    value: 'fio-u-{u:64}',
  }),
  prefixRule('adobe-client-secret', 'Adobe client secret', ['p8e-'], 'p8e-[a-zA-Z0-9]{32}', {
    name: 'ADOBE_CLIENT_SECRET',
    value: 'p8e-{A:32}',
  }),
  keyedRule('okta-token', 'Okta API token', ['okta'], '00[\\w=-]{40}', {
    name: 'OKTA_API_TOKEN',
    value: '00{u:40}',
  }),
  keyedRule('auth0-client-secret', 'Auth0 client secret', ['auth0'], '[a-zA-Z0-9_-]{64}', {
    name: 'AUTH0_CLIENT_SECRET',
    value: '{u:64}',
  }),
  prefixRule(
    'onepassword-service-token',
    '1Password service account token',
    ['ops_eyj'],
    'ops_eyJ[a-zA-Z0-9+/]{250,}={0,3}',
    { name: 'OP_SERVICE_ACCOUNT_TOKEN', value: 'ops_eyJ{b:300}' },
  ),
  prefixRule(
    'onepassword-secret-key',
    '1Password account secret key',
    ['a3-'],
    'A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}',
    { name: 'OP_SECRET_KEY', value: 'A3-{U:6}-{U:11}-{U:5}-{U:5}-{U:5}' },
  ),
  prefixRule(
    'mapbox-secret-token',
    'Mapbox secret token',
    ['sk.eyj'],
    'sk\\.eyJ1Ijoi[\\w-]+\\.[\\w-]{20,}',
    { name: 'MAPBOX_SECRET_TOKEN', value: 'sk.eyJ1Ijoi{u:24}.{u:22}' },
  ),
  keyedRule('algolia-admin-key', 'Algolia admin API key', ['algolia'], '[a-f0-9]{32}', {
    name: 'ALGOLIA_ADMIN_KEY',
    value: '{h:32}',
  }),
  keyedRule('beamer-api-token', 'Beamer API token', ['beamer'], 'b_[a-z0-9=_-]{44}', {
    name: 'BEAMER_API_KEY',
    value: 'b_{u:44}',
  }),
  prefixRule('readme-api-key', 'ReadMe API key', ['rdme_'], 'rdme_[a-z0-9]{70}', {
    name: 'README_API_KEY',
    value: 'rdme_{a:70}',
  }),
  keyedRule('lob-api-key', 'Lob live API key', ['lob'], 'live_[a-f0-9]{35}', {
    name: 'LOB_API_KEY',
    value: 'live_{h:35}',
  }),
  keyedRule('flickr-token', 'Flickr API secret', ['flickr'], '[a-z0-9]{32}', {
    name: 'FLICKR_SECRET',
    value: '{a:32}',
  }),
  keyedRule('etsy-token', 'Etsy API key', ['etsy'], '[a-z0-9]{24}', {
    name: 'ETSY_API_KEY',
    value: '{a:24}',
  }),
  rule(
    'zapier-webhook-url',
    'Zapier catch hook URL',
    ['hooks.zapier.com'],
    'hooks\\.zapier\\.com/hooks/catch/\\d+/([a-z0-9]{6,})',
    { name: 'ZAPIER_HOOK', value: 'https://hooks.zapier.com/hooks/catch/{d:7}/{a:7}/' },
    { entropy: 2.5, confidence: 'medium' },
  ),
  rule(
    'cloudinary-url',
    'Cloudinary URL with API secret',
    ['cloudinary://'],
    'cloudinary://\\d+:([\\w-]{20,})@\\w+',
    { name: 'CLOUDINARY_URL', value: 'cloudinary://{d:15}:{u:27}@acme' },
    { entropy: 3 },
  ),
  keyedRule('recaptcha-secret', 'reCAPTCHA secret key', ['recaptcha'], '6L[\\w-]{38}', {
    name: 'RECAPTCHA_SECRET_KEY',
    value: '6L{u:38}',
  }),
  keyedRule('freshbooks-token', 'FreshBooks access token', ['freshbooks'], '[a-z0-9]{64}', {
    name: 'FRESHBOOKS_TOKEN',
    value: '{a:64}',
  }),
  keyedRule(
    'nytimes-api-key',
    'New York Times API key',
    ['nytimes', 'new_york_times'],
    '[a-z0-9=_-]{32}',
    { name: 'NYTIMES_API_KEY', value: '{A:32}' },
  ),
  keyedRule(
    'contentstack-token',
    'Contentstack management token',
    ['contentstack'],
    'cs[a-f0-9]{32}',
    { name: 'CONTENTSTACK_MANAGEMENT_TOKEN', value: 'cs{h:32}' },
  ),
  keyedRule('sanity-token', 'Sanity API token', ['sanity'], 'sk[A-Za-z0-9]{78,190}', {
    name: 'SANITY_API_TOKEN',
    value: 'sk{A:180}',
  }),
  keyedRule('storyblok-token', 'Storyblok access token', ['storyblok'], '[A-Za-z0-9]{22}tt', {
    name: 'STORYBLOK_TOKEN',
    value: '{A:22}tt',
  }),
  keyedRule('docusign-secret', 'DocuSign integration secret', ['docusign'], uuidLike(), {
    name: 'DOCUSIGN_CLIENT_SECRET',
    value: '{uuid}',
  }),
  keyedRule(
    'calendly-token',
    'Calendly personal access token',
    ['calendly'],
    'eyJ[A-Za-z0-9_-]{30,}\\.[A-Za-z0-9_-]{100,}\\.[A-Za-z0-9_-]{40,}',
    { name: 'CALENDLY_TOKEN', value: 'eyJ{u:32}.{u:180}.{u:86}' },
  ),
  keyedRule('miro-token', 'Miro access token', ['miro'], 'eyJtaXJvLm9yaWdpbiI6[A-Za-z0-9_-]{20,}', {
    name: 'MIRO_ACCESS_TOKEN',
    value: 'eyJtaXJvLm9yaWdpbiI6{u:40}',
  }),
  keyedRule('webflow-token', 'Webflow API token', ['webflow'], '[a-f0-9]{64}', {
    name: 'WEBFLOW_API_TOKEN',
    value: '{h:64}',
  }),
  keyedRule('bubble-api-token', 'Bubble API token', ['bubble'], '[a-f0-9]{32}', {
    name: 'BUBBLE_API_TOKEN',
    value: '{h:32}',
  }),
  keyedRule(
    'make-api-token',
    'Make (Integromat) API token',
    ['integromat', 'make_api'],
    uuidLike(),
    { name: 'MAKE_API_TOKEN', value: '{uuid}' },
  ),
];

function uuidLike(): string {
  return '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
}
