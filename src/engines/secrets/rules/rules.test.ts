import { describe, expect, it } from 'vitest';
import { compilePattern, compileRuleSet, countGroups } from '../compile.ts';
import { detect } from '../detect.ts';
import { createRandom, expandTemplate } from '../fixtures/template.ts';
import { defaultGlobalAllow } from './global-allow.ts';
import { defaultRules, ruleFamilies } from './index.ts';

describe('default rules', () => {
  const specs = defaultRules();
  const { ruleSet, errors } = compileRuleSet(specs, defaultGlobalAllow);

  it('covers at least 150 credential kinds across the families, all compiling on RE2', () => {
    expect(errors).toEqual([]);
    expect(specs.length).toBeGreaterThanOrEqual(150);
    expect(ruleFamilies.size).toBeGreaterThanOrEqual(10);
    expect(new Set(specs.map((s) => s.id)).size).toBe(specs.length);
  });

  it('compiles every pattern on RE2, with the group count the lazy compiler assumes', () => {
    for (const spec of specs) {
      const compiled = compilePattern(spec.regex ?? '');

      expect('re' in compiled, spec.id).toBe(true);
      if ('re' in compiled)
        expect(compiled.re.groupCount(), spec.id).toBe(countGroups(spec.regex ?? ''));
    }
  });

  it('gives every rule lower-case keywords, a sample, and generic rules a non-blocking low confidence', () => {
    for (const spec of specs) {
      expect(
        spec.keywords.every((k) => k === k.toLowerCase()),
        spec.id,
      ).toBe(true);
      expect(spec.sample, spec.id).toBeDefined();
    }
    for (const rule of ruleSet.rules.filter(
      (r) => r.spec.family === 'generic' && r.id.startsWith('generic'),
    )) {
      expect(rule.confidence).toBe('low');
      expect(rule.isBlocking).toBe(false);
    }
  });

  it('finds each rule in its own sample, generated from a seed', () => {
    const random = createRandom(7);
    const missed: string[] = [];
    for (const spec of specs) {
      const sample = spec.sample!;
      const value = expandTemplate(sample.value, random);
      const text = sample.isRaw || sample.isLine ? value : `${sample.name}="${value}"\n`;
      const path =
        sample.file === '.docker/config.json' || sample.file === 'settings.xml'
          ? 'x'
          : (sample.file ?? 'app.env');
      if (sample.file === '.docker/config.json' || sample.file === 'settings.xml') continue; // format-bound, covered by the corpus

      const ids = detect(text, ruleSet, { path }).hits.map((h) => h.rule.id);

      if (!ids.includes(spec.id)) missed.push(spec.id);
    }
    expect(missed).toEqual([]);
  });
});
