// Every legal text of the shared LawRefBook collection, checked against facts each file states itself
// (its `# ` title line, the date in its name, its chapter headings and article lines, its header lines).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../parse-file.js';
import { decodeBytes } from '../decode.js';
import { parseCorpus } from '../parse-corpus.js';
import { extractKnowledge } from '../extract/index.js';
import { normalizeTitle } from '../../graph/ids.js';
import { lawFileFacts } from './law-corpus-facts.js';

const ROOT = path.resolve(import.meta.dirname, '../../../shared/corpora/laws');
const present = existsSync(ROOT);
if (!present) console.log(`law corpus checks skipped: ${ROOT} is absent (it sits beside the clone on CI)`);

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = path.join(dir, e);
    return statSync(p).isDirectory() ? listFiles(p) : p.endsWith('.md') ? [p] : [];
  });
}

const share = (n: number, d: number) => (d ? n / d : 1);

describe.skipIf(!present)('the shared law collection', () => {
  it('parses every file into one document with its title, year, region, articles in their chapters and no header clause', () => {
    const tally = { files: 0, withBody: 0, oneDocument: 0, titles: 0, yearFiles: 0, years: 0, localFiles: 0, regions: 0, articles: 0, articlesPlaced: 0, headerClauses: 0 };
    for (const file of listFiles(ROOT)) {
      tally.files++;
      const facts = lawFileFacts(file);
      const decoded = decodeBytes(readFileSync(file));
      if (!decoded.ok) continue;
      const { documents } = parseFile({ file: path.basename(file), text: decoded.text });
      const hasBody = facts.articles.length > 0 || decoded.text.split('<!-- INFO END -->')[1]?.trim().length;
      if (!hasBody) continue;
      tally.withBody++;
      if (documents.length !== 1) continue;
      tally.oneDocument++;
      const { document, clauses } = documents[0];
      if (document.title === facts.title) tally.titles++;
      if (facts.year) {
        tally.yearFiles++;
        if (document.year === facts.year) tally.years++;
      }
      if (/地方性法规/.test(file) && facts.titleRegion) {
        tally.localFiles++;
        // the title's province or city, or a place inside it (浙江省景宁畲族自治县…)
        if (document.region === facts.titleRegion || (document.region && document.title.includes(document.region) && document.title.startsWith(facts.titleRegion))) tally.regions++;
      }
      const paths = new Set(clauses.map((c) => c.path));
      for (const a of facts.articles) {
        tally.articles++;
        if (paths.has(a.chapterPath ? `${a.chapterPath}/${a.number}` : a.number)) tally.articlesPlaced++;
      }
      const texts = new Set(clauses.map((c) => c.text.replace(/\s+/g, '')));
      tally.headerClauses += facts.headerLines.filter((h) => texts.has(h.replace(/\s+/g, ''))).length;
    }
    const figures = {
      files: tally.files,
      oneDocumentPerFile: share(tally.oneDocument, tally.withBody),
      titles: share(tally.titles, tally.oneDocument),
      years: share(tally.years, tally.yearFiles),
      localRegions: share(tally.regions, tally.localFiles),
      articlesInChapter: share(tally.articlesPlaced, tally.articles),
      headerLinesStoredAsClauses: tally.headerClauses,
    };
    console.log('law collection:', JSON.stringify(figures), `(${tally.articles} articles, ${tally.localFiles} local regulations)`);
    expect(tally.files).toBeGreaterThan(100);
    expect(figures.oneDocumentPerFile).toBeGreaterThanOrEqual(0.99);
    expect(figures.titles).toBeGreaterThanOrEqual(0.99);
    expect(figures.years).toBeGreaterThanOrEqual(0.98);
    expect(figures.localRegions).toBeGreaterThanOrEqual(0.98);
    expect(figures.articlesInChapter).toBeGreaterThanOrEqual(0.99);
    expect(figures.headerLinesStoredAsClauses).toBe(0);
  });

  it('resolves citations of laws in the collection to the cited law itself', async () => {
    const corpus = await parseCorpus([ROOT]);
    extractKnowledge(corpus.batch);
    const { documents, edges } = corpus.batch;
    const key = (t: string) => normalizeTitle(t).replace(/-/g, '').replace(/^中华人民共和国/, '');
    const byId = new Map(documents.map((d) => [d.id, d]));
    const inCorpus = new Set(documents.filter((d) => d.inCorpus).map((d) => key(d.title)));
    let eligible = 0;
    let resolved = 0;
    for (const edge of edges) {
      const cited = edge.type === 'CITES' ? String(edge.properties.evidence ?? '').match(/^《([^》]+)》/) : null;
      if (!cited || !inCorpus.has(key(cited[1]))) continue;
      eligible++;
      const target = byId.get(edge.to);
      if (target?.inCorpus && key(target.title) === key(cited[1])) resolved++;
    }
    const count = (type: string) => edges.filter((e) => e.type === type).length;
    console.log(
      `law collection citations: ${resolved}/${eligible} in-corpus citations resolved (${(share(resolved, eligible) * 100).toFixed(1)} %);`,
      `SUPERSEDES ${count('SUPERSEDES')}, AMENDS ${count('AMENDS')}, REPEALS ${count('REPEALS')}, IMPLEMENTS ${count('IMPLEMENTS')}`,
    );
    expect(eligible).toBeGreaterThan(50);
    expect(share(resolved, eligible)).toBeGreaterThanOrEqual(0.95);
    expect(new Set(documents.map((d) => d.id)).size).toBe(documents.length);
    expect(new Set(corpus.batch.clauses.map((c) => c.id)).size).toBe(corpus.batch.clauses.length);
    // no invented documents: every in-corpus document's title is the title line of one of its files
    expect(documents.filter((d) => d.inCorpus && !d.title).length).toBe(0);
  });
});
