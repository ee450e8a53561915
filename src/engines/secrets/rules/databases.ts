/** @module Database, broker and service URLs with an embedded password, and connection strings. */
import type { AllowSpec, RuleSpec } from '../types.ts';
import { keyedRule, prefixRule, rule, uuid } from './helpers.ts';

/** Defaults that local development and docs use; they are not leaks. */
const DEV_PASSWORDS: AllowSpec = {
  description: 'development defaults and templated values',
  stopwords: [
    'password',
    'passwd',
    'postgres',
    'mysql',
    'root',
    'admin',
    'secret',
    'changeme',
    'guest',
    'redis',
    'mongo',
    'example',
    'pass',
  ],
  regexes: ['^[$%{<]', '^\\*+$'],
};

function urlRule(
  id: string,
  scheme: string,
  description: string,
  sampleUrl: string,
  keywords: string[],
): RuleSpec {
  return rule(
    id,
    description,
    keywords,
    // `scheme+driver://` is SQLAlchemy's dialect+driver form (`postgresql+psycopg2://`); the
    // user may be empty (`redis://:password@host`: password-only AUTH).
    `(?i)\\b${scheme}(?:\\+[a-z0-9_]+)?://[^:/\\s@'"]{0,64}:([^@\\s/'"]{3,128})@[^\\s/'"]+`,
    { name: 'DATABASE_URL', value: sampleUrl },
    { entropy: 3, allow: [DEV_PASSWORDS] },
  );
}

export const databaseRules: RuleSpec[] = [
  urlRule(
    'postgres-url',
    'postgres(?:ql)?',
    'PostgreSQL URL with password',
    'postgres://app_user:{A:20}@db.internal.acme.io:5432/app',
    ['postgres'],
  ),
  urlRule(
    'mysql-url',
    'mysql',
    'MySQL URL with password',
    'mysql://shop:{A:18}@10.1.2.3:3306/shop',
    ['mysql'],
  ),
  urlRule(
    'mongodb-url',
    'mongodb(?:\\+srv)?',
    'MongoDB URL with password',
    'mongodb+srv://api:{A:22}@cluster0.ab1cd.mongodb.net/prod?retryWrites=true',
    ['mongodb'],
  ),
  urlRule(
    'redis-url',
    'rediss?',
    'Redis URL with password',
    'rediss://default:{A:32}@cache.acme.io:6380',
    ['redis'],
  ),
  urlRule(
    'amqp-url',
    'amqps?',
    'AMQP (RabbitMQ) URL with password',
    'amqps://worker:{A:20}@mq.acme.io:5671/vhost',
    ['amqp'],
  ),
  urlRule(
    'clickhouse-url',
    'clickhouse',
    'ClickHouse URL with password',
    'clickhouse://analytics:{A:20}@ch.acme.io:9000/events',
    ['clickhouse'],
  ),
  urlRule(
    'neo4j-url',
    'neo4j(?:\\+s)?',
    'Neo4j URL with password',
    'neo4j+s://neo4j:{A:24}@graph.acme.io:7687',
    ['neo4j'],
  ),
  urlRule(
    'ldap-url',
    'ldaps?',
    'LDAP URL with password',
    'ldaps://cn_admin:{A:20}@ldap.acme.io:636',
    ['ldap'],
  ),
  urlRule(
    'ftp-url',
    's?ftp',
    'FTP URL with password',
    'ftp://uploader:{A:16}@files.acme.io/incoming',
    ['ftp'],
  ),
  urlRule(
    'smtp-url',
    'smtps?',
    'SMTP URL with password',
    'smtps://mailer:{A:20}@smtp.acme.io:465',
    ['smtp'],
  ),
  urlRule(
    'snowflake-url',
    'snowflake',
    'Snowflake URL with password',
    'snowflake://etl:{A:20}@xy12345.eu-west-1/analytics',
    ['snowflake'],
  ),
  urlRule(
    'mssql-url',
    '(?:mssql|sqlserver)',
    'SQL Server URL with password',
    'mssql://sa_app:{A:20}@sql.acme.io:1433/app',
    ['mssql', 'sqlserver'],
  ),
  urlRule(
    'cockroach-url',
    'cockroachdb',
    'CockroachDB URL with password',
    'cockroachdb://root_app:{A:20}@crdb.acme.io:26257/defaultdb',
    ['cockroachdb'],
  ),
  urlRule(
    'basic-auth-url',
    'https?',
    'HTTP URL with embedded credentials',
    'https://deploy:{A:24}@git.acme.io/acme/app.git',
    ['http'],
  ),
  rule(
    'ado-connection-string',
    'Password in an ADO.NET connection string',
    ['password=', 'pwd='],
    '(?i)(?:server|data source|host)=[^;\'"]{1,200};[^\'"]{0,300}?(?:password|pwd)=([^;\'"\\s]{6,128})',
    {
      name: 'ConnectionStrings__Default',
      value: 'Server=sql.acme.io;Database=App;User Id=app;Password={A:20};',
    },
    { entropy: 3, allow: [DEV_PASSWORDS] },
  ),
  rule(
    'jdbc-password',
    'Password in a JDBC URL',
    ['jdbc:'],
    '(?i)jdbc:[a-z0-9:]+//[^\\s\'"]*[?&;]password=([^&;\\s\'"]{6,128})',
    {
      name: 'spring.datasource.url',
      value: 'jdbc:postgresql://db.acme.io:5432/app?user=app&password={A:20}',
    },
    { entropy: 3, allow: [DEV_PASSWORDS] },
  ),
  rule(
    'netrc-password',
    'Password in a .netrc entry (git, curl, ftp and pip read it)',
    ['machine'],
    '(?i)\\bmachine\\s+\\S+\\s+(?:login\\s+\\S+\\s+)?password\\s+([^\\s\'"]{6,128})',
    { name: 'netrc', value: 'machine git.acme.io login ci-bot password {A:24}', isLine: true },
    { entropy: 3, allow: [DEV_PASSWORDS] },
  ),
  // libpq's password file: `host:port:database:user:password`, one entry a line.
  rule(
    'pgpass-password',
    'Password in a PostgreSQL .pgpass file',
    [],
    '(?m)^[^:\\s#]+:(?:\\d+|\\*):[^:\\s]+:[^:\\s]+:([^\\s]{6,128})$',
    {
      name: 'pgpass',
      value: 'db.acme.internal:5432:app:app_rw:{A:24}',
      isRaw: true,
      file: '.pgpass',
    },
    { path: '(?:^|/)\\.pgpass$', entropy: 3, allow: [DEV_PASSWORDS] },
  ),
  keyedRule('influxdb-token', 'InfluxDB API token', ['influx'], '[A-Za-z0-9_-]{86}==', {
    name: 'INFLUXDB_TOKEN',
    value: '{u:86}==',
  }),
  prefixRule(
    'airtable-pat',
    'Airtable personal access token',
    ['pat'],
    'pat[A-Za-z0-9]{14}\\.[a-f0-9]{64}',
    { name: 'AIRTABLE_TOKEN', value: 'pat{A:14}.{h:64}' },
  ),
  keyedRule('fauna-secret', 'Fauna secret', ['fauna'], 'fn[A-Za-z0-9_-]{38}', {
    name: 'FAUNA_SECRET',
    value: 'fn{u:38}',
  }),
  keyedRule(
    'mongodb-atlas-private-key',
    'MongoDB Atlas API private key',
    ['atlas_private', 'mongodb_atlas'],
    uuid,
    { name: 'MONGODB_ATLAS_PRIVATE_KEY', value: '{uuid}' },
  ),
];
