/** @module The ADR engine: read MADR 2/3/4 and Nygard files, write MADR 4. No server, no database. */
export { parseAdr, numberFromPath } from './parse.ts';
export { exportAdr, adrFileName } from './export.ts';
export { parseAdrFiles, isAdrPath, type FolderResult } from './folder.ts';
export { referenceNumber } from './references.ts';
export * from './types.ts';
