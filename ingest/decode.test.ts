import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from './decode.js';

const fixture = (name: string) => readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url));

describe('decodeBytes', () => {
  it.each([
    ['gbk-policy.txt', 'gb18030'],
    ['utf16le-policy.txt', 'utf-16le'],
    ['utf16be-policy.txt', 'utf-16be'],
  ])('decodes %s as %s', (name, encoding) => {
    const result = decodeBytes(fixture(name));
    expect(result.ok && result.encoding).toBe(encoding);
    expect(result.ok && result.text).toContain('（某政〔2019〕5号）');
    expect(result.ok && result.text).toContain('省通信管理局牵头负责');
  });

  it('tells Big5 from GB18030 (GB18030 also decodes Big5 bytes, into rare characters) and reads BOM-less UTF-16', () => {
    const big5 = decodeBytes(fixture('formats/big5-policy.txt'));
    expect(big5.ok && big5.encoding).toBe('big5');
    expect(big5.ok && big5.text).toContain('臺北市政府關於推動數位服務發展的實施意見');
    const le = decodeBytes(fixture('formats/utf16le-nobom-policy.txt'));
    expect(le.ok && le.encoding).toBe('utf-16le');
    expect(le.ok && le.text).toContain('某政〔2022〕8号');
    const be = Buffer.from(fixture('formats/utf16le-nobom-policy.txt'));
    be.swap16();
    const decodedBe = decodeBytes(be);
    expect(decodedBe.ok && decodedBe.encoding).toBe('utf-16be');
    expect(decodedBe.ok && decodedBe.text).toBe(le.ok && le.text);
  });

  it('does not take binary with zero bytes for BOM-less UTF-16', () => {
    const noise = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256);
    expect(decodeBytes(noise)).toEqual({ ok: false, reason: expect.stringContaining('binary') });
  });

  it('decodes UTF-8 with and without a BOM to the same text', () => {
    const plain = new TextEncoder().encode('一、总体要求');
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...plain]);
    expect(decodeBytes(plain)).toEqual({ ok: true, text: '一、总体要求', encoding: 'utf-8' });
    expect(decodeBytes(withBom)).toEqual({ ok: true, text: '一、总体要求', encoding: 'utf-8' });
  });

  it('rejects binary, empty and whitespace-only input with a reason', () => {
    const binary = decodeBytes(fixture('binary.txt'));
    expect(binary).toEqual({ ok: false, reason: expect.stringContaining('binary') });
    expect(decodeBytes(fixture('empty.txt'))).toEqual({ ok: false, reason: 'empty file' });
    expect(decodeBytes(new TextEncoder().encode(' \n\u3000\n'))).toEqual({ ok: false, reason: expect.stringContaining('empty') });
  });
});
