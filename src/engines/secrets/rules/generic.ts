/**
 * @module Generic assignments of high-entropy values. Lower confidence and non-blocking by
 * default: they point at something worth a look, not at a known credential format.
 */
import type { AllowSpec, RuleSpec } from '../types.ts';
import { keyed, rule } from './helpers.ts';

/** Values that look random but are identifiers, hashes or references. */
const GENERIC_ALLOW: AllowSpec = {
  description: 'identifiers, hashes, references and code',
  regexes: [
    '^[0-9a-f]{7,40}$', // commit ids and SHA-1 digests
    '^[0-9a-f]{64}$', // SHA-256 digests
    '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$', // UUIDs
    '^(?:sha1|sha256|sha384|sha512|md5)[-:]', // integrity and digest strings
    '^[A-Za-z_][\\w.]*\\(', // function calls
    '^(?:true|false|null|undefined|none)$',
    '^[a-z]+(?:[._-][a-z]+)+$', // dotted or dashed words: config keys, i18n ids
    '^[a-z]+(?:[A-Z][a-z]+)+$', // camelCase identifiers
    '^[A-Z][a-z]+(?:[A-Z][a-z]+)+$', // PascalCase identifiers
    '^[A-Z0-9]+(?:_[A-Z0-9]+)+$', // CONSTANT_NAMES
    '^\\d+(?:\\.\\d+)*$', // numbers and versions
    '^(?:https?|file)://', // URLs without credentials
    '^[\\w-]+/[\\w./-]+$', // paths
  ],
  stopwords: [
    'public',
    'publishable',
    'token_type',
    'tokenizer',
    'keyboard',
    'keyframe',
    'primary',
    'foreign',
    'monkey',
    'turkey',
    'donkey',
    'hockey',
    'whiskey',
    'author',
    'authority',
    'apiversion',
    'passport',
    'passage',
    'compass',
    'bypass',
    'keyword',
  ],
};

/**
 * In source code an unquoted dotted value (`apiKey = config.apiKey`, `token: row.token`) is a
 * reference, not a literal. Env files and configs keep unquoted values, so code files only.
 */
const CODE_REFERENCE: AllowSpec = {
  description: 'unquoted member expressions in source code',
  condition: 'AND',
  paths: ['\\.(?:[cm]?[jt]sx?|py|rb|go|java|kt|cs|php|rs|swift|scala)$'],
  regexTarget: 'match',
  regexes: ['(?:=|:|=>|\\|\\||,)\\s*[A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)+(?:[\\s;,)\\]}]|$)'],
};

export const genericRules: RuleSpec[] = [
  rule(
    'generic-api-key',
    'Generic API key, token or secret assignment',
    [
      'key',
      'api',
      'token',
      'secret',
      'client',
      'passwd',
      'password',
      'auth',
      'access',
      'credential',
      'creds',
    ],
    keyed(
      'access|auth|api|credential|creds|key|passwd|password|secret|token',
      '[\\w.=-]{10,150}|[a-z0-9][a-z0-9+/]{11,}={0,3}',
    ),
    { name: 'SERVICE_API_TOKEN', value: '{A:12}-{u:20}' },
    { entropy: 3.5, confidence: 'low', isBlocking: false, allow: [GENERIC_ALLOW, CODE_REFERENCE] },
  ),
  rule(
    'generic-password',
    'Password assigned in code or config',
    ['password', 'passwd', 'pwd'],
    keyed('password|passwd|pwd', '[^\\s\'"`;]{8,64}'),
    { name: 'SMTP_PASSWORD', value: '{k:18}' },
    { entropy: 3.2, confidence: 'low', isBlocking: false, allow: [GENERIC_ALLOW, CODE_REFERENCE] },
  ),
  rule(
    'authorization-bearer',
    'Bearer token in an Authorization header',
    ['bearer'],
    '(?i)authorization["\']?\\s*[:=,]\\s*["\']?bearer\\s+([\\w~+/.-]{20,}=*)',
    { name: 'header', value: 'Authorization: Bearer {u:48}', isLine: true },
    { entropy: 3.5, confidence: 'medium', allow: [GENERIC_ALLOW] },
  ),
  rule(
    'authorization-basic',
    'Basic credentials in an Authorization header',
    ['basic'],
    '(?i)authorization["\']?\\s*[:=,]\\s*["\']?basic\\s+([A-Za-z0-9+/]{16,}={0,2})',
    { name: 'header', value: 'Authorization: Basic {b:40}', isLine: true },
    { entropy: 3.5, confidence: 'medium' },
  ),
  rule(
    'curl-user-password',
    'Credentials passed to curl -u',
    ['curl'],
    '(?i)\\bcurl\\b[^\\n]{0,200}?\\s(?:-u|--user)\\s+["\']?[^:\\s\'"]+:([^\\s\'"@]{8,})',
    {
      name: 'cmd',
      value: 'curl -sS -u deploy:{A:20} https://ci.acme.io/api/v1/jobs',
      isLine: true,
    },
    { entropy: 3, confidence: 'medium' },
  ),
];
