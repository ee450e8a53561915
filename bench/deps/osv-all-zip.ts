/**
 * @module Writes a synthetic OSV `all.zip` shaped like the exports OSV publishes: one JSON file
 * per record, deflated, zip64 end records past 65,535 entries, written as a stream (the central
 * directory is the only thing held in memory). The mix follows the real exports: mostly `MAL-`
 * malicious-package records (the bulk of the npm and PyPI exports), GitHub advisories across
 * eight ecosystems with CVE aliases, CVSS vectors, CWE ids, references and markdown details,
 * and PYSEC, GO and RUSTSEC records; a few are withdrawn. Seeded: same arguments, same bytes.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ecosystems = [
  { name: 'npm', weight: 30, purl: 'npm' },
  { name: 'PyPI', weight: 18, purl: 'pypi' },
  { name: 'Maven', weight: 14, purl: 'maven' },
  { name: 'Go', weight: 12, purl: 'golang' },
  { name: 'Packagist', weight: 9, purl: 'composer' },
  { name: 'RubyGems', weight: 6, purl: 'gem' },
  { name: 'crates.io', weight: 6, purl: 'cargo' },
  { name: 'NuGet', weight: 5, purl: 'nuget' },
] as const;
const cvss = [
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N',
  'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N',
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
  'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H',
  'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
];
const words =
  'the a an of in to when via improper input validation allows remote attackers arbitrary code execution crafted request denial service prototype pollution path traversal cross site scripting server side request forgery regular expression inefficient complexity deserialization untrusted data buffer overflow memory leak authentication bypass sensitive information exposure header injection open redirect upgrade version fixed release users should patch workaround configuration option default parameter function module library package'.split(
    ' ',
  );

interface Writer {
  add(name: string, text: string): void;
  close(): void;
}

/** A streaming zip writer: local entries go straight to the file, the directory at the end. */
function zipWriter(path: string): Writer {
  const fd = openSync(path, 'w');
  const central: Buffer[] = [];
  let offset = 0;
  let count = 0;
  return {
    add(name, text) {
      const raw = Buffer.from(text);
      const body = deflateRawSync(raw, { level: 6 });
      const fileName = Buffer.from(name);
      const crc = crc32(raw);
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(0x0800, 6);
      local.writeUInt16LE(8, 8);
      local.writeUInt32LE(0, 10);
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(body.length, 18);
      local.writeUInt32LE(raw.length, 22);
      local.writeUInt16LE(fileName.length, 26);
      local.writeUInt16LE(0, 28);
      const entry = Buffer.alloc(46);
      entry.writeUInt32LE(0x02014b50, 0);
      entry.writeUInt16LE(45, 4);
      entry.writeUInt16LE(20, 6);
      entry.writeUInt16LE(0x0800, 8);
      entry.writeUInt16LE(8, 10);
      entry.writeUInt32LE(0, 12);
      entry.writeUInt32LE(crc, 16);
      entry.writeUInt32LE(body.length, 20);
      entry.writeUInt32LE(raw.length, 24);
      entry.writeUInt16LE(fileName.length, 28);
      entry.writeUInt32LE(offset, 42);
      central.push(entry, fileName);
      offset += writeSync(fd, Buffer.concat([local, fileName, body]));
      count++;
    },
    close() {
      const directory = Buffer.concat(central);
      const directoryOffset = offset;
      writeSync(fd, directory);
      const zip64End = Buffer.alloc(56);
      zip64End.writeUInt32LE(0x06064b50, 0);
      zip64End.writeBigUInt64LE(44n, 4);
      zip64End.writeUInt16LE(45, 12);
      zip64End.writeUInt16LE(45, 14);
      zip64End.writeBigUInt64LE(BigInt(count), 24);
      zip64End.writeBigUInt64LE(BigInt(count), 32);
      zip64End.writeBigUInt64LE(BigInt(directory.length), 40);
      zip64End.writeBigUInt64LE(BigInt(directoryOffset), 48);
      const locator = Buffer.alloc(20);
      locator.writeUInt32LE(0x07064b50, 0);
      locator.writeBigUInt64LE(BigInt(directoryOffset + directory.length), 8);
      locator.writeUInt32LE(1, 16);
      const end = Buffer.alloc(22);
      end.writeUInt32LE(0x06054b50, 0);
      end.writeUInt16LE(Math.min(count, 0xffff), 8);
      end.writeUInt16LE(Math.min(count, 0xffff), 10);
      end.writeUInt32LE(directory.length, 12);
      end.writeUInt32LE(Math.min(directoryOffset, 0xffffffff), 16);
      writeSync(fd, Buffer.concat([zip64End, locator, end]));
      closeSync(fd);
    },
  };
}

export interface GenerateOptions {
  records: number;
  seed?: number;
  /** Shifts every `modified` date by this many days: a later export of the same records. */
  modifiedShiftDays?: number;
  /** Share of records whose `modified` moves with the shift (the rest stay as they were). */
  changedShare?: number;
}

