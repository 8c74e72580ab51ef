// Builds the query lexicon from the curated dictionaries (dictionaries/dictionaries.ts over
// seeds/dictionaries/*.json): themes, agencies and regions with their Chinese and English aliases,
// and the query-side synonym phrases attached to the entity they name; plus the glossaries
// (glossary-english.json, glossary-colloquial.json).
import { loadDictionaries, type Dictionaries, type DictionaryEntity } from '../dictionaries/dictionaries.js';
import type { LexiconEntity, QueryLexicon } from './query-understanding.js';

/** The lexicon of the dictionaries in `dir` (default: POLICYGRAPH_DICTIONARIES or seeds/dictionaries). */
export function loadQueryLexicon(dir?: string): QueryLexicon {
  return lexiconFromDictionaries(loadDictionaries(dir));
}

export function lexiconFromDictionaries(dicts: Dictionaries): QueryLexicon {
  const byId = new Map<string, LexiconEntity>();
  const entityOf = (e: DictionaryEntity): LexiconEntity => {
    let entity = byId.get(e.id);
    if (!entity) {
      // ids are the graph's node ids (themeId/agencyId of the name; a Region is its name)
      entity = { kind: e.kind, id: e.id, name: e.name, aliases: [...new Set(e.aliases)], english: [...new Set(e.en)] };
      byId.set(e.id, entity);
    }
    return entity;
  };
  for (const e of [...dicts.themes, ...dicts.regions]) entityOf(e);
  // agency templates (省人民政府) are kept: a query may name the role without the province
  for (const e of dicts.agencies) entityOf(e);

  const colloquial: Record<string, string[]> = { ...dicts.glossary.colloquial };
  const english: Record<string, string[]> = { ...dicts.glossary.english };
  for (const [phrase, name] of Object.entries(dicts.synonyms)) {
    const named = dicts.theme(name) ?? dicts.agency(name) ?? dicts.region(name);
    if (named) (entityOf(named).synonyms ??= []).push(phrase);
    else if (/[\u3400-\u9fff]/.test(phrase)) colloquial[phrase] = [...(colloquial[phrase] ?? []), name];
    else english[phrase.toLowerCase()] = [...(english[phrase.toLowerCase()] ?? []), name];
  }
  return { entities: [...byId.values()], english, colloquial };
}
