/** @module Monitoring, logging, error tracking, incident and analytics services. */
import type { RuleSpec } from '../types.ts';
import { keyedRule, nestedKeyRule, prefixRule, uuid, uuidSample } from './helpers.ts';

export const observabilityRules: RuleSpec[] = [
  keyedRule('datadog-api-key', 'Datadog API key', ['datadog', 'dd_api_key'], '[a-f0-9]{32}', {
    name: 'DD_API_KEY',
    value: '{h:32}',
  }),
  nestedKeyRule(
    'datadog-api-key-yaml',
    'Datadog API key under a datadog: block (Helm values, agent configs)',
    ['datadog'],
    ['api_key', 'apikey'],
    '[a-f0-9]{32}',
    {
      name: 'values.yaml',
      value: 'datadog:\n  site: datadoghq.eu\n  apiKey: {h:32}',
      isLine: true,
      isRaw: true,
    },
  ),
  keyedRule(
    'datadog-app-key',
    'Datadog application key',
    ['datadog', 'dd_app_key', 'dd_application_key'],
    '[a-f0-9]{40}',
    { name: 'DD_APP_KEY', value: '{h:40}' },
  ),
  prefixRule('newrelic-user-key', 'New Relic user API key', ['nrak-'], 'NRAK-[A-Z0-9]{27}', {
    name: 'NEW_RELIC_API_KEY',
    value: 'NRAK-{U:27}',
  }),
  prefixRule('newrelic-insert-key', 'New Relic insert key', ['nrii-'], 'NRII-[\\w-]{32}', {
    name: 'NEW_RELIC_INSERT_KEY',
    value: 'NRII-{u:32}',
  }),
  prefixRule('newrelic-license-key', 'New Relic ingest license key', ['nral'], '[a-f0-9]{36}NRAL', {
    name: 'NEW_RELIC_LICENSE_KEY',
    value: '{h:36}NRAL',
  }),
  prefixRule('newrelic-browser-key', 'New Relic browser key', ['nrjs-'], 'NRJS-[a-f0-9]{19}', {
    name: 'NEW_RELIC_BROWSER_KEY',
    value: 'NRJS-{h:19}',
  }),
  prefixRule(
    'sentry-org-token',
    'Sentry organization auth token',
    ['sntrys_'],
    'sntrys_eyJpYXQiO[a-zA-Z0-9+/]{10,200}(?:LCJyZWdpb25fdXJs|InJlZ2lvbl91cmwi|cmVnaW9uX3VybCI6)[a-zA-Z0-9+/]{10,200}={0,2}_[a-zA-Z0-9+/]{43}',
    { name: 'SENTRY_AUTH_TOKEN', value: 'sntrys_eyJpYXQiO{A:60}LCJyZWdpb25fdXJs{A:60}_{A:43}' },
  ),
  prefixRule('sentry-user-token', 'Sentry user auth token', ['sntryu_'], 'sntryu_[a-f0-9]{64}', {
    name: 'SENTRY_USER_TOKEN',
    value: 'sntryu_{h:64}',
  }),
  prefixRule(
    'grafana-cloud-token',
    'Grafana Cloud API token',
    ['glc_'],
    'glc_[A-Za-z0-9+/]{32,400}={0,2}',
    { name: 'GRAFANA_CLOUD_TOKEN', value: 'glc_{b:120}' },
  ),
  prefixRule(
    'grafana-service-account-token',
    'Grafana service account token',
    ['glsa_'],
    'glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}',
    { name: 'GRAFANA_SA_TOKEN', value: 'glsa_{A:32}_{h:8}' },
  ),
  prefixRule(
    'grafana-api-key',
    'Grafana API key (legacy)',
    ['eyjrijoi'],
    'eyJrIjoi[A-Za-z0-9]{70,400}={0,2}',
    { name: 'GRAFANA_API_KEY', value: 'eyJrIjoi{A:90}' },
  ),
  keyedRule('honeycomb-api-key', 'Honeycomb API key', ['honeycomb'], '[a-zA-Z0-9]{22,32}', {
    name: 'HONEYCOMB_API_KEY',
    value: '{A:22}',
  }),
  prefixRule(
    'dynatrace-token',
    'Dynatrace API token',
    ['dt0c01.'],
    'dt0c01\\.[a-zA-Z0-9]{24}\\.[a-zA-Z0-9]{64}',
    { name: 'DT_API_TOKEN', value: 'dt0c01.{U:24}.{A:64}' },
  ),
  keyedRule(
    'splunk-hec-token',
    'Splunk HTTP Event Collector token',
    ['splunk', 'hec_token'],
    uuid,
    { name: 'SPLUNK_HEC_TOKEN', value: uuidSample },
  ),
  keyedRule(
    'pagerduty-token',
    'PagerDuty API token',
    ['pagerduty', 'pd_token'],
    '[a-z0-9_+-]{20}',
    { name: 'PAGERDUTY_TOKEN', value: 'u+{u:18}' },
    { entropy: 3.5 },
  ),
  keyedRule('opsgenie-api-key', 'Opsgenie API key', ['opsgenie'], uuid, {
    name: 'OPSGENIE_API_KEY',
    value: uuidSample,
  }),
  keyedRule('loggly-token', 'Loggly customer token', ['loggly'], uuid, {
    name: 'LOGGLY_TOKEN',
    value: uuidSample,
  }),
  keyedRule('rollbar-token', 'Rollbar access token', ['rollbar'], '[a-f0-9]{32}', {
    name: 'ROLLBAR_ACCESS_TOKEN',
    value: '{h:32}',
  }),
  keyedRule('bugsnag-api-key', 'Bugsnag API key', ['bugsnag'], '[a-f0-9]{32}', {
    name: 'BUGSNAG_API_KEY',
    value: '{h:32}',
  }),
  keyedRule(
    'mezmo-ingestion-key',
    'Mezmo (LogDNA) ingestion key',
    ['logdna', 'mezmo'],
    '[a-f0-9]{32}',
    { name: 'LOGDNA_INGESTION_KEY', value: '{h:32}' },
  ),
  prefixRule('posthog-personal-key', 'PostHog personal API key', ['phx_'], 'phx_[A-Za-z0-9]{43}', {
    name: 'POSTHOG_PERSONAL_API_KEY',
    value: 'phx_{A:43}',
  }),
  keyedRule('mixpanel-secret', 'Mixpanel API secret', ['mixpanel'], '[a-f0-9]{32}', {
    name: 'MIXPANEL_API_SECRET',
    value: '{h:32}',
  }),
  keyedRule('amplitude-secret', 'Amplitude secret key', ['amplitude'], '[a-f0-9]{32}', {
    name: 'AMPLITUDE_SECRET_KEY',
    value: '{h:32}',
  }),
  keyedRule('segment-write-key', 'Segment write key', ['segment'], '[A-Za-z0-9]{32}', {
    name: 'SEGMENT_WRITE_KEY',
    value: '{A:32}',
  }),
  keyedRule('sumologic-access-key', 'Sumo Logic access key', ['sumo'], '[A-Za-z0-9]{64}', {
    name: 'SUMO_ACCESS_KEY',
    value: '{A:64}',
  }),
  keyedRule('honeybadger-api-key', 'Honeybadger API key', ['honeybadger'], '[a-zA-Z0-9]{20,24}', {
    name: 'HONEYBADGER_API_KEY',
    value: '{A:22}',
  }),
  keyedRule('statuspage-api-key', 'Atlassian Statuspage API key', ['statuspage'], uuid, {
    name: 'STATUSPAGE_API_KEY',
    value: uuidSample,
  }),
  keyedRule(
    'betterstack-token',
    'Better Stack (Logtail) source token',
    ['logtail', 'betterstack', 'better_stack'],
    '[a-zA-Z0-9]{24}',
    { name: 'LOGTAIL_SOURCE_TOKEN', value: '{A:24}' },
  ),
];
