import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PolicyGraphError } from '../graph/errors.js';
import { SEARCH_CLAUSES, SEARCH_USER_WORDS } from '../test/fixtures/search-clauses.js';
import { clauseIndexText } from './index-store.js';
import { LexicalIndex, selectTop } from './lexical-index.js';

function buildFixtureIndex(): LexicalIndex {
  const index = LexicalIndex.create({ userWords: SEARCH_USER_WORDS });
  for (const clause of SEARCH_CLAUSES) index.add(clause.id, clauseIndexText(clause));
  return index;
}

describe('LexicalIndex', () => {
  let index: LexicalIndex;
  beforeAll(() => {
    index = buildFixtureIndex();
  });

  it('ranks the clause that holds the query words first and says which terms matched', () => {
    const [top] = index.search('信息消费规模目标是多少', 3);
    expect(top.id).toBe('gf40-goal');
    expect(top.terms).toEqual(expect.arrayContaining(['信息消费', '规模']));
  });

  it('reports every matched word and bigram, however long the query', () => {
    // a pasted clause has far more than 32 distinct terms: matches past the 32nd still count
    const long = `${'加快推进物联网基础设施部署，统筹发展工业互联网，推进实施云计算工程，引导各类企业积极拓展应用云服务，'.repeat(2)}信息消费规模`;
    const hit = index.search(long, 20).find((h) => h.id === 'gf40-goal');
    expect(hit?.matched.words).toEqual(expect.arrayContaining(['信息消费', '规模']));
    expect(hit?.matched.bigrams).toEqual(expect.arrayContaining(['信息', '消费']));
  });

  it('tells whether the texts use a phrase', () => {
    expect(index.uses('信息消费')).toBe(true);
    expect(index.uses('网上看病')).toBe(false);
    expect(index.uses('nb-iot')).toBe(true);
    expect(index.uses('')).toBe(false);
  });

  it('matches ASCII terms case-blind and whole (NB-IoT, IPv6)', () => {
    expect(index.search('nb-iot', 5).map((h) => h.id)).toEqual(['sc-nbiot']);
    const ipv6 = index.search('IPV6', 5).map((h) => h.id);
    expect(new Set(ipv6)).toEqual(new Set(['sc-infra', 'sc-nbiot', 'plan-ipv6']));
  });

  it('weights rare terms above common ones (BM25 idf)', () => {
    // 医养 occurs in one clause, 发展 in many: the rare term decides the ranking.
    const hits = index.search('发展 医养', 5);
    expect(hits[0].id).toBe('sc-elderly');
  });

  it('falls back to character bigrams when the query segments differently', () => {
    // "网联汽" is no word anywhere, but its bigrams occur in the connected-vehicle clauses.
    const ids = index.search('网联汽', 5).map((h) => h.id);
    expect(ids).toEqual(expect.arrayContaining(['gf40-car', 'sc-car']));
    expect(index.search('网联汽', 5)[0].terms.length).toBeGreaterThan(0);
  });

  it('applies the filter during selection, so k hits come back when k clauses pass', () => {
    const allowed = new Set(['plan-green', 'mit-training', 'ah-terminal', 'sc-elderly']);
    const hits = index.search('信息 发展 网络 智能 推动 应用', 3, (id) => allowed.has(id));
    expect(hits).toHaveLength(3);
    expect(hits.every((h) => allowed.has(h.id))).toBe(true);
    const unfiltered = index.search('信息 发展 网络 智能 推动 应用', 3);
    expect(unfiltered.some((h) => !allowed.has(h.id))).toBe(true);
  });

  it('returns nothing for queries of stop words only or an empty index', () => {
    expect(index.search('的 和 与', 5)).toEqual([]);
    expect(LexicalIndex.create().search('信息消费', 5)).toEqual([]);
  });

  it('replaces and deletes clauses', () => {
    const local = buildFixtureIndex();
    local.add('sc-nbiot', '发展绿色数据中心');
    expect(local.search('NB-IoT', 5)).toEqual([]);
    expect(local.search('绿色数据中心', 1)[0].id).toBe('sc-nbiot');
    expect(local.delete('plan-ipv6')).toBe(true);
    expect(local.delete('plan-ipv6')).toBe(false);
    expect(local.search('IPv4', 5)).toEqual([]);
    expect(local.size).toBe(SEARCH_CLAUSES.length - 1);
  });

  it('scores the same after compaction as before (deleted slots leave no trace)', () => {
    const local = buildFixtureIndex();
    local.delete('gf40-public');
    local.delete('ah-medical');
    const before = local.search('在线医疗 健康服务', 5);
    local.compact();
    const after = local.search('在线医疗 健康服务', 5);
    expect(after.map((h) => h.id)).toEqual(before.map((h) => h.id));
    // Compaction makes document frequencies exact; scores may only change through them.
    expect(after.length).toBeGreaterThan(0);
    const fresh = LexicalIndex.create({ userWords: SEARCH_USER_WORDS });
    for (const clause of SEARCH_CLAUSES) {
      if (clause.id !== 'gf40-public' && clause.id !== 'ah-medical') fresh.add(clause.id, clauseIndexText(clause));
    }
    expect(after).toEqual(fresh.search('在线医疗 健康服务', 5));
  });

  it('analyses a text as its tokenizer does, once: a repeated text is answered from a bounded cache', () => {
    const text = clauseIndexText(SEARCH_CLAUSES[0]);
    const first = index.analyze(text);
    expect(first).toEqual(index.tokenizer.terms(text));
    expect(index.analyze(text)).toBe(first);
    expect(Object.isFrozen(first.words)).toBe(true); // shared between callers: nobody may change it
  });

  it('persists to one binary file and loads back with its user words and scores', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-lexical-'));
    const file = path.join(dir, 'lexical.bin');
    index.save(file, 'gen-1');
    expect(fs.readdirSync(dir)).toEqual(['lexical.bin']);
    expect(fs.readFileSync(file).subarray(0, 4).toString('latin1')).toBe('PGBS');
    const loaded = LexicalIndex.load(file);
    expect(loaded.generation).toBe('gen-1');
    expect(loaded.tokenizer.userWordList).toEqual([...SEARCH_USER_WORDS].sort());
    for (const query of ['智能网联汽车', '5G商用', '网络提速降费红利', '在线就医']) {
      expect(loaded.search(query, 5)).toEqual(index.search(query, 5));
    }
    // A loaded index keeps accepting clauses, and saves again with what it never decoded intact.
    loaded.add('new', 'IPv6地址推广');
    expect(loaded.search('ipv6地址', 1)[0].id).toBe('new');
    loaded.save(file, 'gen-2');
    const again = LexicalIndex.load(file);
    expect(again.size).toBe(index.size + 1);
    for (const query of ['智能网联汽车', '5G商用', '网络提速降费红利', '在线就医', 'ipv6地址']) {
      expect(again.search(query, 5)).toEqual(loaded.search(query, 5));
    }
  });

  it('reports unreadable or foreign files as PolicyGraphErrors', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-lexical-'));
    expect(() => LexicalIndex.load(path.join(dir, 'missing.bin'))).toThrow(PolicyGraphError);
    fs.writeFileSync(path.join(dir, 'old.json'), '{"format":"policygraph-lexical","version":2}');
    expect(() => LexicalIndex.load(path.join(dir, 'old.json'))).toThrow(/not a policygraph-lexical file this PolicyGraph reads: re-run policygraph ingest/);
    const good = path.join(dir, 'good.bin');
    index.save(good);
    fs.writeFileSync(path.join(dir, 'truncated.bin'), fs.readFileSync(good).subarray(0, 200));
    expect(() => LexicalIndex.load(path.join(dir, 'truncated.bin'))).toThrow(/re-run policygraph ingest/);
  });
});

