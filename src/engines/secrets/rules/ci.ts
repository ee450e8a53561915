/** @module CI/CD and code-quality services. */
import type { RuleSpec } from '../types.ts';
import { keyedRule, prefixRule, uuid, uuidSample } from './helpers.ts';

export const ciRules: RuleSpec[] = [
  prefixRule(
    'circleci-personal-token',
    'CircleCI personal API token',
    ['ccipat_'],
    'CCIPAT_[A-Za-z0-9]{22}_[a-f0-9]{40}',
    { name: 'CIRCLECI_TOKEN', value: 'CCIPAT_{A:22}_{h:40}' },
  ),
  keyedRule(
    'circleci-project-token',
    'CircleCI project API token',
    ['circleci', 'circle_token'],
    '[a-f0-9]{40}',
    { name: 'CIRCLE_TOKEN', value: '{h:40}' },
  ),
  keyedRule('travis-ci-token', 'Travis CI access token', ['travis'], '[a-z0-9]{22}', {
    name: 'TRAVIS_TOKEN',
    value: '{A:22}',
  }),
  prefixRule('buildkite-token', 'Buildkite API access token', ['bkua_'], 'bkua_[a-f0-9]{40}', {
    name: 'BUILDKITE_API_TOKEN',
    value: 'bkua_{h:40}',
  }),
  prefixRule(
    'buildkite-agent-token',
    'Buildkite agent token',
    ['bkat_'],
    'bkat_[a-zA-Z0-9]{40,60}',
    { name: 'BUILDKITE_AGENT_TOKEN', value: 'bkat_{A:48}' },
  ),
  keyedRule('drone-ci-token', 'Drone CI access token', ['drone'], '[a-z0-9]{32}', {
    name: 'DRONE_TOKEN',
    value: '{A:32}',
  }),
  keyedRule('jenkins-api-token', 'Jenkins API token', ['jenkins'], '[a-f0-9]{34}', {
    name: 'JENKINS_API_TOKEN',
    value: '{h:34}',
  }),
  keyedRule('codecov-token', 'Codecov upload token', ['codecov'], uuid, {
    name: 'CODECOV_TOKEN',
    value: uuidSample,
  }),
  prefixRule(
    'sonarqube-token',
    'SonarQube token',
    ['sqp_', 'sqa_', 'squ_'],
    'sq[apu]_[a-f0-9]{40}',
    { name: 'SONAR_TOKEN', value: 'sqp_{h:40}' },
  ),
  prefixRule('octopus-deploy-api-key', 'Octopus Deploy API key', ['api-'], 'API-[A-Z0-9]{26}', {
    name: 'OCTOPUS_API_KEY',
    value: 'API-{U:26}',
  }),
  prefixRule(
    'harness-pat',
    'Harness access token',
    ['pat.', 'sat.'],
    '(?:pat|sat)\\.[a-zA-Z0-9_-]{22}\\.[a-f0-9]{24}\\.[a-zA-Z0-9]{20}',
    { name: 'HARNESS_API_KEY', value: 'pat.{u:22}.{h:24}.{A:20}' },
  ),
  keyedRule('snyk-token', 'Snyk API token', ['snyk'], uuid, {
    name: 'SNYK_TOKEN',
    value: uuidSample,
  }),
  keyedRule(
    'launchdarkly-token',
    'LaunchDarkly access token',
    ['launchdarkly'],
    '[a-z0-9=_-]{40}',
    { name: 'LAUNCHDARKLY_ACCESS_TOKEN', value: 'api-{h:8}-{h:4}-{h:4}-{h:4}-{h:12}' },
  ),
  keyedRule('bitrise-token', 'Bitrise personal access token', ['bitrise'], '[a-z0-9_-]{86}', {
    name: 'BITRISE_TOKEN',
    value: '{u:86}',
  }),
  keyedRule('codacy-token', 'Codacy API token', ['codacy'], '[a-z0-9]{20}', {
    name: 'CODACY_PROJECT_TOKEN',
    value: '{A:20}',
  }),
  keyedRule('coveralls-token', 'Coveralls repo token', ['coveralls'], '[a-z0-9]{32,37}', {
    name: 'COVERALLS_REPO_TOKEN',
    value: '{A:33}',
  }),
  prefixRule('prefect-api-key', 'Prefect API key', ['pnu_'], 'pnu_[a-zA-Z0-9]{36}', {
    name: 'PREFECT_API_KEY',
    value: 'pnu_{A:36}',
  }),
  keyedRule('appveyor-token', 'AppVeyor API token', ['appveyor'], 'v2\\.[a-z0-9]{20}', {
    name: 'APPVEYOR_TOKEN',
    value: 'v2.{a:20}',
  }),
];
