/** @module What to do about a leaked secret, in the order that limits the damage. */

export const REMEDIATION_STEPS = [
  'Revoke and rotate each blocking secret first, at the provider: removing it from the code does not un-leak it.',
  'Replace it in code with a reference to a secret store or an environment variable, and redeploy.',
  'Then clean history (git filter-repo --replace-text, or BFG), force-push every branch and tag, and ask collaborators to re-clone.',
  'Accept a finding you have judged safe with an inline `keel:allow` comment or a baseline file (--write-baseline).',
];

export const FOUNDER_NOTE =
  'A credential in the code lets anyone with a copy of the repository act as your company on that service. Rotating it closes the door; cleaning history only tidies up.';
