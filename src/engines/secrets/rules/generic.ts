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
    '^[a-z][a-zA-Z]*(?:[._-][a-zA-Z]+)+$', // dotted or dashed words: config keys, i18n ids
    '^[a-z]+(?:[A-Z][a-z]+)+$', // camelCase identifiers
    '^[A-Z][a-z]+(?:[A-Z][a-z]+)+$', // PascalCase identifiers
    '^[A-Z0-9]+(?:_[A-Z0-9]+)+$', // CONSTANT_NAMES
    '^\\d+(?:\\.\\d+)*$', // numbers and versions
    '^(?:https?|file)://', // URLs without credentials
    '^[\\w-]+/[\\w./-]+$', // paths
    // Keys their providers publish on purpose or mark as test mode: Mapbox public tokens,
    // Stripe publishable and test keys, PostHog project keys, analytics measurement ids,
    // sandbox and test-mode keys (`sandbox_…`, `test_…`), age public keys.
    '^(?:pk\\.eyJ|pk_(?:live|test)_|[sr]k_test_|phc_|G-[A-Z0-9]{6,}$|UA-\\d+-\\d+$|sandbox_|test_|(?i:age1[0-9a-z]{58})$)',
    '^0x[0-9a-fA-F]{40}$', // EVM account and contract addresses: public by design
    '^AQICAH[A-Za-z0-9+/]', // AWS KMS ciphertext blobs: encrypted, useless without the key
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

/**
 * A name that ends in `Id` (`clientId`, `auth0_client_id`, `tenant.id`, `api_key_id`) holds an
 * identifier, which is not secret; the secret that goes with it has its own name.
 */
const IDENTIFIER_NAME: AllowSpec = {
  description: 'names of identifiers (…Id, …_uid)',
  regexTarget: 'match',
  regexes: [
    '(?i)^[\\w.-]*?(?:client|app|application|account|tenant|project|org|organization|user|workspace|site|team|channel|instance|merchant|customer|key|token)[._-]?u?ids?[\'"\\s]*(?:=|>|:|,|\\|\\|)',
  ],
};

/**
 * Header name and value in separate JSON fields, as Postman collections and HAR captures store
 * them: `{ "key": "Authorization", "value": "Bearer …" }`.
 */
const HEADER_VALUE = `(?:,\\s*["']?value["']?\\s*)?`;

/**
 * A name saying the value is public (`PublicKey` in WireGuard configs, `DOTENV_PUBLIC_KEY`,
 * `vapid_public_key`, `public_token`): the half of a key pair that is meant to be shared.
 */
const PUBLIC_NAME: AllowSpec = {
  description: 'names of public values (public keys, public tokens)',
  regexTarget: 'match',
  regexes: ['(?i)^[\\w.-]*?public[\\w.-]*[\'"\\s\\]]*(?:=|>|:|,|\\|\\|)'],
};

/**
 * A name saying the value is a digest, not a credential (`token_digest`, `password_hash`,
 * `secret_sha256`, `cacheKey`): hex under such a name is a hash of something.
 */
const DIGEST_NAME: AllowSpec = {
  description: 'names of digests, checksums and cache keys',
  regexTarget: 'match',
  regexes: [
    '(?i)^[\\w.-]*?(?:hash|digest|checksum|shasum|sha(?:1|224|256|384|512)|md5|etag|fingerprint|thumbprint|integrity|cache|commit|revision)[\\w.-]*[\'"\\s\\]]*(?:=|>|:|,|\\|\\|)',
  ],
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
      // At most 200 base64 characters: longer values are blobs (certificates, ciphertexts such
      // as sealed secrets, images), not keys; known long tokens have their own rules.
      '[\\w.=-]{10,150}|[a-z0-9][a-z0-9+/]{11,200}={0,3}',
    ),
    { name: 'SERVICE_API_TOKEN', value: '{A:12}-{u:20}' },
    {
      entropy: 3.5,
      confidence: 'low',
      isBlocking: false,
      allow: [GENERIC_ALLOW, CODE_REFERENCE, IDENTIFIER_NAME, PUBLIC_NAME],
    },
  ),
  rule(
    'generic-password',
    'Password assigned in code or config',
    ['password', 'passwd', 'pwd'],
    keyed('password|passwd|pwd', '[^\\s\'"`;]{8,64}'),
    { name: 'SMTP_PASSWORD', value: '{k:18}' },
    {
      entropy: 3.2,
      confidence: 'low',
      isBlocking: false,
      allow: [GENERIC_ALLOW, CODE_REFERENCE, IDENTIFIER_NAME],
    },
  ),
  // generic-api-key reads hex of digest length as a digest (commit ids, SHA-1, SHA-256); under a
  // name that says secret, token, password or API key, hex of 32 to 64 characters is usually
  // the credential itself (Twilio auth tokens, Mailgun and Datadog keys, webhook secrets), unless
  // the name says it is a hash.
  rule(
    'generic-hex-secret',
    'Hex secret under a credential name',
    // The names' own spellings, not `auth`, `access` or `private` alone: those occur on many
    // lines (`author`, `Authorization`, `private fun`) that cannot hold a named hex secret.
    [
      'secret',
      'token',
      'password',
      'passwd',
      'apikey',
      'api_key',
      'api-key',
      'api.key',
      'authkey',
      'auth_key',
      'auth-key',
      'auth.key',
      'accesskey',
      'access_key',
      'access-key',
      'access.key',
      'privatekey',
      'private_key',
      'private-key',
      'private.key',
    ],
    keyed(
      'secret|token|passw(?:or)?d|api[._-]?key|auth[._-]?key|access[._-]?key|private[._-]?key',
      '[0-9a-fA-F]{32,64}',
    ),
    { name: 'WEBHOOK_SIGNING_SECRET', value: '{h:64}' },
    {
      entropy: 3.2,
      confidence: 'low',
      isBlocking: false,
      allow: [CODE_REFERENCE, IDENTIFIER_NAME, PUBLIC_NAME, DIGEST_NAME],
    },
  ),
  rule(
    'authorization-bearer',
    'Bearer token in an Authorization header',
    ['bearer'],
    `(?i)authorization["']?\\s*${HEADER_VALUE}[:=,]\\s*["']?bearer\\s+([\\w~+/.-]{20,}=*)`,
    { name: 'header', value: 'Authorization: Bearer {u:48}', isLine: true },
    { entropy: 3.5, confidence: 'medium', allow: [GENERIC_ALLOW] },
  ),
  rule(
    'authorization-basic',
    'Basic credentials in an Authorization header',
    ['basic'],
    `(?i)authorization["']?\\s*${HEADER_VALUE}[:=,]\\s*["']?basic\\s+([A-Za-z0-9+/]{16,}={0,2})`,
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
