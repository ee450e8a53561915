/** @module Check: a licence file, with its SPDX identifier recognised from the text. */
import type { CheckDefinition } from './check-types.ts';

const SPDX: [RegExp, string][] = [
  [/GNU AFFERO GENERAL PUBLIC LICENSE\s+Version 3/i, 'AGPL-3.0'],
  [/GNU LESSER GENERAL PUBLIC LICENSE\s+Version 3/i, 'LGPL-3.0'],
  [/GNU LESSER GENERAL PUBLIC LICENSE\s+Version 2\.1/i, 'LGPL-2.1'],
  [/GNU GENERAL PUBLIC LICENSE\s+Version 3/i, 'GPL-3.0'],
  [/GNU GENERAL PUBLIC LICENSE\s+Version 2/i, 'GPL-2.0'],
  [/Apache License,?\s+Version 2\.0/i, 'Apache-2.0'],
  [/Mozilla Public License,?\s+(version|v\.?)\s*2\.0/i, 'MPL-2.0'],
  [/Permission is hereby granted, free of charge/i, 'MIT'],
  [/Permission to use, copy, modify, and\/or distribute this software for any purpose/i, 'ISC'],
  [/Redistribution and use in source and binary forms[\s\S]*Neither the name/i, 'BSD-3-Clause'],
  [/Redistribution and use in source and binary forms/i, 'BSD-2-Clause'],
  [/This is free and unencumbered software released into the public domain/i, 'Unlicense'],
  [/Business Source License/i, 'BUSL-1.1'],
  [/SPDX-License-Identifier:\s*([\w.+-]+)/i, '$1'],
];

export function detectSpdx(text: string): string | null {
  for (const [pattern, id] of SPDX) {
    const match = pattern.exec(text);
    if (match) return id === '$1' ? (match[1] ?? null) : id;
  }
  return null;
}

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
    const path = [...context.paths]
      .filter((p) => /^(licen[cs]e|copying)([.-][\w.-]+)?$/i.test(p))
      .sort()[0];
    if (!path)
      return {
        score: 0,
        summary: 'No licence file at the root.',
        evidence: [],
        findings: [{ message: 'No LICENSE file at the repository root.' }],
      };
    const spdx = detectSpdx((await context.read(path)) ?? '');
    if (!spdx)
      return {
        score: 7,
        summary: `${path} present, licence not recognised.`,
        evidence: [path],
        findings: [],
      };
    return {
      score: 10,
      summary: `Licence ${spdx} (${path}).`,
      evidence: [`${path}: SPDX ${spdx}`],
      findings: [],
    };
  },
};
