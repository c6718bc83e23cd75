import { createRequire } from 'node:module';

/** What reading a file's bytes gave: text in a known encoding, or why there is none. */
export type Decoded =
  | { ok: true; text: string; encoding: string; confidence: number | null }
  | { ok: false; byteOffset: number; reason: string; /** How the bytes before the offset read (UTF-8 if unset). */ readAs?: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const require = createRequire(import.meta.url);

/** Chinese legacy encodings a detector may name, and the decoder that reads them (GB18030 ⊃ GBK ⊃ GB2312). */
const CHINESE_ENCODINGS: Record<string, string> = { gb18030: 'gb18030', gb2312: 'gb18030', gbk: 'gb18030', big5: 'big5', 'euc-tw': 'big5' };

/**
 * Decodes a procedure file: a BOM decides (UTF-8, UTF-16 LE/BE); otherwise strict UTF-8; otherwise a
 * detector (jschardet) may recognise GB18030/GBK or Big5, decoded with iconv-lite and accepted only if
 * every byte decodes. Anything else is refused with the offset of the first byte that is not UTF-8,
 * rather than guessed into mojibake.
 */
export function decodeText(bytes: Uint8Array, forcedEncoding?: string): Decoded {
  if (forcedEncoding) return decodeForced(bytes, forcedEncoding);
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return decodeUtf8(bytes.subarray(3), 'utf-8 (BOM)', 3);
  if (startsWith(bytes, [0xff, 0xfe])) return decodeUtf16(bytes, 'utf-16le');
  if (startsWith(bytes, [0xfe, 0xff])) return decodeUtf16(bytes, 'utf-16be');
  const nul = bytes.indexOf(0);
  if (nul !== -1) return { ok: false, byteOffset: nul, reason: 'binary file (NUL byte)' };
  const asUtf8 = decodeUtf8(bytes, 'utf-8', 0);
  if (asUtf8.ok) return asUtf8;
  const jschardet = require('jschardet') as typeof import('jschardet');
  const detected = jschardet.detect(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const decoder = CHINESE_ENCODINGS[(detected.encoding ?? '').toLowerCase()];
  if (decoder) {
    const decoded = decodeWith(bytes, decoder, detected.encoding ?? decoder, detected.confidence);
    if (decoded.ok) return decoded;
  }
  const guess = detected.encoding ? `; it looks like ${detected.encoding}, use --encoding to say which` : '';
  return { ok: false, byteOffset: asUtf8.byteOffset, reason: `not valid UTF-8${guess}` };
}

/** Whether --encoding names something iconv-lite can decode. */
export function encodingExists(name: string): boolean {
  return isUtf8(name) || (require('iconv-lite') as typeof import('iconv-lite')).encodingExists(name);
}

function decodeForced(bytes: Uint8Array, encoding: string): Decoded {
  if (isUtf8(encoding)) {
    const bom = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
    return decodeUtf8(bytes.subarray(bom), 'utf-8', bom);
  }
  const decoded = decodeWith(bytes, encoding, encoding, null);
  return decoded.ok ? decoded : { ...decoded, readAs: encoding };
}

function isUtf8(encoding: string): boolean {
  return /^utf-?8$/i.test(encoding);
}

function decodeUtf8(bytes: Uint8Array, label: string, skipped: number): Decoded {
  try {
    return { ok: true, text: utf8.decode(bytes), encoding: label, confidence: null };
  } catch {
    return { ok: false, byteOffset: skipped + firstInvalidUtf8Byte(bytes), reason: 'not valid UTF-8' };
  }
}

/** UTF-16 after its BOM: two bytes a unit, so an odd length means a cut-off last character. */
function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): Decoded {
  if (bytes.length % 2 !== 0) {
    return { ok: false, byteOffset: bytes.length - 1, reason: `a ${encoding} file cut in the middle of a character`, readAs: encoding };
  }
  const decoded = decodeWith(bytes.subarray(2), encoding, `${encoding} (BOM)`, null);
  return decoded.ok ? decoded : { ...decoded, byteOffset: decoded.byteOffset + 2, readAs: encoding };
}

/**
 * iconv-lite replaces undecodable bytes with U+FFFD. When the text holds one, the bytes are accepted
 * only if encoding the text again gives them back (the file really contained U+FFFD).
 */
function decodeWith(bytes: Uint8Array, decoder: string, label: string, confidence: number | null): Decoded {
  const iconv = require('iconv-lite') as typeof import('iconv-lite');
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = iconv.decode(input, decoder);
  const bad = text.indexOf('\ufffd');
  if (bad !== -1 && !iconv.encode(text, decoder).equals(input)) {
    const byteOffset = iconv.encode(text.slice(0, bad), decoder).length;
    return { ok: false, byteOffset, reason: `bytes that are not ${label}` };
  }
  return { ok: true, text, encoding: label, confidence };
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence. */
function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    }
    // Overlong forms and surrogates, which the decoder also refuses.
    if ((lead === 0xe0 && bytes[i + 1] < 0xa0) || (lead === 0xed && bytes[i + 1] > 0x9f) ||
      (lead === 0xf0 && bytes[i + 1] < 0x90) || (lead === 0xf4 && bytes[i + 1] > 0x8f)) return i;
    i += length;
  }
  return bytes.length;
}
