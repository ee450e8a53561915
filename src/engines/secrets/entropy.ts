/** @module Shannon entropy and placeholder heuristics for candidate secrets. */

/** Bits per character of `value`. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

const PLACEHOLDER_WORDS = [
  'example',
  'placeholder',
  'your_',
  'your-',
  'yourkey',
  'your api',
  'yourtoken',
  'yoursecret',
  'changeme',
  'change_me',
  'change-me',
  'dummy',
  'redacted',
  'xxxx',
  'sample',
  'insert',
  'replace',
  '<',
  '>',
  '${',
  '{{',
  '}}',
  '%s',
  'process.env',
  'os.environ',
  'getenv',
  'env(',
  'secretsmanager',
  '****',
  '....',
  'notarealkey',
  'not-a-real',
  'not_real',
  'fake_',
  'fake-',
  'foobar',
  'lorem',
  '…',
  '$(',
  '#{',
];

/**
 * Values that name where a secret lives instead of holding it: secret-manager references
 * (Vault, helm-secrets/vals `ref+…://`, 1Password `op://`, AWS ARNs and SSM, GCP Secret Manager
 * paths, Azure Key Vault references, CloudFormation `!Ref`) and variable references in the
 * syntaxes of shells, Windows, Make and CI systems (`$NAME`, `%NAME%`).
 */
const REFERENCE =
  /^(?:(?:vault|ref\+[a-z0-9]+|op|awssm|awsssm|ssm|gcpsm|sm|azurekv|keyvault|doppler|infisical|bws|secretsmanager):\/{0,2}[\w.-]+\/|arn:aws[\w-]*:|projects\/[\w-]+\/secrets\/|@microsoft\.keyvault\(|!ref\s|!getatt\s|\$[a-z_][a-z0-9_]*$|%[a-z_][a-z0-9_.]*%$)/;

/** Password hashes (crypt formats, Django, LDAP): stored digests, not credentials to use. */
const PASSWORD_HASH =
  /^(?:\$(?:2[abxy]?|argon2(?:id|i|d)|[1356]|apr1|y|gy|7|scrypt|pbkdf2[\w-]*)\$|(?:pbkdf2_sha\d+|bcrypt(?:_sha256)?|argon2|scrypt)\$|\{(?:s?sha\d*|crypt|bcrypt|pbkdf2[\w-]*)\})/;

/** Runs of one character this long do not happen in random tokens of ordinary length. */
const MAX_RUN = 6;

function hasLongRun(value: string): boolean {
  let run = 1;
  for (let i = 1; i < value.length; i++) {
    run = value.charCodeAt(i) === value.charCodeAt(i - 1) ? run + 1 : 1;
    if (run >= MAX_RUN) return true;
  }
  return false;
}

const SEQUENCES = [
  '0123456789',
  '123456789',
  'abcdefghij',
  'abcdef0123',
  '1234567890',
  'qwertyuiop',
];

/**
 * True when the value reads as a placeholder or documentation example, a reference to where the
 * secret is kept, or a password hash: not a credential.
 */
export function isPlaceholder(value: string): boolean {
  const lower = value.toLowerCase();
  if (PLACEHOLDER_WORDS.some((word) => lower.includes(word))) return true;
  if (REFERENCE.test(lower) || PASSWORD_HASH.test(lower)) return true;
  if (SEQUENCES.some((seq) => lower.includes(seq))) return true;
  return hasLongRun(lower);
}
