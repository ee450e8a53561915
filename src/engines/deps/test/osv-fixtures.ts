/**
 * @module Real OSV records (trimmed to the fields the engine reads, values as published) for
 * the matching, import and scan tests.
 */
import type { OsvRecord } from '../osv/osv-types.ts';

export const lodashPrototypePollution: OsvRecord = {
  id: 'GHSA-p6mc-m468-83gw',
  modified: '2024-02-16T08:07:08Z',
  published: '2020-07-15T19:15:48Z',
  aliases: ['CVE-2020-8203'],
  summary: 'Prototype Pollution in lodash',
  severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H' }],
  affected: [
    {
      package: { ecosystem: 'npm', name: 'lodash', purl: 'pkg:npm/lodash' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '3.7.0' }, { fixed: '4.17.19' }] }],
    },
  ],
  references: [{ type: 'ADVISORY', url: 'https://nvd.nist.gov/vuln/detail/CVE-2020-8203' }],
  database_specific: { severity: 'HIGH', github_reviewed: true, cwe_ids: ['CWE-1321', 'CWE-770'] },
};

export const lodashCommandInjection: OsvRecord = {
  id: 'GHSA-35jh-r3h4-6jhm',
  modified: '2024-03-13T05:24:15Z',
  aliases: ['CVE-2021-23337'],
  summary: 'Command Injection in lodash',
  severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H' }],
  affected: [
    {
      package: { ecosystem: 'npm', name: 'lodash' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }],
    },
  ],
  database_specific: { severity: 'HIGH' },
};

export const pyyamlPysec: OsvRecord = {
  id: 'PYSEC-2021-142',
  modified: '2021-08-27T03:22:13.913Z',
  published: '2021-02-09T21:15:00Z',
  aliases: ['CVE-2020-14343', 'GHSA-8q59-q68h-6hv4'],
  details:
    'A vulnerability was discovered in the PyYAML library in versions before 5.4, where it is susceptible to arbitrary code execution when it processes untrusted YAML files through the full_load method or with the FullLoader loader.',
  affected: [
    {
      package: { ecosystem: 'PyPI', name: 'pyyaml', purl: 'pkg:pypi/pyyaml' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '5.4' }] }],
      versions: ['3.01', '3.10', '5.1', '5.2', '5.3', '5.3.1', '5.4b1', '5.4b2'],
    },
  ],
};

export const pyyamlGhsa: OsvRecord = {
  id: 'GHSA-8q59-q68h-6hv4',
  modified: '2024-09-26T15:46:26Z',
  aliases: ['CVE-2020-14343'],
  summary: 'Improper Input Validation in PyYAML',
  severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
  affected: [
    {
      package: { ecosystem: 'PyPI', name: 'PyYAML' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '5.4' }] }],
    },
  ],
};

export const smallvecRustsec: OsvRecord = {
  id: 'RUSTSEC-2021-0003',
  modified: '2023-06-13T13:10:24Z',
  aliases: ['CVE-2021-25900', 'GHSA-43w2-9j62-hq99'],
  summary: 'Buffer overflow in SmallVec::insert_many',
  affected: [
    {
      package: { ecosystem: 'crates.io', name: 'smallvec' },
      ranges: [
        {
          type: 'SEMVER',
          events: [
            { introduced: '0.6.3' },
            { fixed: '0.6.14' },
            { introduced: '1.0.0' },
            { fixed: '1.6.1' },
          ],
        },
      ],
      database_specific: { categories: ['memory-corruption'], informational: null },
    },
  ],
  severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
};

export const goCryptoSsh: OsvRecord = {
  id: 'GO-2021-0356',
  modified: '2024-05-20T16:03:47Z',
  aliases: ['CVE-2022-27191', 'GHSA-8c26-wmh5-6g9v'],
  summary: 'Denial of service via crafted Signer in golang.org/x/crypto/ssh',
  affected: [
    {
      package: { ecosystem: 'Go', name: 'golang.org/x/crypto' },
      ranges: [
        {
          type: 'SEMVER',
          events: [{ introduced: '0' }, { fixed: '0.0.0-20220314234659-1baeb1ce4c0b' }],
        },
      ],
    },
  ],
};

export const nokogiriGhsa: OsvRecord = {
  id: 'GHSA-qv4q-mr5r-qprj',
  modified: '2023-01-20T21:41:17Z',
  aliases: ['CVE-2022-23476'],
  summary: 'Unchecked return value from xmlTextReaderExpand in Nokogiri',
  severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' }],
  affected: [
    {
      package: { ecosystem: 'RubyGems', name: 'nokogiri' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '1.13.8' }, { fixed: '1.13.10' }] }],
    },
  ],
};

export const psr7Ghsa: OsvRecord = {
  id: 'GHSA-wxmh-65f7-jcvw',
  modified: '2023-04-24T22:42:41Z',
  aliases: ['CVE-2023-29197'],
  summary: 'Improper header name validation in guzzlehttp/psr7',
  severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:N' }],
  affected: [
    {
      package: { ecosystem: 'Packagist', name: 'guzzlehttp/psr7' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.9.1' }] }],
    },
    {
      package: { ecosystem: 'Packagist', name: 'guzzlehttp/psr7' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '2.0.0' }, { fixed: '2.4.5' }] }],
    },
  ],
};

export const records = [
  lodashPrototypePollution,
  lodashCommandInjection,
  pyyamlPysec,
  pyyamlGhsa,
  smallvecRustsec,
  goCryptoSsh,
  nokogiriGhsa,
  psr7Ghsa,
];
