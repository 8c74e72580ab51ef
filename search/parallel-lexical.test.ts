import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEARCH_CLAUSES, SEARCH_USER_WORDS } from '../test/fixtures/search-clauses.js';
import { BuiltinEmbedder } from './embedders/builtin-embedder.js';
import { buildIndexes, clauseIndexText, LEXICAL_FILE } from './index-store.js';
import { LexicalIndex } from './lexical-index.js';
import { buildLexicalAhead, builtFrom } from './parallel-lexical.js';

const QUERIES = ['5G商用', '信息消费规模', '光纤宽带网络', '牵头部门'];

describe('the lexical index built ahead in a worker thread', () => {
  it('answers as the index built on this thread does, and the build takes it only for the same texts', async () => {
    const ahead = buildLexicalAhead(SEARCH_CLAUSES, SEARCH_USER_WORDS, 0);
    expect(ahead).not.toBeNull();
    const here = LexicalIndex.create({ userWords: SEARCH_USER_WORDS });
    for (const clause of SEARCH_CLAUSES) here.add(clause.id, clauseIndexText(clause));
    const theirs = await ahead!.index;
    expect(theirs).not.toBeNull();
    expect(theirs!.ids()).toEqual(here.ids());
    for (const query of QUERIES) expect(theirs!.search(query, 10)).toEqual(here.search(query, 10));

    const ids = SEARCH_CLAUSES.map((c) => c.id);
    const texts = SEARCH_CLAUSES.map(clauseIndexText);
    expect(builtFrom(ahead!, ids, texts, ahead!.userWords)).toBe(true);
    expect(builtFrom(ahead!, ids, texts.map((t, i) => (i === 1 ? `${t}。` : t)), ahead!.userWords)).toBe(false);
    expect(builtFrom(ahead!, ids.slice(1), texts.slice(1), ahead!.userWords)).toBe(false);
    expect(builtFrom(ahead!, ids, texts, [])).toBe(false);
  });

  it('gives buildIndexes the same lexical.bin as tokenising on its own thread, and is ignored when the texts differ', async () => {
    const dataDir = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `pg-lexical-ahead-${name}-`));
    const build = (dir: string, lexicalAhead = buildLexicalAhead(SEARCH_CLAUSES, SEARCH_USER_WORDS, 0), clauses = SEARCH_CLAUSES) =>
      buildIndexes({ dataDir: dir, clauses, embedder: new BuiltinEmbedder({ concepts: null }), userWords: SEARCH_USER_WORDS, lexicalAhead });
    const [withAhead, without] = [dataDir('with'), dataDir('without')];
    const a = await build(withAhead);
    const b = await build(without, null);
    for (const query of QUERIES) expect(a.lexical.search(query, 10)).toEqual(b.lexical.search(query, 10));
    const reloaded = LexicalIndex.load(path.join(withAhead, 'index', LEXICAL_FILE));
    expect(reloaded.ids()).toEqual(b.lexical.ids());
    for (const query of QUERIES) expect(reloaded.search(query, 10)).toEqual(b.lexical.search(query, 10));

    // taken as it comes: an ahead index for the same texts is what the build saves (here one that knows a marker word)
    const marked = LexicalIndex.create({ userWords: SEARCH_USER_WORDS });
    for (const clause of SEARCH_CLAUSES) marked.add(clause.id, clauseIndexText(clause));
    marked.add(SEARCH_CLAUSES[0].id, `${clauseIndexText(SEARCH_CLAUSES[0])} 鼹鼠鹦鹉`);
    const fake = { ...buildLexicalAhead(SEARCH_CLAUSES, SEARCH_USER_WORDS, 0)!, index: Promise.resolve(marked) };
    const taken = await build(dataDir('taken'), fake);
    expect(taken.lexical.search('鼹鼠鹦鹉', 3).map((h) => h.id)).toEqual([SEARCH_CLAUSES[0].id]);

    // an ahead index of other texts is not taken: the build tokenises what it was given
    const changed = SEARCH_CLAUSES.map((c, i) => (i === 0 ? { ...c, text: '全新的条款文本，关于人工智能产业发展' } : c));
    const c = await build(dataDir('changed'), buildLexicalAhead(SEARCH_CLAUSES, SEARCH_USER_WORDS, 0), changed);
    expect(c.lexical.search('人工智能产业', 3)[0]?.id).toBe(SEARCH_CLAUSES[0].id);
  });
});
