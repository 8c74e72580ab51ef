import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PolicyGraphError } from '../../graph/errors.js';
import { SEARCH_CLAUSES } from '../../test/fixtures/search-clauses.js';
import { readEmbedderState, writeEmbedderState } from '../embedder-state-file.js';
import { clauseIndexText } from '../index-store.js';
import { BuiltinEmbedder, ngramFeatures } from './builtin-embedder.js';
import { phraseConcepts } from './concepts.js';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, value, i) => sum + value * b[i], 0);
const norm = (a: Float32Array) => Math.sqrt(dot(a, a));
const corpus = SEARCH_CLAUSES.map(clauseIndexText);

describe('BuiltinEmbedder', () => {
  it('makes fixed-size unit vectors, the same for queries and passages', async () => {
    const embedder = new BuiltinEmbedder({ concepts: null });
    expect(embedder.id).toBe('builtin:ngram-v1');
    const [passage] = await embedder.embed(['推动5G商用部署'], { as: 'passage' });
    const [query] = await embedder.embed(['推动5G商用部署'], { as: 'query' });
    expect(passage).toHaveLength(384);
    expect(norm(passage)).toBeCloseTo(1, 5);
    expect(Array.from(query)).toEqual(Array.from(passage));
  });

  it('puts texts that share words closer than unrelated ones', async () => {
    const embedder = new BuiltinEmbedder();
    embedder.fit(corpus);
    const [a, b, c] = await embedder.embed(['加快5G网络商用部署', '确保启动5G商用', '发展智慧健康养老产品'], { as: 'passage' });
    expect(dot(a, b)).toBeGreaterThan(dot(a, c) + 0.1);
  });

  it('retrieves each fixture clause from a paraphrase-free fragment of it', async () => {
    const embedder = new BuiltinEmbedder();
    embedder.fit(corpus);
    const vectors = await embedder.embed(corpus, { as: 'passage' });
    let hits = 0;
    for (let i = 0; i < corpus.length; i++) {
      const fragment = corpus[i].slice(corpus[i].length / 3, (corpus[i].length * 2) / 3);
      const [query] = await embedder.embed([fragment], { as: 'query' });
      const best = vectors.map((v, j) => [dot(v, query), j]).sort((x, y) => y[0] - x[0])[0][1];
      if (best === i) hits++;
    }
    expect(hits).toBe(corpus.length);
  });

  it('treats ASCII case and full-width forms alike and keeps NB-IoT as one feature', () => {
    expect([...ngramFeatures('NB-IoT与５Ｇ').keys()]).toEqual(expect.arrayContaining(['a:nb-iot', 'a:5g', 'u:与']));
    expect(ngramFeatures('IPv6')).toEqual(ngramFeatures('ipv6'));
  });

  it('ignores question phrases that policy prose never uses', () => {
    expect([...ngramFeatures('5G什么时候启动商用？').keys()].sort()).toEqual(['a:5g', 'b:启动', 'b:动商', 'b:商用'].sort());
  });

  it('gives texts that name one concept differently a shared direction', async () => {
    const concepts = phraseConcepts({ 智能网联汽车: 'theme:connected-cars', 'self-driving cars': 'theme:connected-cars', 自动驾驶: 'theme:connected-cars' });
    const withConcepts = new BuiltinEmbedder({ concepts });
    const without = new BuiltinEmbedder({ concepts: null });
    withConcepts.fit(corpus);
    without.fit(corpus);
    const clause = corpus[SEARCH_CLAUSES.findIndex((c) => c.id === 'sc-car')];
    const other = corpus[SEARCH_CLAUSES.findIndex((c) => c.id === 'plan-green')];
    for (const query of ['self-driving cars', '自动驾驶']) {
      const [q, c, o] = await withConcepts.embed([query, clause, other], { as: 'query' });
      expect(dot(q, c)).toBeGreaterThan(dot(q, o) + 0.1);
      const [q0, c0] = await without.embed([query, clause], { as: 'query' });
      expect(dot(q0, c0)).toBeLessThan(dot(q, c));
    }
  });

  it('refuses state fitted under another concept vocabulary', () => {
    const a = new BuiltinEmbedder({ concepts: phraseConcepts({ 网课: 'theme:online-education' }) });
    a.fit(corpus);
    const b = new BuiltinEmbedder({ concepts: null });
    expect(() => b.importState(a.exportState())).toThrow(/dictionaries changed/);
  });

  it('down-weights n-grams that are common in the fitted corpus', () => {
    const embedder = new BuiltinEmbedder();
    embedder.fit(corpus);
    // 信息 occurs in many fixture clauses, 医养 in one.
    expect(embedder.idf('b:信息')).toBeLessThan(embedder.idf('b:医养'));
    expect(embedder.idf('b:从未')).toBe(embedder.idf('b:医养'));
  });

  it('round-trips its fitted state, so query vectors match the indexed ones', async () => {
    const fitted = new BuiltinEmbedder();
    fitted.fit(corpus);
    const restored = new BuiltinEmbedder();
    const unfitted = await restored.embed([corpus[0]], { as: 'query' });
    restored.importState(JSON.parse(JSON.stringify(fitted.exportState())));
    expect(restored.stateFingerprint).toBe(fitted.stateFingerprint);
    const [a] = await fitted.embed([corpus[0]], { as: 'passage' });
    const [b] = await restored.embed([corpus[0]], { as: 'query' });
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(Array.from(unfitted[0])).not.toEqual(Array.from(a));
  });

  it('round-trips its state through the binary index file, checked against its own fingerprint', async () => {
    const fitted = new BuiltinEmbedder();
    fitted.fit(corpus);
    const dir = mkdtempSync(path.join(tmpdir(), 'pg-embedder-state-'));
    const file = writeEmbedderState(dir, fitted, 'build-a');
    const restored = new BuiltinEmbedder();
    readEmbedderState(dir, file, restored);
    expect(restored.stateFingerprint).toBe(fitted.stateFingerprint);
    // the JSON form other processes receive gives the same fingerprint (one definition)
    const viaJson = new BuiltinEmbedder();
    viaJson.importState(JSON.parse(JSON.stringify(fitted.exportState())));
    expect(viaJson.stateFingerprint).toBe(fitted.stateFingerprint);
    const [a] = await fitted.embed([corpus[3]], { as: 'passage' });
    const [b] = await restored.embed([corpus[3]], { as: 'query' });
    expect(Array.from(b)).toEqual(Array.from(a));

    // a damaged table (one count changed) or another embedder's settings are refused
    const bytes = readFileSync(path.join(dir, file));
    const damaged = Buffer.from(bytes);
    damaged[damaged.length - 1] ^= 1;
    writeFileSync(path.join(dir, file), damaged);
    expect(() => readEmbedderState(dir, file, new BuiltinEmbedder())).toThrow(/does not match its digest/);
    writeFileSync(path.join(dir, file), bytes);
    expect(() => readEmbedderState(dir, file, new BuiltinEmbedder({ dimension: 256 }))).toThrow(/256-d/);
    expect(() => readEmbedderState(dir, file, new BuiltinEmbedder({ concepts: null }))).toThrow(/dictionaries changed/);
    writeFileSync(path.join(dir, file), 'not a state');
    expect(() => readEmbedderState(dir, file, new BuiltinEmbedder())).toThrow(/not an embedder state this PolicyGraph reads/);
  });

  it('changes its fingerprint with the corpus and refuses foreign state', () => {
    const a = new BuiltinEmbedder();
    a.fit(corpus);
    const b = new BuiltinEmbedder();
    b.fit(corpus.slice(1));
    expect(a.stateFingerprint).not.toBe(b.stateFingerprint);
    expect(() => new BuiltinEmbedder().importState({ kind: 'other' })).toThrow(PolicyGraphError);
    expect(() => new BuiltinEmbedder({ dimension: 256 }).importState(a.exportState())).toThrow(/256-d/);
  });

  it('names a non-default dimension in its id and rejects a silly one', () => {
    expect(new BuiltinEmbedder({ dimension: 1024 }).id).toBe('builtin:ngram-v1:d1024');
    expect(() => new BuiltinEmbedder({ dimension: 3 })).toThrow(PolicyGraphError);
  });
});
