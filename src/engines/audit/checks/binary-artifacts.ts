/** @module Check: no compiled binaries or archives committed (executables, libraries, jars, bytecode). */
import type { CheckDefinition } from './check-types.ts';
import { clampScore } from './check-types.ts';

const EXECUTABLE =
  /\.(exe|dll|so|dylib|jar|war|ear|class|pyc|pyo|o|obj|a|lib|bin|apk|aab|ipa|msi|deb|rpm|elf|wasm|node)$/i;

export const binaryArtifacts: CheckDefinition = {
  id: 'binary-artifacts',
  title: 'No committed binaries',
  risk: 'high',
  level: 'silver',
  whyItMatters:
    'Compiled files in the repository cannot be reviewed; nobody can tell what they do or whether they match the source, and they bloat every clone.',
  howToFix:
    'Remove compiled files from the repository, build them in CI instead, and add their patterns to .gitignore (use Git LFS or a package registry for assets you must ship).',
  async run(context) {
    const binaries = context.files.filter(
      (file) =>
        EXECUTABLE.test(file.path) &&
        (file.excluded === 'binary' || file.excluded === 'huge' || file.language === null),
    );
    return {
      score: clampScore(10 - binaries.length),
      summary:
        binaries.length === 0
          ? 'No compiled binaries committed.'
          : `${binaries.length} compiled binaries committed.`,
      evidence: binaries.slice(0, 20).map((file) => `${file.path} (${file.bytes} bytes)`),
      findings: binaries.map((file) => ({
        message: `Compiled binary committed: ${file.path}.`,
        path: file.path,
      })),
    };
  },
};
