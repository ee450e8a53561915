/**
 * @module The dependency scan pipeline: inventory → match → report data. Reads only the local
 * folder and the advisory store given to it; it never touches the network.
 */
import { stat } from 'node:fs/promises';
import { buildInventory, type Inventory, type LockfileSummary } from './inventory.ts';
import { matchInventory } from './match.ts';
import type { AdvisorySource, AdvisoryStore } from './osv/advisory-store.ts';
import { err, ok, type Result } from './result.ts';
import type { Finding, InventoryPackage, LockfileError } from './types.ts';

export interface ScanReport {
  root: string;
  scannedAt: string;
  lockfiles: LockfileSummary[];
  errors: LockfileError[];
  packages: InventoryPackage[];
  findings: Finding[];
  /** Where the advisories came from; empty when the scan ran without an advisory database. */
  advisorySources: AdvisorySource[];
}

export interface ScanOptions {
  root: string;
  /** Without a store the scan produces the inventory only. */
  store?: AdvisoryStore;
  /** An inventory of `root` already built (the online mode needs it before the store). */
  inventory?: Inventory;
  now?: Date;
}

const severityOrder = ['critical', 'high', 'medium', 'low', 'none', 'unknown'];

export async function scanFolder(options: ScanOptions): Promise<Result<ScanReport, string>> {
  const info = await stat(options.root).catch(() => null);
  if (!info?.isDirectory()) return err(`${options.root} is not a readable folder`);
  const inventory = options.inventory ?? (await buildInventory(options.root));
  const findings = options.store ? await matchInventory(inventory.packages, options.store) : [];
  findings.sort(
    (a, b) =>
      severityOrder.indexOf(a.severity.rating) - severityOrder.indexOf(b.severity.rating) ||
      (b.severity.score ?? 0) - (a.severity.score ?? 0) ||
      a.package.localeCompare(b.package) ||
      a.ids[0]!.localeCompare(b.ids[0]!),
  );
  return ok({
    root: options.root,
    scannedAt: (options.now ?? new Date()).toISOString(),
    lockfiles: inventory.lockfiles,
    errors: inventory.errors,
    packages: inventory.packages,
    findings,
    advisorySources: options.store ? [...(await options.store.sources())] : [],
  });
}