describe('selectTop', () => {
  it('keeps the k highest positive scores that pass the filter, best first', () => {
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const scores = Float64Array.from({ length: 5000 }, () => (next() < 0.4 ? next() * 10 : 0));
    const accept = (slot: number) => slot % 3 !== 0;
    const expected = [...scores]
      .map((score, slot) => ({ slot, score }))
      .filter((s) => s.score > 0 && accept(s.slot))
      .sort((a, b) => b.score - a.score)
      .slice(0, 25);
    expect(selectTop(scores, scores.length, 25, accept)).toEqual(expected);
    // visiting only the slots marked as scored gives the same
    const touched = new Uint32Array(Math.ceil(scores.length / 32));
    scores.forEach((score, slot) => {
      if (score > 0) touched[slot >>> 5] |= 1 << (slot & 31);
    });
    expect(selectTop(scores, scores.length, 25, accept, touched)).toEqual(expected);
  });

  it('leaves no score of one search in the next (rare and common terms, with a filter that throws)', () => {
    const index = buildFixtureIndex();
    const fresh = () => buildFixtureIndex();
    const queries = ['信息消费规模目标是多少', '物联网', '云计算 工业互联网 信息消费 宽带 网络 建设 推进'];
    const alone = queries.map((q) => fresh().search(q, 5));
    expect(() => index.search('物联网', 5, () => { throw new Error('filter failed'); })).toThrow('filter failed');
    for (const [i, q] of queries.entries()) expect(index.search(q, 5)).toEqual(alone[i]);
    for (const [i, q] of [...queries.entries()].reverse()) expect(index.search(q, 5)).toEqual(alone[i]);
  });

  it('returns fewer than k when fewer scores are positive, and nothing for none', () => {
    const scores = Float64Array.from([0, 2, 0, 5, -1, 1]);
    expect(selectTop(scores, scores.length, 10, () => true)).toEqual([
      { slot: 3, score: 5 },
      { slot: 1, score: 2 },
      { slot: 5, score: 1 },
    ]);
    expect(selectTop(new Float64Array(4), 4, 3, () => true)).toEqual([]);
  });
});
