// Proof (1) of the Neo4j path: every statement PolicyGraph sends to Neo4j — the shared ones, the
// Neo4j-only ones and the Neo4j DDL — passes Neo4j's own parser against PolicyGraph's schema, and
// the check is strict enough to catch a misspelt label, type, property, function or parameter.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allStatements, mergeEdges, upsertNodes, listDocuments, listTargets } from './statements.js';
import { lintCypher } from './lint.js';
import { filterableVectorIndexDdl, neo4jDdl, vectorIndexDdl } from '../neo4j/ddl.js';
import { graphragRetrievalQuery, neo4jStatements } from '../neo4j/statements.js';
import { NODE_LABELS } from '../model.js';
import { embeddedDdl } from '../embedded/ddl.js';
import { neo4jText } from '../neo4j/namespace.js';

describe('Cypher lint with @neo4j-cypher/language-support', () => {
  const statements = allStatements();

  it('covers the statements the stores run (every generated label and edge statement included)', () => {
    const names = statements.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['upsertDocument', 'mergeASSIGNS', 'pruneTheme', 'exportREPEATS', 'expand', 'setEmbeddings']));
  });

  it.each(statements.map((s) => [s.name, s] as const))('%s is clean', (_name, statement) => {
    expect(lintCypher(statement.text, statement.params)).toEqual([]);
  });

  it.each(neo4jStatements(NODE_LABELS).filter((s) => s !== graphragRetrievalQuery).map((s) => [s.name, s] as const))(
    'Neo4j retrieval and ownership statement %s is clean',
    (_name, statement) => {
      expect(lintCypher(statement.text, statement.params)).toEqual([]);
    },
  );

  it.each([...statements, ...neo4jStatements(NODE_LABELS).filter((s) => s !== graphragRetrievalQuery)].map((s) => [s.name, s] as const))(
    '%s as Neo4j runs it (node patterns with their namespaced labels) is clean',
    (_name, statement) => {
      expect(lintCypher(neo4jText(statement), statement.params)).toEqual([]);
    },
  );

  it("the README's neo4j-graphrag retrieval_query is clean after the index call that binds node and score", () => {
    const prefix = "CALL db.index.vector.queryNodes('clause_embedding', 5, $embedding) YIELD node, score\n";
    expect(lintCypher(prefix + graphragRetrievalQuery.text, ['embedding'])).toEqual([]);
    // the same text alone is reported (node is unbound): the check above is not vacuous
    expect(lintCypher(graphragRetrievalQuery.text).length).toBeGreaterThan(0);
    // and it is the text the README's Python example sends
    expect(fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8')).toContain(`retrieval_query="""\n${graphragRetrievalQuery.text}\n"""`);
  });

  it('the Neo4j DDL is clean', () => {
    const problems = [...neo4jDdl(), vectorIndexDdl(512), filterableVectorIndexDdl(512)].flatMap((ddl) => lintCypher(ddl).map((p) => `${ddl.slice(0, 40)}: ${p}`));
    expect(problems).toEqual([]);
  });

  it('the filterable vector index declares the copied document fields (Cypher 25 WITH [...]), and a misspelt one is reported', () => {
    const ddl = filterableVectorIndexDdl(384);
    expect(ddl).toContain('WITH [n.year, n.level, n.region, n.docNumber, n.docType, n.docKind]');
    expect(lintCypher(ddl.replace('n.docType', 'n.docTyp')).join('\n')).toContain('docTyp');
  });

  it('reports a misspelt label, also where Neo4j itself would silently create it (MERGE)', () => {
    const merge = upsertNodes('Document').text.replace('MERGE (n:Document', 'MERGE (n:Documnet');
    expect(lintCypher(merge, ['rows']).join('\n')).toContain('Documnet');
    const match = listDocuments.text.replace('MATCH (d:Document)', 'MATCH (d:Documents)');
    expect(lintCypher(match).join('\n')).toContain('Documents');
  });

  it('reports a misspelt relationship type, property, unknown function and undeclared parameter', () => {
    const assigns = mergeEdges('ASSIGNS');
    expect(lintCypher(assigns.text.replace(':ASSIGNS', ':ASSIGN'), assigns.params).join('\n')).toContain('ASSIGN');
    expect(lintCypher(assigns.text.replace('e.deadline', 'e.deadlin'), assigns.params).join('\n')).toContain('deadlin');
    // Ladybug's label() exists only there: the shared Cypher must not use it.
    expect(lintCypher('MATCH (n:Clause) RETURN label(n) AS l').join('\n')).toContain('label');
    expect(lintCypher(listTargets.text, []).join('\n')).toContain('$metric');
  });

  it('reports a relationship pattern against the direction of the schema', () => {
    expect(lintCypher('MATCH (a:Clause)-[:HAS_CLAUSE]->(b:Document) RETURN a.id AS id').join('\n')).toContain('HAS_CLAUSE');
  });

  it('reports Ladybug-only syntax, so engine-specific DDL cannot slip into the shared statements', () => {
    const [ladybugDdl] = embeddedDdl();
    expect(lintCypher(ladybugDdl).length).toBeGreaterThan(0);
  });
});
