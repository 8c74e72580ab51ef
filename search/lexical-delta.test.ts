// Clauses added to a loaded BM25 index from their stored terms (a delta generation at load,
// search/index-delta.ts): the stored lists they touch stay encoded until a query needs them, and
// the index answers, counts and saves as one that added the same texts one by one.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Field } from './lexical-postings.js';
import { LexicalIndex } from './lexical-index.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'pg-lexical-delta-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BASE = ['河道管理范围内禁止建设房屋', '防洪工程设施由水利部门负责保护', '各地要落实河湖长制责任'];
const ADDED = ['河道管理范围内禁止倾倒垃圾', '水利部门负责河道整治规划', '新能源汽车推广应用'];

describe('adding analysed clauses to a loaded lexical index', () => {
  it('holds postings for undecoded stored terms until a query decodes them, in slot order', () => {
    const field = new Field();
    field.add(0, ['a', 'b']);
    field.add(1, ['a']);
    const loaded = new Field(field.serialize());
    loaded.addMany([2, 3], [['a', 'c'], ['a', 'a', 'b']]);
    expect(loaded.documentFrequency('a')).toBe(4);
    const a = loaded.get('a')!;
    expect(Array.from(a.data.subarray(0, a.length))).toEqual([0, 1, 1, 1, 2, 1, 3, 2]);
    expect(loaded.documentFrequency('c')).toBe(1);
    // saved with the held postings in, though no query touched 'b'
    const saved = new Field(loaded.serialize());
    const b = saved.get('b')!;
    expect(Array.from(b.data.subarray(0, b.length))).toEqual([0, 1, 3, 1]);
    expect(saved.totalLength).toBe(8);
  });

  it('scores, counts and saves as an index that added the texts one by one', () => {
    const file = path.join(dir, 'lexical.bin');
    const base = LexicalIndex.create();
    BASE.forEach((text, i) => base.add(`b${i}`, text));
    base.save(file, 'build-1');
    const oneByOne = LexicalIndex.load(file);
    ADDED.forEach((text, i) => oneByOne.add(`a${i}`, text));
    const analysed = LexicalIndex.load(file);
    analysed.addAnalysed(ADDED.map((text, i) => ({ id: `a${i}`, terms: analysed.tokenizer.terms(text) })));
    const ranked = (index: LexicalIndex, query: string) => index.search(query, 10).map((h) => `${h.id} ${h.score.toFixed(9)}`);
    for (const query of ['河道管理', '水利部门负责', '新能源汽车', '禁止']) expect(ranked(analysed, query), query).toEqual(ranked(oneByOne, query));
    expect(analysed.size).toBe(6);
    expect(analysed.idf('河道')).toBeCloseTo(oneByOne.idf('河道'), 12);
    analysed.save(path.join(dir, 'again.bin'), 'build-2');
    const reloaded = LexicalIndex.load(path.join(dir, 'again.bin'));
    expect(ranked(reloaded, '河道管理')).toEqual(ranked(oneByOne, '河道管理'));
  });
});
