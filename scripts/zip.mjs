// Minimal ZIP reader: walks the central directory and inflates the entries asked for.
// Handles stored (0) and deflated (8) entries, which is all the archives we read use (the helm
// layer archives of scripts/fetch-helm.mjs, Go module zips of the validator's CRD embedding).
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

function readAt(fd, position, length) {
  const buf = Buffer.alloc(length);
  readSync(fd, buf, 0, length, position);
  return buf;
}

/** The entries whose names `wanted` accepts, as name → bytes, in archive order. */
export function readZipEntries(zipPath, wanted) {
  const fd = openSync(zipPath, 'r');
  try {
    const size = fstatSync(fd).size;
    const tailLength = Math.min(size, 65_557);
    const tail = readAt(fd, size - tailLength, tailLength);
    const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0) throw new Error(`${zipPath}: not a zip archive (no end-of-central-directory record)`);
    const entries = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    const cd = readAt(fd, cdOffset, cdSize);
    const found = new Map();
    let p = 0;
    for (let i = 0; i < entries; i++) {
      if (cd.readUInt32LE(p) !== 0x02014b50) throw new Error(`${zipPath}: corrupt central directory`);
      const method = cd.readUInt16LE(p + 10);
      const compressedSize = cd.readUInt32LE(p + 20);
      const nameLength = cd.readUInt16LE(p + 28);
      const extraLength = cd.readUInt16LE(p + 30);
      const commentLength = cd.readUInt16LE(p + 32);
      const localOffset = cd.readUInt32LE(p + 42);
      const name = cd.toString('utf8', p + 46, p + 46 + nameLength);
      p += 46 + nameLength + extraLength + commentLength;
      if (!wanted(name)) continue;
      const local = readAt(fd, localOffset, 30);
      const dataStart = localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      const data = readAt(fd, dataStart, compressedSize);
      if (method === 0) found.set(name, data);
      else if (method === 8) found.set(name, inflateRawSync(data));
      else throw new Error(`${zipPath}: ${name} uses unsupported compression method ${method}`);
    }
    return found;
  } finally {
    closeSync(fd);
  }
}

/** One entry's bytes; an error when the archive has no such entry. */
export function extractZipEntry(zipPath, entryName) {
  const data = readZipEntries(zipPath, (name) => name === entryName).get(entryName);
  if (!data) throw new Error(`${zipPath}: no entry ${entryName}`);
  return data;
}
