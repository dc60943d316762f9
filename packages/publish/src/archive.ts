// A byte-reproducible .tar.gz: entries sorted by path, regular files only, mode 0644, uid/gid 0,
// empty user and group names, one fixed modification time, and a gzip header with no name, no
// timestamp and OS "unknown" — nothing of the host that made it. Plus the reader the index and the
// checks use to look inside chart archives.
import { deflateRawSync, gunzipSync } from 'node:zlib';

export interface ArchiveEntry {
  /** Path inside the archive, forward slashes, no leading slash. */
  path: string;
  data: Uint8Array;
  /** Modification time in seconds since the epoch (read from archives; ignored when writing). */
  mtime?: number;
}

const BLOCK = 512;
/** Charts are small; anything that inflates past this is refused rather than read into memory. */
export const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;

function writeString(block: Buffer, offset: number, length: number, text: string): void {
  block.write(text, offset, Math.min(length, Buffer.byteLength(text)), 'utf8');
}

function writeOctal(block: Buffer, offset: number, length: number, value: number): void {
  writeString(block, offset, length, `${value.toString(8).padStart(length - 1, '0')}\0`);
}

function isAscii(text: string): boolean {
  return /^[\x20-\x7e]*$/.test(text);
}

/** ustar splits a long path into prefix (≤155 bytes) and name (≤100 bytes) at a slash. */
function splitUstarPath(path: string): { prefix: string; name: string } | undefined {
  if (!isAscii(path)) return undefined;
  if (path.length <= 100) return { prefix: '', name: path };
  for (let i = path.length - 1; i > 0; i--) {
    if (path[i] !== '/') continue;
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (prefix.length <= 155 && name.length <= 100 && name.length > 0) return { prefix, name };
  }
  return undefined;
}

function header(name: string, prefix: string, size: number, mtime: number, type: string): Buffer {
  const block = Buffer.alloc(BLOCK);
  writeString(block, 0, 100, name);
  writeOctal(block, 100, 8, 0o644);
  writeOctal(block, 108, 8, 0);
  writeOctal(block, 116, 8, 0);
  writeOctal(block, 124, 12, size);
  writeOctal(block, 136, 12, mtime);
  block.fill(0x20, 148, 156);
  writeString(block, 156, 1, type);
  writeString(block, 257, 6, 'ustar\0');
  writeString(block, 263, 2, '00');
  writeString(block, 345, 155, prefix);
  let sum = 0;
  for (const byte of block) sum += byte;
  writeString(block, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return block;
}

function padding(size: number): Buffer {
  const rest = size % BLOCK;
  return Buffer.alloc(rest === 0 ? 0 : BLOCK - rest);
}

/** A PAX extended header carrying a path ustar cannot hold (too long, or not ASCII). */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(body) + 1;
  while (Buffer.byteLength(`${length}${body}`) !== length) length++;
  return `${length}${body}`;
}

/** The tar stream for the entries, sorted by path. */
export function createTar(entries: readonly ArchiveEntry[], mtime: number): Buffer {
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const parts: Buffer[] = [];
  for (const entry of sorted) {
    const split = splitUstarPath(entry.path);
    if (split) {
      parts.push(header(split.name, split.prefix, entry.data.length, mtime, '0'));
    } else {
      const pax = Buffer.from(paxRecord('path', entry.path), 'utf8');
      const base = entry.path.slice(entry.path.lastIndexOf('/') + 1);
      const shortName = `PaxHeaders/${isAscii(base) ? base : 'entry'}`.slice(0, 100);
      parts.push(header(shortName, '', pax.length, mtime, 'x'), pax, padding(pax.length));
      parts.push(header(shortName, '', entry.data.length, mtime, '0'));
    }
    parts.push(Buffer.from(entry.data.buffer, entry.data.byteOffset, entry.data.byteLength), padding(entry.data.length));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

let crcTable: Uint32Array | undefined;

export function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of data) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** gzip with a fixed header (no file name, mtime 0, maximum compression, OS unknown). */
export function gzipDeterministic(data: Uint8Array): Buffer {
  const head = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x02, 0xff]);
  const body = deflateRawSync(data, { level: 9, memLevel: 9, windowBits: 15, strategy: 0 });
  const tail = Buffer.alloc(8);
  tail.writeUInt32LE(crc32(data), 0);
  tail.writeUInt32LE(data.length % 2 ** 32, 4);
  return Buffer.concat([head, body, tail]);
}

function readString(block: Buffer, offset: number, length: number): string {
  const end = block.indexOf(0, offset);
  return block.toString('utf8', offset, end < 0 || end > offset + length ? offset + length : end);
}

function readOctal(block: Buffer, offset: number, length: number): number {
  const text = readString(block, offset, length).trim();
  return text === '' ? 0 : parseInt(text, 8);
}

function parsePax(data: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  let offset = 0;
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset);
    if (space < 0) break;
    const length = Number(data.toString('utf8', offset, space));
    if (!Number.isInteger(length) || length <= 0) break;
    const record = data.toString('utf8', space + 1, offset + length - 1);
    const equals = record.indexOf('=');
    if (equals > 0) records.set(record.slice(0, equals), record.slice(equals + 1));
    offset += length;
  }
  return records;
}

/** Regular files of a .tgz (or plain .tar); throws with a reason when it is not one. */
export function readTarGz(archive: Uint8Array): ArchiveEntry[] {
  let tar: Buffer;
  try {
    const isGzip = archive[0] === 0x1f && archive[1] === 0x8b;
    tar = isGzip ? gunzipSync(archive, { maxOutputLength: MAX_UNPACKED_BYTES }) : Buffer.from(archive);
  } catch (error) {
    throw new Error(`not a gzip archive, or larger than ${MAX_UNPACKED_BYTES} bytes unpacked: ${(error as Error).message}`);
  }
  const entries: ArchiveEntry[] = [];
  let offset = 0;
  let pendingPath: string | undefined;
  while (offset + BLOCK <= tar.length) {
    const block = tar.subarray(offset, offset + BLOCK);
    if (block.every((byte) => byte === 0)) break;
    const size = readOctal(block, 124, 12);
    const type = String.fromCharCode(block[156] || 0x30);
    const dataStart = offset + BLOCK;
    const data = tar.subarray(dataStart, dataStart + size);
    if (data.length !== size) throw new Error('truncated tar archive');
    offset = dataStart + size + ((BLOCK - (size % BLOCK)) % BLOCK);
    if (type === 'x') {
      pendingPath = parsePax(data).get('path') ?? pendingPath;
      continue;
    }
    if (type === 'L') {
      pendingPath = data.toString('utf8').replace(/\0+$/, '');
      continue;
    }
    const prefix = readString(block, 345, 155);
    const name = readString(block, 0, 100);
    const path = pendingPath ?? (prefix ? `${prefix}/${name}` : name);
    pendingPath = undefined;
    if (type === '0' || type === '\0' || type === '7') {
      // Helm refuses these too ("chart illegally contains content outside the base directory").
      if (path.startsWith('/') || path.split('/').includes('..')) throw new Error(`entry "${path}" points outside the chart`);
      entries.push({ path: path.replace(/^\.\//, ''), data: new Uint8Array(data), mtime: readOctal(block, 136, 12) });
    }
  }
  return entries;
}
