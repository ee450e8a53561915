/**
 * @module Size limits for advisory imports. OSV records are a few KiB (the largest real ones,
 * with thousands of listed versions, stay under 1 MiB), so anything far above is hostile or
 * broken; the total cap stops a zip bomb that declares many modest entries.
 */
export interface ImportLimits {
  /** Largest single record, uncompressed. */
  maxRecordBytes: number;
  /** Largest sum of uncompressed record sizes in one import. */
  maxTotalBytes: number;
  /** Most entries read from one archive or folder. */
  maxEntries: number;
}

export const defaultImportLimits: ImportLimits = {
  maxRecordBytes: 4 * 1024 * 1024,
  maxTotalBytes: 8 * 1024 * 1024 * 1024,
  maxEntries: 2_000_000,
};
