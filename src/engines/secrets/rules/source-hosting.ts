/** @module Source hosting: GitHub, GitLab, Bitbucket, Atlassian, Sourcegraph. */
import type { RuleSpec } from '../types.ts';
import { keyedRule, prefixRule } from './helpers.ts';

export const sourceHostingRules: RuleSpec[] = [
  prefixRule(
    'github-pat',
    'GitHub personal access token (classic)',
    ['ghp_'],
    'ghp_[0-9a-zA-Z]{36}',
    { name: 'GITHUB_TOKEN', value: 'ghp_{A:36}' },
  ),
  prefixRule(
    'github-fine-grained-pat',
    'GitHub fine-grained personal access token',
    ['github_pat_'],
    'github_pat_\\w{82}',
    { name: 'GH_TOKEN', value: 'github_pat_{A:22}_{A:59}' },
  ),
  prefixRule('github-oauth-token', 'GitHub OAuth access token', ['gho_'], 'gho_[0-9a-zA-Z]{36}', {
    name: 'GITHUB_OAUTH_TOKEN',
    value: 'gho_{A:36}',
  }),
  prefixRule(
    'github-app-token',
    'GitHub App installation or user token',
    ['ghu_', 'ghs_'],
    '(?:ghu|ghs)_[0-9a-zA-Z]{36}',
    { name: 'GITHUB_APP_TOKEN', value: 'ghs_{A:36}' },
  ),
  prefixRule('github-refresh-token', 'GitHub refresh token', ['ghr_'], 'ghr_[0-9a-zA-Z]{36,76}', {
    name: 'GITHUB_REFRESH_TOKEN',
    value: 'ghr_{A:76}',
  }),
  prefixRule('gitlab-pat', 'GitLab personal access token', ['glpat-'], 'glpat-[\\w-]{20}', {
    name: 'GITLAB_TOKEN',
    value: 'glpat-{u:20}',
  }),
  prefixRule(
    'gitlab-pipeline-trigger-token',
    'GitLab pipeline trigger token',
    ['glptt-'],
    'glptt-[0-9a-f]{40}',
    { name: 'GITLAB_TRIGGER_TOKEN', value: 'glptt-{h:40}' },
  ),
  prefixRule(
    'gitlab-runner-registration-token',
    'GitLab runner registration token',
    ['gr1348941'],
    'GR1348941[\\w-]{20}',
    { name: 'RUNNER_REGISTRATION_TOKEN', value: 'GR1348941{u:20}' },
  ),
  prefixRule(
    'gitlab-runner-auth-token',
    'GitLab runner authentication token',
    ['glrt-'],
    'glrt-[\\w-]{20}',
    { name: 'CI_RUNNER_TOKEN', value: 'glrt-{u:20}' },
  ),
  prefixRule('gitlab-deploy-token', 'GitLab deploy token', ['gldt-'], 'gldt-[\\w-]{20}', {
    name: 'GITLAB_DEPLOY_TOKEN',
    value: 'gldt-{u:20}',
  }),
  prefixRule('gitlab-feed-token', 'GitLab feed token', ['glft-'], 'glft-[\\w-]{20}', {
    name: 'GITLAB_FEED_TOKEN',
    value: 'glft-{u:20}',
  }),
  prefixRule(
    'gitlab-incoming-mail-token',
    'GitLab incoming mail token',
    ['glimt-'],
    'glimt-[\\w-]{25}',
    { name: 'GITLAB_INCOMING_MAIL_TOKEN', value: 'glimt-{u:25}' },
  ),
  prefixRule(
    'gitlab-cicd-job-token',
    'GitLab CI/CD job token',
    ['glcbt-'],
    'glcbt-[0-9a-zA-Z]{1,5}_[\\w-]{20}',
    { name: 'CI_JOB_TOKEN', value: 'glcbt-{A:2}_{u:20}' },
  ),
  prefixRule(
    'gitlab-oauth-app-secret',
    'GitLab OAuth application secret',
    ['gloas-'],
    'gloas-[\\w-]{64}',
    { name: 'GITLAB_OAUTH_SECRET', value: 'gloas-{u:64}' },
  ),
  prefixRule('gitlab-scim-token', 'GitLab SCIM token', ['glsoat-'], 'glsoat-[\\w-]{20}', {
    name: 'GITLAB_SCIM_TOKEN',
    value: 'glsoat-{u:20}',
  }),
  prefixRule(
    'gitlab-feature-flag-token',
    'GitLab feature flag client token',
    ['glffct-'],
    'glffct-[\\w-]{20}',
    { name: 'UNLEASH_INSTANCE_TOKEN', value: 'glffct-{u:20}' },
  ),
  prefixRule(
    'gitlab-kubernetes-agent-token',
    'GitLab Kubernetes agent token',
    ['glagent-'],
    'glagent-[\\w-]{50}',
    { name: 'GITLAB_AGENT_TOKEN', value: 'glagent-{u:50}' },
  ),
  keyedRule(
    'bitbucket-client-secret',
    'Bitbucket OAuth client secret',
    ['bitbucket'],
    '[a-z0-9=_-]{64}',
    { name: 'BITBUCKET_CLIENT_SECRET', value: '{u:64}' },
  ),
  // `ATATT3` + about 186 characters (the last 8 a hex checksum after `=`), under any name
  // (`password:` in a jira-cli config). A range, not one length: published descriptions of
  // the format differ by a few characters.
  prefixRule(
    'bitbucket-app-password',
    'Bitbucket/Atlassian API token',
    ['atatt3'],
    'ATATT3[A-Za-z0-9_=-]{150,220}',
    { name: 'ATLASSIAN_API_TOKEN', value: 'ATATT3{u:186}' },
  ),
  keyedRule(
    'atlassian-api-token',
    'Atlassian (Jira, Confluence) legacy API token',
    ['atlassian', 'confluence', 'jira'],
    '[a-z0-9]{24}',
    { name: 'JIRA_API_TOKEN', value: '{A:24}' },
  ),
  prefixRule(
    'sourcegraph-token',
    'Sourcegraph access token',
    ['sgp_'],
    'sgp_(?:[a-fA-F0-9]{16}|local)_[a-fA-F0-9]{40}',
    { name: 'SRC_ACCESS_TOKEN', value: 'sgp_{h:16}_{h:40}' },
  ),
  keyedRule('gitea-token', 'Gitea/Forgejo access token', ['gitea', 'forgejo'], '[a-f0-9]{40}', {
    name: 'GITEA_TOKEN',
    value: '{h:40}',
  }),
];
