// Detects a file's encoding and decodes it: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK.
// Rejects binary and empty input with a reason a user can act on.

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export type DecodeResult = { ok: true; text: string; encoding: Encoding } | { ok: false; reason: string };

export function decodeBytes(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return finish(new TextDecoder('utf-16le').decode(bytes.subarray(2)), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return finish(new TextDecoder('utf-16be').decode(bytes.subarray(2)), 'utf-16be');
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (looksBinary(body)) return { ok: false, reason: 'binary content (NUL or control bytes), not a text document' };
  try {
    return finish(new TextDecoder('utf-8', { fatal: true }).decode(body), 'utf-8');
  } catch {
    // not UTF-8: Chinese government files often come in GBK, a subset of GB18030
  }
  try {
    return finish(new TextDecoder('gb18030', { fatal: true }).decode(body), 'gb18030');
  } catch {
    return { ok: false, reason: 'undecodable text: neither UTF-8, UTF-16 with BOM nor GB18030/GBK' };
  }
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
