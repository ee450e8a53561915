/**
 * @module A minimal zip writer for tests (stored or deflated entries, no zip64), so importer
 * tests can build real archives, including lying or oversized ones, without fixture files.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  data: Buffer | string;
  /** Overrides the uncompressed size written in the headers, to build archives that lie. */
  declaredSize?: number;
}

export function buildZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const raw = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data);
    const compressed = deflateRawSync(raw);
    const name = Buffer.from(entry.name);
    const size = entry.declaredSize ?? raw.length;
    const header = (signature: number, central: boolean): Buffer => {
      const buf = Buffer.alloc(central ? 46 : 30);
      buf.writeUInt32LE(signature, 0);
      let p = 4;
      if (central) {
        buf.writeUInt16LE(20, p);
        p += 2;
      }
      buf.writeUInt16LE(20, p); // version needed
      buf.writeUInt16LE(0x0800, p + 2); // UTF-8 names
      buf.writeUInt16LE(8, p + 4); // deflate
      buf.writeUInt32LE(0, p + 6); // time and date
      buf.writeUInt32LE(crc32(raw), p + 10);
      buf.writeUInt32LE(compressed.length, p + 14);
      buf.writeUInt32LE(size, p + 18);
      buf.writeUInt16LE(name.length, p + 22);
      if (central) buf.writeUInt32LE(offset, 42);
      return buf;
    };
    const local = Buffer.concat([header(0x04034b50, false), name, compressed]);
    centrals.push(Buffer.concat([header(0x02014b50, true), name]));
    locals.push(local);
    offset += local.length;
  }
  const central = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(central.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, central, end]);
}
