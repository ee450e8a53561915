/** @module Check: no `.env` files with real configuration committed (templates such as .env.example are fine). */
import type { CheckDefinition } from './check-types.ts';

const ENV_FILE = /(^|\/)\.env(\.[\w-]+)?$/;
const TEMPLATE = /\.(example|sample|template|dist|defaults?|schema|test|ci)$/i;

export const envFiles: CheckDefinition = {
  id: 'env-files',
  title: 'No committed .env files',
  risk: 'critical',
  level: 'bronze',
  whyItMatters:
    '.env files usually hold passwords and API keys; once committed, everyone with access to the code, now or later, has them.',
  howToFix:
    'Delete the file from the repository, add `.env*` (but not `.env.example`) to .gitignore, rotate every secret it held, and purge it from history if the repository was ever shared.',
  async run(context) {
    const found = [...context.paths]
      .filter((path) => ENV_FILE.test(path) && !TEMPLATE.test(path))
      .sort();
    return {
      score: found.length === 0 ? 10 : 0,
      summary:
        found.length === 0 ? 'No .env files committed.' : `${found.length} .env files in the tree.`,
      evidence: found,
      findings: found.map((path) => ({
        message: `Environment file ${path} is in the repository.`,
        path,
      })),
    };
  },
};
