/** Returns the path of the bundled CLI entry (dist/server/main.js), building it first when needed. */
export function ensureServerBuilt(): Promise<string>;
