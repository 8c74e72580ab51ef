// Regression for issue 14: inputs far larger than any real policy must parse, not overflow the stack.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCorpus } from './parse-corpus.js';
import { cleanMapped } from './text.js';
import { joinBrokenParagraphs, splitLines } from './lines.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'pg-linear-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parsing large inputs', () => {
  it('parses a generated file of 130,000 lines into its articles', async () => {
    const lines = ['关于大文件测试的通知', ''];
    for (let i = 1; i <= 130_000; i++) lines.push(i % 10 === 1 ? `${Math.ceil(i / 10)}、第${i}项工作要求` : `各地区要落实第${i}项任务。`);
    const file = path.join(dir, 'big.md');
    writeFileSync(file, lines.join('\n'));
    const corpus = await parseCorpus([file]);
    expect(corpus.batch.documents).toHaveLength(1);
    // every line's text lands in some clause: the last task is found
    expect(corpus.batch.clauses.some((c) => c.text.includes('第130000项任务'))).toBe(true);
  }, 120_000);

  it('cleans a single 1 MB line with its offsets intact', () => {
    const unit = 'ab  cd\u3000中文 x ';
    const raw = unit.repeat(Math.ceil(1_000_000 / unit.length));
    const cleaned = cleanMapped(raw, 5);
    expect(cleaned.text.startsWith('ab cd中文x ab cd中文x')).toBe(true);
    expect(cleaned.offsets).toHaveLength(cleaned.text.length);
    // each kept character maps back to itself in the original
    for (let i = 0; i < cleaned.text.length; i += 9973) if (cleaned.text[i] !== ' ') expect(raw[cleaned.offsets[i] - 5]).toBe(cleaned.text[i]);
  });

  it('joins a long run of page-broken lines into one paragraph with every offset', () => {
    const piece = '各地区各部门要按照统一部署，认真落实各项工作任务，切实加强组织领导，';
    const text = Array.from({ length: 20_000 }, () => piece).join('\n');
    const joined = joinBrokenParagraphs(splitLines(text));
    expect(joined).toHaveLength(1);
    expect(joined[0].src.length).toBe(piece.length * 20_000);
    expect(joined[0].src.offsets[piece.length]).toBe(piece.length + 1);
  });
});
