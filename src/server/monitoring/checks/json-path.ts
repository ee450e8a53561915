/** @module A small JSON path ($.a.b[0].c) and the assertions a monitor makes on it. */
import type { z } from 'zod';
import type { jsonAssertion } from '../../../shared/monitoring.ts';

type JsonAssertion = z.output<typeof jsonAssertion>;

export function readJsonPath(json: unknown, path: string): { found: boolean; value?: unknown } {
  const steps = [...path.slice(1).matchAll(/\.([^.[\]]+)|\[(\d+)\]/g)];
  let current: unknown = json;
  for (const [, key, index] of steps) {
    if (current === null || typeof current !== 'object') return { found: false };
    const k = key ?? Number(index);
    if (Array.isArray(current) ? typeof k !== 'number' : typeof k !== 'string')
      return { found: false };
    if (!Object.prototype.hasOwnProperty.call(current, k)) return { found: false };
    current = (current as Record<string | number, unknown>)[k];
  }
  return { found: true, value: current };
}

/** Null when the assertion holds; otherwise a sentence saying why not. */
export function evaluateJsonPath(json: unknown, assertion: JsonAssertion): string | null {
  const { found, value } = readJsonPath(json, assertion.path);
  const shown = JSON.stringify(value)?.slice(0, 100) ?? 'nothing';
  const expected = JSON.stringify(assertion.value ?? null);
  if (assertion.op === 'exists') return found ? null : `${assertion.path} is missing`;
  if (!found) return `${assertion.path} is missing`;
  switch (assertion.op) {
    case 'equals':
      return value === assertion.value
        ? null
        : `${assertion.path} is ${shown}, expected ${expected}`;
    case 'not-equals':
      return value !== assertion.value ? null : `${assertion.path} is ${shown}`;
    case 'contains':
      return (typeof value === 'string' && value.includes(String(assertion.value))) ||
        (Array.isArray(value) && value.includes(assertion.value))
        ? null
        : `${assertion.path} (${shown}) does not contain ${expected}`;
    case 'less-than':
      return typeof value === 'number' && value < Number(assertion.value)
        ? null
        : `${assertion.path} is ${shown}, expected below ${expected}`;
    case 'greater-than':
      return typeof value === 'number' && value > Number(assertion.value)
        ? null
        : `${assertion.path} is ${shown}, expected above ${expected}`;
  }
}
