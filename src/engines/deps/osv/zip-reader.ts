/**
 * @module Reads JSON entries from a zip archive one at a time with bounded memory. yauzl parses
 * the central directory (zip64 included: OSV's npm export has more than 65,535 entries); entry
 * data is read with synchronous positioned reads and inflated with a hard output cap, which is
 * both much faster than one stream per entry and the zip-bomb guard: nothing inflates past the
 * size the entry declared, and that size is checked against the caller's limit first.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import { crc32, inflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';

/**
 * Positioned reads through a 1 MiB read-ahead window: the central directory and the entries are
 * laid out in order, so most of the many small reads (46-byte headers) never reach the kernel.
 */
class WindowedFile {
  private window = Buffer.alloc(0);
  private windowStart = 0;

  constructor(readonly fd: number) {}

  readInto(buffer: Buffer, offset: number, length: number, position: number): void {
    if (position < this.windowStart || position + length > this.windowStart + this.window.length) {
      const size = Math.max(length, 1024 * 1024);
      if (this.window.length < size) this.window = Buffer.alloc(size);
      const got = readSync(this.fd, this.window, 0, size, position);
      this.window = got < this.window.length ? this.window.subarray(0, got) : this.window;
      this.windowStart = position;
      if (got < length) throw new Error(`unexpected end of archive at byte ${position + got}`);
    }
    this.window.copy(
      buffer,
      offset,
      position - this.windowStart,
      position - this.windowStart + length,
    );
  }
}

/** Serves yauzl's reads synchronously: no thread-pool round trip per entry. */
class SyncFileReader extends yauzl.RandomAccessReader {
  constructor(private readonly file: WindowedFile) {
    super();
  }

  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (err: Error | null) => void,
  ): void {
    try {
      this.file.readInto(buffer, offset, length, position);
    } catch (error) {
      callback(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    callback(null);
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const buffer = Buffer.alloc(end - start);
    this.file.readInto(buffer, 0, buffer.length, start);
    return new PassThrough().end(buffer);
  }

  override close(callback: (err: Error | null) => void): void {
    closeSync(this.file.fd);
    callback(null);
  }
}

export type EntryData =
  { ok: true; text: string } | { ok: false; reason: 'oversized' | 'malformed'; message: string };

export interface ZipArchive {
  /** The next file entry (folders skipped), or null at the end. */
  next(): Promise<yauzl.Entry | null>;
  /** The entry's text; never inflates past `cap` bytes or past what the entry declared. */
  read(entry: yauzl.Entry, cap: number): EntryData;
  close(): void;
}

export async function openZip(path: string): Promise<ZipArchive> {
  const fd = openSync(path, 'r');
  // Two windows: the central directory (at the end) and the entry data (from the start) are
  // each read in order, but alternately; one window would thrash between them.
  const file = new WindowedFile(fd);
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromRandomAccessReaderPromise(
      new SyncFileReader(new WindowedFile(fd)),
      fstatSync(fd).size,
      { lazyEntries: true, autoClose: false, strictFileNames: false },
    );
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  const header = Buffer.alloc(30);
  return {
    async next() {
      for (;;) {
        const entry = await new Promise<yauzl.Entry | null>((resolve, reject) => {
          const cleanUp = (): void =>
            void zip
              .removeAllListeners('entry')
              .removeAllListeners('end')
              .removeAllListeners('error');
          zip.once('entry', (e: yauzl.Entry) => (cleanUp(), resolve(e)));
          zip.once('end', () => (cleanUp(), resolve(null)));
          zip.once('error', (e: Error) => (cleanUp(), reject(e)));
          zip.readEntry();
        });
        if (!entry || !entry.fileName.endsWith('/')) return entry;
      }
    },
    read(entry, cap) {
      if (entry.uncompressedSize > cap)
        return {
          ok: false,
          reason: 'oversized',
          message: `${entry.uncompressedSize} bytes is over the ${cap}-byte record limit`,
        };
      if (entry.isEncrypted())
        return { ok: false, reason: 'malformed', message: 'encrypted entry' };
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
        return {
          ok: false,
          reason: 'malformed',
          message: `compression method ${entry.compressionMethod}`,
        };
      // Deflate never grows data by more than a few bytes per block: a larger body is hostile.
      if (entry.compressedSize > entry.uncompressedSize + 1024 + entry.uncompressedSize / 100)
        return { ok: false, reason: 'malformed', message: 'compressed size larger than the data' };
      file.readInto(header, 0, 30, entry.relativeOffsetOfLocalHeader);
      if (header.readUInt32LE(0) !== 0x04034b50)
        return { ok: false, reason: 'malformed', message: 'bad local header' };
      const start =
        entry.relativeOffsetOfLocalHeader + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
      const raw = Buffer.alloc(entry.compressedSize);
      file.readInto(raw, 0, raw.length, start);
      let data: Buffer;
      try {
        data =
          entry.compressionMethod === 0
            ? raw
            : inflateRawSync(raw, { maxOutputLength: entry.uncompressedSize + 1 });
      } catch (error) {
        const isTooLarge = error instanceof RangeError;
        return {
          ok: false,
          reason: isTooLarge ? 'oversized' : 'malformed',
          message: isTooLarge ? 'inflates past its declared size' : 'corrupt deflate data',
        };
      }
      if (data.length !== entry.uncompressedSize)
        return { ok: false, reason: 'malformed', message: 'size differs from the declared size' };
      if (crc32(data) !== entry.crc32)
        return { ok: false, reason: 'malformed', message: 'CRC mismatch' };
      return { ok: true, text: data.toString('utf8') };
    },
    close() {
      zip.close();
    },
  };
}
