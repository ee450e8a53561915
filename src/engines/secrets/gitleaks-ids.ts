/**
 * @module gitleaks' default rule ids that Keel names differently, and the Keel rules covering the
 * same credential. A team's config written for gitleaks (`disabledRules = ["aws-access-token"]`,
 * a `[[rules]] id = "private-key"` that only adds an allowlist, `targetRules`) then means the same
 * here. Ids gitleaks and Keel share are not listed; gitleaks ids with no Keel counterpart
 * (adafruit-api-key, adobe-client-id, asana-client-id, asana-client-secret, bitbucket-client-id,
 * confluent-access-token, database-password, hubspot-api-key, kubernetes-secret-yaml,
 * postman-api-token) are not either, so using them draws a warning.
 */
export const gitleaksRuleIds: ReadonlyMap<string, readonly string[]> = new Map([
  ['1password-secret-key', ['onepassword-secret-key']],
  ['airtable-api-key', ['airtable-pat']],
  ['algolia-api-key', ['algolia-admin-key']],
  ['anthropic-admin-api-key', ['anthropic-admin-key']],
  ['aws-access-token', ['aws-access-key-id']],
  ['cloudflare-api-key', ['cloudflare-api-token']],
  ['clojars-api-token', ['clojars-token']],
  ['codecov-access-token', ['codecov-token']],
  ['cohere-api-token', ['cohere-api-key']],
  ['curl-auth-header', ['authorization-bearer', 'authorization-basic']],
  ['curl-auth-user', ['curl-user-password']],
  ['databricks-api-token', ['databricks-token']],
  ['datadog-access-token', ['datadog-api-key', 'datadog-app-key']],
  ['digitalocean-access-token', ['digitalocean-oauth-token']],
  ['discord-api-token', ['discord-bot-token']],
  ['doppler-api-token', ['doppler-token']],
  ['droneci-access-token', ['drone-ci-token']],
  ['dropbox-api-token', ['dropbox-token']],
  ['dynatrace-api-token', ['dynatrace-token']],
  ['easypost-api-token', ['easypost-api-key']],
  ['facebook-secret', ['facebook-app-secret']],
  ['flyio-access-token', ['flyio-token']],
  ['github-oauth', ['github-oauth-token']],
  ['gitlab-ptt', ['gitlab-pipeline-trigger-token']],
  ['gitlab-rrt', ['gitlab-runner-registration-token']],
  ['gitlab-runner-authentication-token', ['gitlab-runner-auth-token']],
  ['grafana-cloud-api-token', ['grafana-cloud-token']],
  ['hashicorp-tf-api-token', ['terraform-cloud-token']],
  ['huggingface-access-token', ['huggingface-token']],
  ['mailgun-private-api-token', ['mailgun-private-key']],
  ['new-relic-user-api-key', ['newrelic-user-key']],
  ['notion-api-token', ['notion-token']],
  ['okta-access-token', ['okta-token']],
  ['planetscale-api-token', ['planetscale-token']],
  [
    'private-key',
    [
      'private-key-rsa',
      'private-key-openssh',
      'private-key-ec',
      'private-key-dsa',
      'private-key-pgp',
      'private-key-pkcs8',
      'private-key-encrypted',
    ],
  ],
  ['pypi-upload-token', ['pypi-token']],
  ['rubygems-api-token', ['rubygems-api-key']],
  ['sendgrid-api-token', ['sendgrid-api-key']],
  ['sendinblue-api-token', ['brevo-api-key']],
  ['stripe-access-token', ['stripe-secret-key', 'stripe-restricted-key']],
  ['telegram-bot-api-token', ['telegram-bot-token']],
]);

/**
 * The rule ids an id names among `known`: itself when such a rule exists, else the Keel rules a
 * gitleaks default id maps to (those present), else none.
 */
export function resolveRuleId(id: string, known: ReadonlySet<string>): string[] {
  if (known.has(id)) return [id];
  return (gitleaksRuleIds.get(id) ?? []).filter((k) => known.has(k));
}
