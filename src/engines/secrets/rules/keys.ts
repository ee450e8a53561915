/** @module Private keys, key files, signing secrets and tokens of well-known formats. */
import type { RuleSpec } from '../types.ts';
import { keyedRule, prefixRule, rule } from './helpers.ts';

/** A PEM block of one kind; the whole block is the secret. */
function pemRule(
  id: string,
  label: string,
  description: string,
  extra: Partial<RuleSpec> = {},
): RuleSpec {
  const begin = `-----BEGIN ${label}-----`;
  const end = `-----END ${label}-----`;
  return rule(
    id,
    description,
    [begin.toLowerCase().slice(5, -5)],
    `(${begin}[\\s\\S]{64,}?${end})`,
    {
      name: 'key',
      value: `${begin}\n{pem:1200}\n${end}`,
      isRaw: true,
      file: `${id.replace('private-key-', '')}.pem`,
    },
    { isMultiline: true, entropy: 4, ...extra },
  );
}

export const keyRules: RuleSpec[] = [
  pemRule('private-key-rsa', 'RSA PRIVATE KEY', 'RSA private key (PKCS#1)'),
  pemRule('private-key-openssh', 'OPENSSH PRIVATE KEY', 'OpenSSH private key'),
  pemRule('private-key-ec', 'EC PRIVATE KEY', 'Elliptic-curve private key'),
  pemRule('private-key-dsa', 'DSA PRIVATE KEY', 'DSA private key'),
  pemRule('private-key-pgp', 'PGP PRIVATE KEY BLOCK', 'PGP private key block'),
  pemRule('private-key-pkcs8', 'PRIVATE KEY', 'Private key (PKCS#8)'),
  pemRule(
    'private-key-encrypted',
    'ENCRYPTED PRIVATE KEY',
    'Encrypted private key (passphrase may be nearby)',
    { confidence: 'medium' },
  ),
  rule(
    'putty-private-key',
    'PuTTY private key file',
    ['putty-user-key-file'],
    '(?i)PuTTY-User-Key-File-[23]:[\\s\\S]{0,1000}?Private-Lines:\\s*\\d+\\s+([A-Za-z0-9+/=\\s]{64,})',
    {
      name: 'key',
      value:
        'PuTTY-User-Key-File-2: ssh-rsa\nEncryption: none\nComment: deploy\nPublic-Lines: 2\n{pem:128}\nPrivate-Lines: 4\n{pem:256}\nPrivate-MAC: {h:40}',
      isRaw: true,
      file: 'deploy.ppk',
    },
    { isMultiline: true, entropy: 4 },
  ),
  rule(
    'jwt',
    'JSON Web Token',
    ['eyj'],
    '\\b(ey[a-zA-Z0-9]{17,}\\.ey[a-zA-Z0-9/\\\\_-]{17,}\\.[a-zA-Z0-9/\\\\_-]{10,}={0,2})',
    { name: 'AUTH_TOKEN', value: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ{u:80}.{u:43}' },
    {
      confidence: 'medium',
      entropy: 3,
      allow: [
        {
          description: 'jwt.io documentation example',
          regexes: ['SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'],
        },
      ],
    },
  ),
  prefixRule(
    'age-secret-key',
    'age encryption secret key',
    ['age-secret-key-1'],
    'AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}',
    { name: 'SOPS_AGE_KEY', value: 'AGE-SECRET-KEY-1{B:58}' },
  ),
  rule(
    'kubeconfig-client-key',
    'Client key data in a kubeconfig',
    ['client-key-data'],
    'client-key-data["\']?\\s*[:=]\\s*["\']?([A-Za-z0-9+/=]{100,})',
    { name: 'client-key-data', value: 'LS0tLS1CRUdJTi{b:400}=' },
    { entropy: 4 },
  ),
  // A PEM private key stored base64-encoded in one value (Kubernetes Secret data, CI variables,
  // `TLS_KEY_B64=`): the encoding of `-----BEGIN <kind> PRIVATE KEY-----` is fixed. The generic
  // rule does not look at values this long, so this is what finds them.
  rule(
    'private-key-base64',
    'Base64-encoded PEM private key',
    ['ls0tls1crudjtib'],
    '\\b((?:LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVkt|LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0t|' +
      'LS0tLS1CRUdJTiBPUEVOU1NIIFBSSVZBVEUgS0VZLS0t|LS0tLS1CRUdJTiBFQyBQUklWQVRFIEtFWS0t|' +
      'LS0tLS1CRUdJTiBEU0EgUFJJVkFURSBLRVkt|LS0tLS1CRUdJTiBFTkNSWVBURUQgUFJJVkFURSBLRVkt)' +
      '[A-Za-z0-9+/]{40,}={0,2})',
    { name: 'TLS_KEY_B64', value: 'LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0t{b:600}=' },
    { entropy: 4 },
  ),
  rule(
    'rails-master-key',
    'Rails master key file',
    [],
    '^([a-f0-9]{32})\\s*$',
    { name: 'key', value: '{h:32}', isRaw: true, file: 'config/master.key' },
    { path: '(?:^|/)config/(?:master|credentials/[\\w-]+)\\.key$', entropy: 3 },
  ),
  keyedRule(
    'rails-secret-key-base',
    'Rails secret_key_base',
    ['secret_key_base'],
    '[a-f0-9]{128}',
    { name: 'SECRET_KEY_BASE', value: '{h:128}' },
  ),
  rule(
    'laravel-app-key',
    'Laravel APP_KEY',
    ['app_key', 'app.key', 'app-key'],
    '(?i)APP[._-]KEY["\']?\\s*[:=]\\s*["\']?(base64:[A-Za-z0-9+/]{43}=)',
    { name: 'APP_KEY', value: 'base64:{b:43}=' },
    { entropy: 3.5 },
  ),
  rule(
    'django-secret-key',
    'Django SECRET_KEY',
    ['secret_key'],
    '\\bSECRET_KEY\\s*=\\s*[\'"]([^\'"\\s]{40,})[\'"]',
    { name: 'SECRET_KEY', value: 'django-insecure-{k:50}', file: 'settings.py' },
    { path: '(?:^|/)settings[\\w/.-]*\\.py$', entropy: 3.5 },
  ),
  keyedRule(
    'nextauth-secret',
    'NextAuth/Auth.js secret',
    ['nextauth_secret', 'auth_secret'],
    '[A-Za-z0-9+/=_-]{32,88}',
    { name: 'NEXTAUTH_SECRET', value: '{b:44}' },
    { entropy: 3.5 },
  ),
  keyedRule(
    'jwt-signing-secret',
    'JWT signing secret',
    ['jwt_secret', 'jwt_signing_key', 'jwtsecret', 'jwt_key'],
    '[\\w+/=.-]{24,128}',
    { name: 'JWT_SECRET', value: '{u:48}' },
    { entropy: 3.5, confidence: 'medium' },
  ),
  keyedRule(
    'session-secret',
    'Web session/cookie signing secret',
    ['session_secret', 'cookie_secret', 'secret_key_base64'],
    '[\\w+/=.-]{24,128}',
    { name: 'SESSION_SECRET', value: '{u:48}' },
    { entropy: 3.5, confidence: 'medium' },
  ),
  keyedRule(
    'encryption-key',
    'Symmetric encryption key',
    ['encryption_key', 'aes_key', 'master_key'],
    '[A-Za-z0-9+/=]{32,88}',
    { name: 'ENCRYPTION_KEY', value: '{b:44}' },
    { entropy: 4, confidence: 'medium' },
  ),
  rule(
    'ssh-password-in-sshpass',
    'Password passed to sshpass',
    ['sshpass'],
    'sshpass\\s+-p\\s*[\'"]?([^\\s\'"]{8,})',
    { name: 'cmd', value: 'sshpass -p {A:16} ssh deploy@10.0.4.12', isLine: true },
    { entropy: 3 },
  ),
];
