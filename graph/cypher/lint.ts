// Lints Cypher with Neo4j's own parser and semantic analysis (@neo4j-cypher/language-support,
// pinned 2.0.0-next.38), given PolicyGraph's schema: its labels, relationship types, property
// keys and the statement's declared parameters, plus Neo4j 5's built-in functions and procedures
// (APOC and GDS left out: PolicyGraph does not require them). The linter only warns about unknown
// labels in MATCH patterns, so every label, type and property token of the parsed statement is
// also checked against the schema here — a misspelt label in MERGE or SET is caught too.
import { highlightSyntax, lintCypherQuery, testData, type DbSchema } from '@neo4j-cypher/language-support';
import { EDGE_SPECS, OWNER_LABEL, schemaVocabulary } from '../schema.js';
import { EDGE_TYPES } from '../model.js';

/** Keys of the UNWIND row maps the write statements read (`r.source`, `r.key`). */
const ROW_KEYS = ['key', 'source', 'target'];
/** Keys inside index OPTIONS maps of the Neo4j DDL. */
const INDEX_CONFIG_KEYS = ['indexConfig', '`fulltext.analyzer`', '`vector.dimensions`', '`vector.similarity_function`'];
/** Keys of the options map of db.index.fulltext.queryNodes. */
const PROCEDURE_OPTION_KEYS = ['limit', 'skip'];

type Registry = Record<string, { name: string; isBuiltIn?: boolean }>;

function builtIns<T extends Registry>(registry: T | undefined): T {
  const out: Registry = {};
  for (const [name, entry] of Object.entries(registry ?? {})) if (!/^(apoc|gds)\./.test(name) && entry.isBuiltIn !== false) out[name] = entry;
  return out as T;
}

let schemaCache: DbSchema | null = null;

function neo4jSchema(): DbSchema {
  if (schemaCache) return schemaCache;
  const vocabulary = schemaVocabulary();
  const mock = testData.mockSchema;
  schemaCache = {
    labels: vocabulary.labels,
    relationshipTypes: vocabulary.relationshipTypes,
    propertyKeys: [...vocabulary.propertyKeys, ...ROW_KEYS],
    functions: { 'CYPHER 5': builtIns(mock.functions?.['CYPHER 5'] as Registry) } as unknown as DbSchema['functions'],
    procedures: { 'CYPHER 5': builtIns(mock.procedures?.['CYPHER 5'] as Registry) } as unknown as DbSchema['procedures'],
    // each end by its type label or by PolicyGraph's namespaced one (graph/neo4j/namespace.ts: Neo4j matches both)
    graphSchema: EDGE_TYPES.flatMap((t) => {
      const ends = (label: string) => [label, `${OWNER_LABEL}${label}`];
      return ends(EDGE_SPECS[t].from).flatMap((from) => ends(EDGE_SPECS[t].to).map((to) => ({ from, to, relType: t })));
    }),
    defaultLanguage: 'CYPHER 5',
  };
  return schemaCache;
}

/** A stand-in value of the right shape for each declared parameter. */
function sampleParameter(name: string): unknown {
  if (name === 'rows') return [{}];
  if (name === 'anyYear') return true;
  if (['yearFrom', 'yearTo', 'skip', 'limit', 'version', 'k', 'dimension', 'seconds'].includes(name)) return 1;
  if (name === 'vector' || name === 'embedding') return [0.1, 0.2];
  if (name === 'normalized') return true;
  if (['id', 'docId', 'metric', 'name', 'query', 'embedder', 'similarity', 'queryPrefix', 'state', 'stateFingerprint', 'updatedAt'].includes(name)) return 'x';
  return ['x'];
}

/** Every problem Neo4j's parser or the schema check finds in `text`; empty when the statement is clean. */
export function lintCypher(text: string, parameters: string[] = []): string[] {
  const schema = { ...neo4jSchema(), parameters: Object.fromEntries(parameters.map((p) => [p, sampleParameter(p)])) };
  const problems = lintCypherQuery(text, schema).diagnostics.map((d) => `${d.message} (at ${d.offsets.start})`);
  const labels = new Set([...(schema.labels ?? []), ...(schema.relationshipTypes ?? [])]);
  const properties = new Set([...(schema.propertyKeys ?? []), ...INDEX_CONFIG_KEYS, ...PROCEDURE_OPTION_KEYS]);
  for (const token of highlightSyntax(text)) {
    if (token.tokenType === 'label' && !labels.has(token.token)) problems.push(`label or relationship type ${token.token} is not in the schema`);
    if (token.tokenType === 'property' && !properties.has(token.token)) problems.push(`property ${token.token} is not in the schema`);
  }
  return [...new Set(problems)];
}
