/** Builds the web app into dist/web when its sources changed since the last build. */
export function ensureWebBuilt(): void;
