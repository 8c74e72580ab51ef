// Concepts for the built-in embedder: dictionary entities (themes, agencies, regions) found in a
// text through their names, aliases, English names and colloquial synonyms. A query saying
// "self-driving cars" or 网上看病 and a clause saying 智能网联汽车 or 在线医疗 then share a feature
// that no character n-gram could give them.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadDictionaries, type Dictionaries } from '../../dictionaries/dictionaries.js';

export interface ConceptMatcher {
  /** Digest of the vocabulary: vectors made under different vocabularies do not mix. */
  readonly fingerprint: string;
  /** Ids of the concepts a text mentions (repeated once per mention). */
  match(text: string): string[];
}

const DICTIONARY_FILES = ['themes.json', 'agencies.json', 'regions.json', 'synonyms.json'];

/** Concepts from the curated dictionaries (seeds/dictionaries, or POLICYGRAPH_DICTIONARIES). */
export function dictionaryConcepts(dictionaries: Dictionaries = loadDictionaries()): ConceptMatcher {
  const hash = createHash('sha256');
  for (const name of DICTIONARY_FILES) {
    const file = path.join(dictionaries.dir, name);
    hash.update(`${name}\n`);
    if (fs.existsSync(file)) hash.update(fs.readFileSync(file));
  }
  return {
    fingerprint: `dictionaries:${hash.digest('hex').slice(0, 16)}`,
    match: (text) => dictionaries.match(text, { synonyms: true }).map((m) => m.entity.id),
  };
}

/** A matcher over a fixed phrase → concept table (tests and callers without dictionary files). */
export function phraseConcepts(table: Record<string, string>): ConceptMatcher {
  const phrases = Object.keys(table).sort((a, b) => b.length - a.length);
  const fingerprint = createHash('sha256').update(JSON.stringify(Object.entries(table).sort())).digest('hex').slice(0, 16);
  return {
    fingerprint: `phrases:${fingerprint}`,
    match: (text) => {
      const lower = text.toLowerCase();
      const found: string[] = [];
      for (const phrase of phrases) {
        let from = lower.indexOf(phrase.toLowerCase());
        while (from >= 0) {
          found.push(table[phrase]);
          from = lower.indexOf(phrase.toLowerCase(), from + phrase.length);
        }
      }
      return found;
    },
  };
}
