// Query-side vocabulary that the curated dictionaries (themes, agencies, regions, synonyms) do not
// carry: general policy and ICT words in English, and everyday Chinese phrasings of official
// terms. Query understanding adds the official Chinese terms to what BM25 and the embedder see,
// so "rural broadband" or 宽带进村 still reach clauses that say 行政村通光纤.
// Keys are matched case-blind on word boundaries (English) or as substrings (Chinese); keep values
// to terms that actually occur in policy prose.

export { ENGLISH_TERMS } from './query-glossary-english.js';
export { COLLOQUIAL_TERMS } from './query-glossary-colloquial.js';
