// Detects a file's encoding and decodes it: UTF-8 (with or without BOM), UTF-16 with or without BOM,
// GB18030/GBK and Big5. Rejects binary and empty input with a reason a user can act on.
import jschardet from 'jschardet';
import commonHanzi from './data/common-hanzi.json' with { type: 'json' };

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';

export type DecodeResult = { ok: true; text: string; encoding: Encoding } | { ok: false; reason: string };

const COMMON = new Set([...commonHanzi.simplified, ...commonHanzi.traditional]);

export function decodeBytes(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return finish(new TextDecoder('utf-16le').decode(bytes.subarray(2)), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return finish(new TextDecoder('utf-16be').decode(bytes.subarray(2)), 'utf-16be');
  for (const utf16 of bomlessUtf16(bytes)) {
    const decoded = finish(new TextDecoder(utf16).decode(bytes), utf16);
    if (decoded.ok && plausibleText(decoded.text)) return decoded;
  }
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (looksBinary(body)) return { ok: false, reason: 'binary content (NUL or control bytes), not a text document' };
  try {
    return finish(new TextDecoder('utf-8', { fatal: true }).decode(body), 'utf-8');
  } catch {
    // not UTF-8: Chinese government files often come in GBK (a subset of GB18030), Taiwan and Hong Kong ones in Big5
  }
  const legacy = decodeLegacyChinese(body);
  if (!legacy) return { ok: false, reason: 'undecodable text: neither UTF-8, UTF-16, GB18030/GBK nor Big5' };
  return finish(legacy.text, legacy.encoding);
}

/**
 * UTF-16 without a BOM: the ASCII characters every text has (line breaks, digits, spaces) leave a zero
 * byte in their code unit, on the odd side for LE and the even side for BE. Binary files also have zero
 * bytes, so a candidate is kept only when the decoded text reads as text (see plausibleText).
 */
function bomlessUtf16(bytes: Uint8Array): ('utf-16le' | 'utf-16be')[] {
  const sample = bytes.subarray(0, Math.min(bytes.length, 8192) & ~1);
  if (sample.length < 4) return [];
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) i % 2 ? oddZeros++ : evenZeros++;
  // a CJK character's own byte is zero now and then (一 is U+4E00): the likelier order is tried first
  if (oddZeros + evenZeros === 0) return [];
  return oddZeros >= evenZeros ? ['utf-16le', 'utf-16be'] : ['utf-16be', 'utf-16le'];
}

/** Decoded UTF-16 is text when its Chinese characters are mostly common ones, or it has none and reads as Latin text. */
function plausibleText(text: string): boolean {
  if (/[\u3400-\u9fff]/.test(text)) return commonShare(text) >= 0.3;
  return /^[\t\n\r\x20-\x7e\u00a0-\u024f\u2000-\u206f\u3000-\u303f\uff00-\uffef]*$/.test(text.slice(0, 4096));
}

/**
 * GB18030 decodes almost any byte sequence, Big5 bytes included (into rare characters), so "it decodes"
 * does not decide between them: the decoding whose Chinese characters are mostly common ones wins, and
 * jschardet's guess breaks ties.
 */
function decodeLegacyChinese(bytes: Uint8Array): { text: string; encoding: 'gb18030' | 'big5' } | null {
  const candidates: { text: string; encoding: 'gb18030' | 'big5'; score: number }[] = [];
  for (const encoding of ['gb18030', 'big5'] as const) {
    try {
      const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
      candidates.push({ text, encoding, score: commonShare(text) });
    } catch {
      // not this encoding
    }
  }
  if (!candidates.length) return null;
  if (candidates.length === 1) return candidates[0];
  const [gb, big5] = candidates;
  if (Math.abs(gb.score - big5.score) > 0.05) return gb.score > big5.score ? gb : big5;
  const guess = jschardet.detect(Buffer.from(bytes.subarray(0, 65536))).encoding?.toLowerCase() ?? '';
  return /big5|euc-tw/.test(guess) ? big5 : gb;
}

/** Share of the Chinese characters in `text` that are among the most frequent ones. */
function commonShare(text: string): number {
  let han = 0;
  let common = 0;
  for (const char of text.slice(0, 20000)) {
    if (!/[\u3400-\u9fff\uf900-\ufaff]/.test(char)) continue;
    han++;
    if (COMMON.has(char)) common++;
  }
  return han ? common / han : 0;
}

function finish(text: string, encoding: Encoding): DecodeResult {
  if (text.trim().length === 0) return { ok: false, reason: 'empty file (only whitespace)' };
  if (encoding !== 'utf-8' && /[\u0000-\u0008\u000e-\u001f]/.test(text.slice(0, 4096))) {
    return { ok: false, reason: 'binary content (control characters), not a text document' };
  }
  const replacement = (text.match(/\uFFFD/g) ?? []).length;
  if (replacement > text.length / 100) return { ok: false, reason: `undecodable text (${replacement} invalid characters)` };
  return { ok: true, text, encoding };
}

/** NUL bytes or many control bytes in the first 8 KiB mean binary (images, archives, office files). */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20)) control++;
  }
  return control > sample.length / 50;
}
