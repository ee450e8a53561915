/**
 * @module Check: a licence declared, as a licence file whose SPDX identifier is recognised from its
 * text, or as the `license` field of the root manifest (package.json, Cargo.toml, pyproject.toml).
 */
import { parse as parseToml } from 'smol-toml';
import type { CheckDefinition } from './check-types.ts';

/** A phrase as a pattern that survives line wrapping: any run of whitespace between words. */
const phrase = (text: string): string =>
  text
    .split(/\s+/)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('\\s+');

const SPDX: [RegExp, string][] = [
  [new RegExp(phrase('GNU AFFERO GENERAL PUBLIC LICENSE Version 3'), 'i'), 'AGPL-3.0'],
  [new RegExp(phrase('GNU LESSER GENERAL PUBLIC LICENSE Version 3'), 'i'), 'LGPL-3.0'],
  [new RegExp(phrase('GNU LESSER GENERAL PUBLIC LICENSE Version 2.1'), 'i'), 'LGPL-2.1'],
  [new RegExp(phrase('GNU GENERAL PUBLIC LICENSE Version 3'), 'i'), 'GPL-3.0'],
  [new RegExp(phrase('GNU GENERAL PUBLIC LICENSE Version 2'), 'i'), 'GPL-2.0'],
  [/Apache\s+License,?\s+Version\s+2\.0/i, 'Apache-2.0'],
  [/Mozilla\s+Public\s+License,?\s+(version|v\.?)\s*2\.0/i, 'MPL-2.0'],
  [new RegExp(phrase('Permission is hereby granted, free of charge'), 'i'), 'MIT'],
  [
    new RegExp(
      phrase('Permission to use, copy, modify, and/or distribute this software for any purpose'),
      'i',
    ),
    'ISC',
  ],
  [
    new RegExp(
      `${phrase('Redistribution and use in source and binary forms')}[\\s\\S]*${phrase('Neither the name')}`,
      'i',
    ),
    'BSD-3-Clause',
  ],
  [new RegExp(phrase('Redistribution and use in source and binary forms'), 'i'), 'BSD-2-Clause'],
  [
    new RegExp(
      phrase('This is free and unencumbered software released into the public domain'),
      'i',
    ),
    'Unlicense',
  ],
  [new RegExp(phrase('Business Source License'), 'i'), 'BUSL-1.1'],
  [/SPDX-License-Identifier:\s*([\w.+-]+)/i, '$1'],
];

export function detectSpdx(text: string): string | null {
  for (const [pattern, id] of SPDX) {
    const match = pattern.exec(text);
    if (match) return id === '$1' ? (match[1] ?? null) : id;
  }
  return null;
}

/** The `license` field of a root manifest (an SPDX expression, or `UNLICENSED`), or null. */
export function manifestLicense(path: string, text: string): string | null {
  try {
    if (path === 'package.json') {
      const json = JSON.parse(text) as { license?: unknown };
      return typeof json.license === 'string' && !/^SEE LICEN[CS]E IN /i.test(json.license)
        ? json.license.trim() || null
        : null;
    }
    const toml = parseToml(text) as Record<string, Record<string, unknown> | undefined>;
    const field =
      path === 'Cargo.toml'
        ? toml.package?.license
        : (toml.project?.license ??
          (toml.tool as { poetry?: { license?: unknown } } | undefined)?.poetry?.license);
    if (typeof field === 'string') return field.trim() || null;
    // PEP 621's older table form: license = { text = "MIT" } (or { file = "LICENSE" }).
    const text621 = (field as { text?: unknown } | undefined)?.text;
    return typeof text621 === 'string' ? text621.trim() || null : null;
  } catch {
    return null;
  }
}

const MANIFESTS = ['package.json', 'Cargo.toml', 'pyproject.toml'];

export const license: CheckDefinition = {
  id: 'license',
  title: 'Licence declared',
  risk: 'low',
  level: 'bronze',
  whyItMatters:
    'Without a clear licence, who may use, sell or reuse the code is unclear, which investors and acquirers check during due diligence.',
  howToFix:
    'Add a LICENSE file with the standard text of the chosen licence (or a proprietary notice) and set the same SPDX id in the package manifest.',
  async run(context) {
    const declared: string[] = [];
    for (const manifest of MANIFESTS.filter((name) => context.paths.has(name))) {
      const id = manifestLicense(manifest, (await context.read(manifest)) ?? '');
      if (id) declared.push(`${manifest}: license ${id}`);
    }
    const path = [...context.paths]
      .filter((p) => /^(licen[cs]e|copying)([.-][\w.-]+)?$/i.test(p))
      .sort()[0];
    if (!path) {
      if (declared.length > 0)
        return {
          score: 7,
          summary: `Licence declared in the manifest (${declared[0]}), but no licence file with its text.`,
          evidence: declared,
          findings: [
            {
              message: `The licence is declared in ${declared[0]!.split(':')[0]} but there is no LICENSE file with its text.`,
              severity: 'low',
              key: 'manifest-only',
            },
          ],
        };
      return {
        score: 0,
        summary: 'No licence file at the root and no licence in the manifest.',
        evidence: [],
        findings: [{ message: 'No LICENSE file at the repository root.' }],
      };
    }
    const spdx = detectSpdx((await context.read(path)) ?? '');
    if (!spdx)
      return declared.length > 0
        ? {
            score: 10,
            summary: `${path} present; licence from the manifest (${declared[0]}).`,
            evidence: [path, ...declared],
            findings: [],
          }
        : {
            score: 7,
            summary: `${path} present, licence not recognised.`,
            evidence: [path],
            findings: [],
          };
    return {
      score: 10,
      summary: `Licence ${spdx} (${path}).`,
      evidence: [`${path}: SPDX ${spdx}`, ...declared],
      findings: [],
    };
  },
};
