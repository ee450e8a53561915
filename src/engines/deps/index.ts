/** @module Public surface of the dependency engine, for the CLI and the server's jobs. */
export { scanFolder, type ScanOptions, type ScanReport } from './scan.ts';
export { buildInventory, inventoryOf, type Inventory, type LockfileSummary } from './inventory.ts';
export { matchInventory } from './match.ts';
export {
  MemoryAdvisoryStore,
  type AdvisoryStore,
  type AdvisoryWriter,
  type AdvisorySource,
  type UpsertOutcome,
} from './osv/advisory-store.ts';
export {
  defaultBatchSize,
  importOsv,
  importIntoStore,
  type ImportOptions,
  type ImportStats,
} from './osv/import.ts';
export { defaultImportLimits, type ImportLimits } from './osv/import-limits.ts';
export {
  fetchAdvisoriesOnline,
  osvApiUrl,
  type OnlineOptions,
  type OnlineStats,
} from './osv/online.ts';
export type { OsvRecord } from './osv/osv-types.ts';
export { lockfileParsers } from './lockfiles/registry.ts';
export { toTextReport } from './report/text.ts';
export { toJsonReport } from './report/json.ts';
export { toSarifReport } from './report/sarif.ts';
export { toCycloneDx } from './report/cyclonedx.ts';
export type { Ecosystem, Finding, InventoryPackage, LockfileError, Severity } from './types.ts';
