// Bytes to text, strictly: a manifest with invalid UTF-8 is a finding with the position of the
// first bad byte, never silently mangled into U+FFFD.

import type { SourcePosition } from '../types.js';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export type Decoded = { text: string } | (SourcePosition & { error: string });

export function decodeText(input: string | Uint8Array): Decoded {
  if (typeof input === 'string') return { text: input.charCodeAt(0) === 0xfeff ? input.slice(1) : input };
  try {
    return { text: decoder.decode(input) };
  } catch {
    const offset = firstInvalidUtf8(input);
    const before = decoder.decode(input.subarray(0, offset));
    const lines = before.split('\n');
    return {
      line: lines.length,
      column: lines[lines.length - 1]!.length + 1,
      error: `invalid UTF-8: byte 0x${input[offset]!.toString(16).padStart(2, '0')} at offset ${offset} (manifests must be UTF-8 text)`,
    };
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    try {
      decoder.decode(bytes.subarray(i, i + length));
    } catch {
      return i;
    }
    i += length;
  }
  return bytes.length;
}
