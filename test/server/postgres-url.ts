/** @module Names and URLs of the PostgreSQL test databases, derived from TEST_DATABASE_URL. */
export function testDatabasePrefix(runId: string): string {
  return `keel_test_${runId}_`;
}

export function databaseUrlFor(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
