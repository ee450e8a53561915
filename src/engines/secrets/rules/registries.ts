/** @module Package registries and artifact stores. */
import type { RuleSpec } from '../types.ts';
import { keyedRule, prefixRule, rule } from './helpers.ts';

export const registryRules: RuleSpec[] = [
  prefixRule('npm-access-token', 'npm access token', ['npm_'], 'npm_[a-zA-Z0-9]{36}', {
    name: 'NPM_TOKEN',
    value: 'npm_{A:36}',
  }),
  rule(
    'npmrc-auth-token',
    'Registry auth token in .npmrc',
    ['_authtoken'],
    '(?i)(?:^|:)_authToken\\s*=\\s*["\']?([A-Za-z0-9_.+/=-]{20,})',
    { name: '//npm.pkg.internal.acme.io/:_authToken', value: '{u:40}', file: '.npmrc' },
    { entropy: 3.5 },
  ),
  rule(
    'yarnrc-auth-token',
    'npmAuthToken in .yarnrc.yml',
    ['npmauthtoken'],
    '(?i)npmAuthToken\\s*[:=]\\s*["\']?([A-Za-z0-9_.+/=-]{20,})',
    { name: 'npmAuthToken', value: '{u:40}', file: '.yarnrc.yml' },
    { entropy: 3.5 },
  ),
  prefixRule(
    'pypi-token',
    'PyPI upload token',
    ['pypi-ageichlwas5vcmc'],
    'pypi-AgEIcHlwaS5vcmc[\\w-]{50,}',
    { name: 'PYPI_TOKEN', value: 'pypi-AgEIcHlwaS5vcmc{u:70}' },
  ),
  prefixRule('rubygems-api-key', 'RubyGems API key', ['rubygems_'], 'rubygems_[a-f0-9]{48}', {
    name: 'GEM_HOST_API_KEY',
    value: 'rubygems_{h:48}',
  }),
  prefixRule('nuget-api-key', 'NuGet API key', ['oy2'], 'oy2[a-z0-9]{43}', {
    name: 'NUGET_API_KEY',
    value: 'oy2{a:43}',
  }),
  prefixRule(
    'dockerhub-pat',
    'Docker Hub personal access token',
    ['dckr_pat_'],
    'dckr_pat_[a-zA-Z0-9_-]{27}',
    { name: 'DOCKERHUB_TOKEN', value: 'dckr_pat_{u:27}' },
  ),
  prefixRule(
    'dockerhub-oat',
    'Docker Hub organization access token',
    ['dckr_oat_'],
    'dckr_oat_[a-zA-Z0-9_-]{32}',
    { name: 'DOCKER_ORG_TOKEN', value: 'dckr_oat_{u:32}' },
  ),
  rule(
    'docker-config-auth',
    'Registry credentials in Docker config',
    ['"auth"'],
    '"auth"\\s*:\\s*"([A-Za-z0-9+/]{20,}={0,2})"',
    { name: 'auth', value: '{b:48}', file: '.docker/config.json' },
    { path: '(?:^|/)(?:\\.?docker/config\\.json|\\.dockercfg)$', entropy: 3.5 },
  ),
  prefixRule('artifactory-api-key', 'JFrog Artifactory API key', ['akcp'], 'AKCp[A-Za-z0-9]{69}', {
    name: 'ARTIFACTORY_API_KEY',
    value: 'AKCp{A:69}',
  }),
  prefixRule(
    'artifactory-reference-token',
    'JFrog reference token',
    ['cmvmdgtuojaxoj'],
    'cmVmdGtuOjAxOj[A-Za-z0-9]{50}',
    { name: 'JFROG_ACCESS_TOKEN', value: 'cmVmdGtuOjAxOj{A:50}' },
  ),
  prefixRule(
    'cratesio-token',
    'crates.io API token',
    ['cio'],
    'cio[a-zA-Z0-9]{32}',
    { name: 'CARGO_REGISTRY_TOKEN', value: 'cio{A:32}' },
    { entropy: 3.5 },
  ),
  prefixRule('clojars-token', 'Clojars deploy token', ['clojars_'], '(?i)CLOJARS_[a-z0-9]{60}', {
    name: 'CLOJARS_TOKEN',
    value: 'CLOJARS_{a:60}',
  }),
  keyedRule(
    'gradle-publish-key',
    'Gradle plugin portal key',
    ['gradle.publish.secret', 'gradle.publish.key'],
    '[a-z0-9]{32}',
    { name: 'gradle.publish.secret', value: '{A:32}' },
  ),
  rule(
    'maven-settings-password',
    'Password in Maven settings.xml',
    ['<password>'],
    '<password>([^<\\s$]{8,})</password>',
    { name: 'password', value: '{A:20}', file: 'settings.xml' },
    { path: '(?:^|/)settings(?:-security)?\\.xml$', entropy: 3 },
  ),
  keyedRule('hex-pm-key', 'Hex.pm API key', ['hex_api_key', 'hexpm'], '[a-f0-9]{32}', {
    name: 'HEX_API_KEY',
    value: '{h:32}',
  }),
  keyedRule('packagist-token', 'Packagist API token', ['packagist'], '[a-z0-9]{20,40}', {
    name: 'PACKAGIST_TOKEN',
    value: '{A:32}',
  }),
  keyedRule(
    'jfrog-identity-token',
    'JFrog identity token',
    ['jfrog', 'artifactory'],
    '[a-z0-9]{64}',
    { name: 'JFROG_IDENTITY_TOKEN', value: '{A:64}' },
  ),
  keyedRule('cocoapods-trunk-token', 'CocoaPods trunk token', ['cocoapods_trunk'], '[a-f0-9]{32}', {
    name: 'COCOAPODS_TRUNK_TOKEN',
    value: '{h:32}',
  }),
];