/** Writes the archive and returns its entry count and uncompressed JSON bytes. */
export function writeOsvAllZip(path: string, options: GenerateOptions): { bytes: number } {
  const rand = prng(options.seed ?? 7);
  const int = (max: number): number => Math.floor(rand() * max);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const b32 = (n: number): string =>
    Array.from({ length: n }, () => '23456789cfghjmpqrvwx'[int(20)]).join('');
  const hex = (n: number): string => Array.from({ length: n }, () => int(16).toString(16)).join('');
  const sentence = (n: number): string => Array.from({ length: n }, () => pick(words)).join(' ');
  const day = (base: number): string =>
    new Date(Date.UTC(2018, 0, 1) + base * 86_400_000 + int(86_400) * 1000).toISOString();
  const version = (): string => `${int(6)}.${int(25)}.${int(40)}`;
  const ecosystem = (): (typeof ecosystems)[number] => {
    let roll = int(100);
    for (const e of ecosystems) if ((roll -= e.weight) < 0) return e;
    return ecosystems[0];
  };
  const packageName = (eco: string, i: number): string => {
    const base = `${pick(['fast', 'tiny', 'node', 'py', 'go', 'json', 'http', 'auth', 'data'])}-${(i % 40_000).toString(36)}`;
    if (eco === 'Maven') return `org.example${i % 500}:${base}`;
    if (eco === 'Go') return `github.com/example${i % 900}/${base}`;
    if (eco === 'Packagist') return `vendor${i % 700}/${base}`;
    if (eco === 'npm' && i % 6 === 0) return `@scope${i % 300}/${base}`;
    return base;
  };

  const severity = (): { type: string; score: string }[] => {
    if (rand() >= 0.8) return [];
    const score = pick(cvss);
    return [{ type: score.startsWith('CVSS:4') ? 'CVSS_V4' : 'CVSS_V3', score }];
  };

  const zip = zipWriter(path);
  const shift = options.modifiedShiftDays ?? 0;
  const changed = options.changedShare ?? 1;
  let bytes = 0;
  for (let i = 0; i < options.records; i++) {
    const kind = rand();
    const eco = ecosystem();
    const name = packageName(eco.name, int(1_000_000));
    const published = int(2500);
    const modifiedDay = published + int(300) + (rand() < changed ? shift : 0);
    const pkg = { ecosystem: eco.name, name, purl: `pkg:${eco.purl}/${name}` };
    let record: Record<string, unknown>;
    if (kind < 0.55) {
      const versions = Array.from({ length: 1 + int(6) }, version);
      record = {
        schema_version: '1.6.0',
        id: `MAL-${2022 + int(4)}-${i + 1000}`,
        modified: day(modifiedDay),
        published: day(published),
        summary: `Malicious code in ${name} (${eco.name})`,
        details: `\n---\n_-= Per source details. Do not edit below this line.=-_\n\n## Source: ghsa-malware (${hex(64)})\nAny computer that has this package installed or running should be considered fully compromised. All secrets and keys stored on that computer should be rotated immediately from a different computer.\n`,
        affected: [
          {
            package: pkg,
            versions,
            database_specific: {
              'malicious-packages-origins': [
                {
                  source: 'ghsa-malware',
                  sha256: hex(64),
                  import_time: day(modifiedDay),
                  modified_time: day(modifiedDay),
                  versions,
                },
              ],
            },
          },
        ],
        credits: [{ name: 'Example Security Research', type: 'FINDER' }],
        database_specific: { 'malicious-packages-origins': [{ source: 'ossf-package-analysis' }] },
      };
    } else {
      const ghsa = kind < 0.9;
      const year = 2018 + int(8);
      const id = ghsa
        ? `GHSA-${b32(4)}-${b32(4)}-${b32(4)}`
        : eco.name === 'Go'
          ? `GO-${year}-${i}`
          : eco.name === 'crates.io'
            ? `RUSTSEC-${year}-${String(i).padStart(4, '0')}`
            : `PYSEC-${year}-${i}`;
      const ranges = Array.from({ length: 1 + (rand() < 0.2 ? 1 : 0) }, () => {
        const introduced = rand() < 0.4 ? '0' : version();
        return {
          type: eco.name === 'Go' || eco.name === 'crates.io' ? 'SEMVER' : 'ECOSYSTEM',
          events:
            rand() < 0.1
              ? [{ introduced }, { last_affected: version() }]
              : [{ introduced }, { fixed: version() }],
        };
      });
      const references = Array.from({ length: 3 + int(10) }, (_, r) => ({
        type: pick(['ADVISORY', 'WEB', 'PACKAGE', 'FIX', 'REPORT']),
        url: `https://example.org/${pick(['advisories', 'commit', 'issues', 'pull'])}/${hex(r % 2 ? 40 : 8)}`,
      }));
      record = {
        schema_version: '1.6.0',
        id,
        modified: day(modifiedDay),
        published: day(published),
        aliases: [`CVE-${year}-${10_000 + int(50_000)}`],
        ...(rand() < 0.1 ? { related: [`CVE-${year}-${10_000 + int(50_000)}`] } : {}),
        summary: sentence(6 + int(8)),
        details: Array.from({ length: 2 + int(6) }, () => sentence(30 + int(60))).join('\n\n'),
        severity: severity(),
        affected: [
          {
            package: pkg,
            ranges,
            ...(eco.name === 'PyPI' || rand() < 0.2
              ? { versions: Array.from({ length: 5 + int(60) }, version) }
              : {}),
            database_specific: { source: `https://example.org/osv/${id}.json` },
          },
        ],
        references,
        database_specific: {
          cwe_ids: [`CWE-${int(1000)}`],
          severity: pick(['LOW', 'MODERATE', 'HIGH', 'CRITICAL']),
          github_reviewed: ghsa,
          github_reviewed_at: day(published + 2),
          nvd_published_at: day(published),
        },
        ...(rand() < 0.01 ? { withdrawn: day(modifiedDay) } : {}),
      };
    }
    const text = JSON.stringify(record, null, 2);
    bytes += text.length;
    zip.add(`${record.id as string}.json`, text);
  }
  zip.close();
  return { bytes };
}
