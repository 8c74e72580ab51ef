// The GraphStore logic both adapters share: the same statements (statements.ts), run through a
// CypherEngine that each adapter implements (Ladybug in graph/embedded, Neo4j in graph/neo4j).
// Adapters add opening, DDL and closing; everything a caller can observe is decided here, once.
import { EDGE_TYPES, NODE_LABELS, type Clause, type EdgeType, type ExportRecord, type GraphBatch, type NodeLabel, type PolicyDocument } from '../model.js';
import { PolicyGraphError } from '../errors.js';
import { EDGE_SPECS, META_ID, NODE_SPECS, SCHEMA_VERSION, nullableNumbers } from '../schema.js';
import type {
  AgencySummary,
  ClauseContext,
  ClauseFilters,
  DocumentSummary,
  GraphStore,
  Neighbourhood,
  NeighbourhoodEdge,
  NeighbourhoodNode,
  OutlineEntry,
  TargetRow,
  ThemeSummary,
  WriteOptions,
  WriteStats,
} from '../store.js';
import { chunk, type BulkLoader, type CypherEngine, type CypherTx, type Params } from './engine.js';
import { decodeEdgeProperties, decodeNode, type Row } from './records.js';
import { nodesExcept, planWrite, type WritePlan } from './write-plan.js';
import type { EncodedNode } from './records.js';
import { decodeContext, filterParams } from './expand.js';
import * as S from './statements.js';
import { reportPhase } from '../phases.js';

/** Meta node whose `version` is the search index generation of the last write (the schema's is META_ID). */
const INDEX_META_ID = 'index-generation';

/** Rows per page of export and allClauses (keyset pages: each page costs the same however far in). */
const EXPORT_PAGE = 5000;

export abstract class CypherGraphStore implements GraphStore {
  abstract readonly engine: string;
  abstract open(): Promise<void>;
  abstract close(): Promise<void>;
  /** The open engine; throws when the store is not open. */
  protected abstract cypher(): CypherEngine;

  /** Vectors live in the search index on the embedded engine; Neo4j overrides this to store them. */
  async writeEmbeddings(_vectors: Map<string, Float32Array | number[]>, _dimension: number): Promise<number> {
    return 0;
  }

  /** Engine-specific work inside a write's transaction, after the shared statements (Neo4j: owner label, clause filter fields). */
  protected async afterWrite(_tx: CypherTx, _plan: WritePlan, _batchSize: number): Promise<void> {}

  // ------------------------------------------------------------ schema version

  /** The schema version recorded in the store (null when none is), refusing one newer than this code. */
  protected async checkSchemaVersion(tx: CypherTx, where: string): Promise<number | null> {
    const rows = await tx.run(S.readMeta, { id: META_ID });
    const stored = rows.length ? Number(rows[0].version) : null;
    if (stored !== null && stored > SCHEMA_VERSION) {
      throw new PolicyGraphError(
        'SCHEMA_NEWER',
        `the graph in ${where} was written with schema version ${stored}, newer than this PolicyGraph's ${SCHEMA_VERSION}: upgrade PolicyGraph or use another data dir`,
      );
    }
    return stored;
  }

  protected async recordSchemaVersion(tx: CypherTx): Promise<void> {
    await tx.run(S.writeMeta, { id: META_ID, version: SCHEMA_VERSION });
  }

  // ------------------------------------------------------------ writes

  async write(batch: GraphBatch, options: WriteOptions = {}): Promise<WriteStats> {
    const plan = planWrite(batch);
    const db = this.cypher();
    return db.write(async (tx) => {
      const stats = await this.writePlan(tx, plan, db.batchSize);
      await this.afterWrite(tx, plan, db.batchSize);
      reportPhase('graph-commit');
      // in the same transaction: the graph names the search indexes built for it (search/generations.ts)
      if (options.indexGeneration !== undefined) await tx.run(S.writeMeta, { id: INDEX_META_ID, version: options.indexGeneration });
      return stats;
    });
  }

  async indexGeneration(): Promise<number | null> {
    const rows = await this.cypher().read((tx) => tx.run(S.readMeta, { id: INDEX_META_ID }));
    return rows.length && rows[0].version !== null && rows[0].version !== undefined ? Number(rows[0].version) : null;
  }

  private async writePlan(tx: CypherTx, plan: WritePlan, batchSize: number): Promise<WriteStats> {
    const storedInFull = plan.citedOnlyDocIds.length
      ? new Set((await tx.run(S.inCorpusDocuments, { ids: plan.citedOnlyDocIds })).map((r) => String(r.id)))
      : new Set<string>();
    // Bulk insert (COPY) only into a store without clauses, i.e. a first ingest: measured on Ladybug
    // 0.19.1, rolling back a transaction that deleted edges and then inserted into the same rel tables
    // (by COPY or by CREATE) loses the deleted edges instead of restoring them, while MERGE rolls back
    // cleanly. So a store that already holds a graph is written by MERGE (a change is small), and
    // a failed first ingest rolls back to the empty store, which Ladybug does correctly.
    const bulk = tx.bulk && !(await tx.run(S.anyClause, {})).length ? tx.bulk : undefined;

    // A document the batch holds in full replaces what was stored for it: its old clauses and own edges go.
    // With a bulk loader all its clauses go (they come back as new rows); otherwise those the batch keeps stay and are merged.
    const docIds = plan.replacedDocIds;
    let previous = new Map<NodeLabel, Set<string>>();
    if (docIds.length) {
      previous = groupKeys(await tx.run(S.referencedEntities, { docIds }));
      if (bulk) await tx.run(S.removeClausesOf, { docIds });
      else await tx.run(S.removeStaleClauses, { docIds, keep: plan.keptClauseIds });
      await tx.run(S.dropSimilarInto, { docIds });
      for (const type of S.OWNED_EDGE_TYPES) {
        if (bulk && EDGE_SPECS[type].from === 'Clause') continue; // went with their clauses
        await tx.run(S.dropOwnedEdges(type), { docIds });
      }
    }
    const freshClauses = new Set(bulk ? plan.keptClauseIds : []);

    let nodes = 0;
    for (const label of NODE_LABELS) {
      let list = nodesExcept(plan, label, label === 'Document' ? storedInFull : new Set());
      if (!list.length) continue;
      nodes += list.length;
      if (bulk) list = await this.insertNew(tx, bulk, label, list, freshClauses, batchSize);
      await runChunks(tx, S.upsertNodes(label), list.map((n) => n.upsert), batchSize);
      for (const property of nullableNumbers(label)) {
        const set: Row[] = [];
        const clear: string[] = [];
        for (const n of list) {
          const value = n.numbers.find((x) => x.property === property)!.value;
          if (value === null) clear.push(n.key);
          else set.push({ key: n.key, [property]: value });
        }
        await runChunks(tx, S.setNumber(label, property), set, batchSize);
        for (const keys of chunk(clear, batchSize)) await tx.run(S.clearNumber(label, property), { keys });
      }
    }

    let edges = 0;
    const replaced = new Set(docIds);
    for (const [type, all] of plan.edges) {
      let rows = all;
      if (bulk) {
        // No edge can exist yet when it leaves a replaced document or one of its clauses, or enters such a clause.
        const { from, to } = EDGE_SPECS[type];
        const owned = (end: string, label: NodeLabel) => (label === 'Document' ? replaced.has(end) : label === 'Clause' && freshClauses.has(end));
        const fresh = rows.filter((r) => (owned(String(r.source), from) || (to === 'Clause' && freshClauses.has(String(r.target)))) && bulk.canCopy(type, r));
        if (fresh.length) {
          await this.checkEnds(tx, plan, type, fresh, batchSize);
          if (!(await tx.run(S.anyEdge(type), {})).length) {
            await bulk.insertEdges(type, fresh);
            const done = new Set(fresh);
            rows = rows.filter((r) => !done.has(r));
          }
        }
      }
      const written = (await runChunks(tx, S.mergeEdges(type), rows, batchSize)).reduce((n, r) => n + Number(r.written ?? 0), 0);
      if (written !== rows.length) throw danglingEdges(plan, type, rows, written);
      edges += all.length;
    }

    for (const [label, keys] of previous) {
      const inBatch = plan.nodes.get(label)!;
      const candidates = [...keys].filter((k) => !inBatch.has(k));
      if (candidates.length) await tx.run(S.pruneOrphans(label), { keys: candidates });
    }
    return { nodes, edges };
  }

  /** Bulk-inserts the nodes that are not stored yet and returns the rest, to be merged. */
  private async insertNew(tx: CypherTx, bulk: BulkLoader, label: NodeLabel, list: EncodedNode[], freshClauses: Set<string>, batchSize: number): Promise<EncodedNode[]> {
    const full = (n: EncodedNode): Row => {
      const row: Row = { ...n.upsert };
      for (const x of n.numbers) row[x.property] = x.value;
      return row;
    };
    const candidates = list.filter((n) => bulk.canCopy(label, full(n)));
    if (!candidates.length) return list;
    const unknown = candidates.filter((n) => !(label === 'Clause' && freshClauses.has(n.key)));
    const stored = new Set<string>();
    for (const keys of chunk(unknown.map((n) => n.key), batchSize)) {
      for (const r of await tx.run(S.existingKeys(label), { keys })) stored.add(String(r.key));
    }
    const inserted = new Set(candidates.filter((n) => !stored.has(n.key)));
    await bulk.insertNodes(label, [...inserted].map(full));
    return list.filter((n) => !inserted.has(n));
  }

  /** Fails the write (naming an example) when a bulk-inserted edge has an end neither in the batch nor in the store. */
  private async checkEnds(tx: CypherTx, plan: WritePlan, type: EdgeType, rows: Row[], batchSize: number): Promise<void> {
    const { from, to } = EDGE_SPECS[type];
    const missing = new Map<NodeLabel, Set<string>>([[from, new Set()], [to, new Set()]]);
    for (const r of rows) {
      if (!plan.nodes.get(from)!.has(String(r.source))) missing.get(from)!.add(String(r.source));
      if (!plan.nodes.get(to)!.has(String(r.target))) missing.get(to)!.add(String(r.target));
    }
    for (const [label, keys] of missing) {
      for (const part of chunk([...keys], batchSize)) {
        for (const r of await tx.run(S.existingKeys(label), { keys: part })) keys.delete(String(r.key));
      }
    }
    const dangling = rows.filter((r) => missing.get(from)!.has(String(r.source)) || missing.get(to)!.has(String(r.target)));
    if (dangling.length) throw danglingEdges(plan, type, dangling, 0, rows.length);
  }

  async deleteDocument(id: string, options: WriteOptions = {}): Promise<boolean> {
    return this.cypher().write(async (tx) => {
      if (!(await tx.run(S.getDocument, { id })).length) return false;
      const previous = groupKeys(await tx.run(S.referencedEntities, { docIds: [id] }));
      // DETACH DELETE: the clauses' SIMILAR_TO edges, both directions, go with them
      await tx.run(S.removeStaleClauses, { docIds: [id], keep: [] });
      await tx.run(S.deleteDocumentNode, { id });
      for (const [label, keys] of previous) await tx.run(S.pruneOrphans(label), { keys: [...keys] });
      reportPhase('graph-commit');
      if (options.indexGeneration !== undefined) await tx.run(S.writeMeta, { id: INDEX_META_ID, version: options.indexGeneration });
      return true;
    });
  }

  // ------------------------------------------------------------ reads

  async listDocuments(): Promise<DocumentSummary[]> {
    const rows = await this.read(S.listDocuments, {});
    return rows.map((r) => ({ ...decodeNode<PolicyDocument>('Document', r), clauseCount: Number(r.clauseCount) }));
  }

  async getDocument(id: string): Promise<PolicyDocument | null> {
    const rows = await this.read(S.getDocument, { id });
    return rows.length ? decodeNode<PolicyDocument>('Document', rows[0]) : null;
  }

  async outline(docId: string): Promise<OutlineEntry[]> {
    const rows = await this.read(S.outline, { docId });
    return rows.map((r) => ({
      id: String(r.id),
      path: String(r.path),
      number: (r.number as string | null) ?? null,
      heading: (r.heading as string | null) ?? null,
      depth: Number(r.depth),
      ordinal: Number(r.ordinal),
      kind: r.kind as Clause['kind'],
    }));
  }

  async getClauses(ids: string[]): Promise<Clause[]> {
    if (!ids.length) return [];
    const rows = await this.read(S.getClauses, { ids: [...new Set(ids)] });
    const byId = new Map(rows.map((r) => [String(r.id), decodeNode<Clause>('Clause', r)]));
    return inOrder(ids, byId);
  }

  async allClauses(): Promise<Clause[]> {
    const out: Clause[] = [];
    for await (const ids of this.keyPages('Document')) {
      const rows = await this.read(S.clausesOfDocuments, { ids });
      const page = rows.map((row) => decodeNode<Clause>('Clause', row));
      page.sort((a, b) => byText(a.docId, b.docId) || a.ordinal - b.ordinal || byText(a.id, b.id));
      for (const clause of page) out.push(clause); // a page of documents can hold 100k+ clauses: no spread
    }
    return out;
  }

  async expand(ids: string[], filters: ClauseFilters = {}): Promise<ClauseContext[]> {
    if (!ids.length) return [];
    const rows = await this.read(S.expand, { ids: [...new Set(ids)], ...filterParams(filters) });
    const byId = new Map(rows.map((r) => [String(r.c_id), decodeContext(r)]));
    return inOrder(ids, byId);
  }

  async listThemes(): Promise<ThemeSummary[]> {
    const rows = await this.read(S.listThemes, {});
    return rows.map((r) => ({ ...decodeNode('Theme', r), clauseCount: Number(r.clauseCount), documentCount: Number(r.documentCount) }) as ThemeSummary);
  }

  async listAgencies(): Promise<AgencySummary[]> {
    const rows = await this.read(S.listAgencies, {});
    return rows.map(
      (r) =>
        ({
          ...decodeNode('Agency', r),
          leadCount: Number(r.leadCount),
          supportCount: Number(r.supportCount),
          issuedCount: Number(r.issuedCount),
        }) as AgencySummary,
    );
  }

  async listTargets(metric?: string): Promise<TargetRow[]> {
    const rows = await this.read(S.listTargets, { metric: metric ?? '' });
    return rows.map(
      (r) =>
        ({
          ...decodeNode('Target', r),
          clauseId: String(r.clauseId),
          docId: String(r.docId),
          docNumber: (r.docNumber as string | null) ?? null,
          title: String(r.title),
          region: (r.region as string | null) ?? null,
          level: r.level,
          path: String(r.path),
        }) as TargetRow,
    );
  }

  async repeatingClauses(ids: string[]): Promise<{ from: string; to: string }[]> {
    if (!ids.length) return [];
    const rows = await this.cypher().read((tx) => tx.run(S.repeatingClauses, { ids }));
    return rows.map((r) => ({ from: String(r.source), to: String(r.target) }));
  }

  async neighbourhood(id: string, depth: 1 | 2): Promise<Neighbourhood> {
    if (depth !== 1 && depth !== 2) throw new PolicyGraphError('BAD_REQUEST', `neighbourhood depth must be 1 or 2 (got ${depth})`);
    return this.cypher().read(async (tx) => {
      const start = await tx.run(S.findNode, { id });
      if (!start.length) throw new PolicyGraphError('NOT_FOUND', `no node with id "${id}" in the graph`);
      const nodes = new Map<string, NeighbourhoodNode>([[id, toNode(start[0].label, start[0].id, start[0].name)]]);
      const edges = new Map<string, NeighbourhoodEdge>();
      let frontier = [id];
      for (let hop = 0; hop < depth && frontier.length; hop++) {
        const next: string[] = [];
        for (const r of await tx.run(S.neighbourHop, { ids: frontier })) {
          edges.set(`${r.type}\u0000${r.source}\u0000${r.target}`, { type: r.type as NeighbourhoodEdge['type'], from: String(r.source), to: String(r.target) });
          for (const [label, key, name] of [
            [r.sourceLabel, r.source, r.sourceName],
            [r.targetLabel, r.target, r.targetName],
          ]) {
            if (nodes.has(String(key))) continue;
            nodes.set(String(key), toNode(label, key, name));
            next.push(String(key));
          }
        }
        frontier = next;
      }
      return { nodes: [...nodes.values()], edges: [...edges.values()] };
    });
  }

  async *exportAll(): AsyncIterable<ExportRecord> {
    for (const label of NODE_LABELS) {
      const key = NODE_SPECS[label].key;
      for (let after = ''; ; ) {
        const rows = await this.read(S.exportNodes(label), { after, limit: EXPORT_PAGE });
        for (const row of rows) {
          const properties: Record<string, unknown> = decodeNode(label, row);
          if (key === 'id') delete properties.id;
          yield { kind: 'node', label, id: String(row[key]), properties };
        }
        if (rows.length < EXPORT_PAGE) break;
        after = String(rows[rows.length - 1][key]);
      }
    }
    yield* this.exportEdges(EDGE_TYPES);
  }

  /** The edges of the given types, source by source in key order (what exportAll ends with). */
  async *exportEdges(types: readonly EdgeType[]): AsyncIterable<ExportRecord> {
    for (const type of types) {
      const spec = EDGE_SPECS[type];
      for await (const keys of this.keyPages(spec.from)) {
        const rows = await this.read(S.exportEdges(type), { keys });
        // sources come in key order page by page; within a page, order as a whole-table sort would
        const order = (r: Row) => [String(r.source), String(r.target), ...spec.mergeKeys.map((k) => String(r[k] ?? ''))];
        rows.sort((a, b) => {
          const [x, y] = [order(a), order(b)];
          for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return byText(x[i], y[i]);
          return 0;
        });
        for (const row of rows) yield { kind: 'edge', type, from: String(row.source), to: String(row.target), properties: decodeEdgeProperties(type, row) };
      }
    }
  }

  // ------------------------------------------------------------ helpers

  private read(statement: S.Statement, params: Params): Promise<Row[]> {
    return this.cypher().read((tx) => tx.run(statement, params));
  }

  /** The keys of a label in order, a page at a time (keyset pagination: `key > last`, never SKIP). */
  private async *keyPages(label: NodeLabel): AsyncIterable<string[]> {
    for (let after = ''; ; ) {
      const keys = (await this.read(S.pageKeys(label), { after, limit: EXPORT_PAGE })).map((r) => String(r.key));
      if (keys.length) yield keys;
      if (keys.length < EXPORT_PAGE) return;
      after = keys[keys.length - 1];
    }
  }
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Runs an UNWIND statement over rows in chunks of `size` (skipping it when there are none) and concatenates the results. */
export async function runChunks(tx: CypherTx, statement: S.Statement, rows: Row[], size: number): Promise<Row[]> {
  const out: Row[] = [];
  for (const part of chunk(rows, size)) out.push(...(await tx.run(statement, { rows: part })));
  return out;
}

function groupKeys(rows: Row[]): Map<NodeLabel, Set<string>> {
  const out = new Map<NodeLabel, Set<string>>();
  for (const r of rows) {
    const label = r.label as NodeLabel;
    if (!out.has(label)) out.set(label, new Set());
    out.get(label)!.add(String(r.key));
  }
  return out;
}

function inOrder<T>(ids: string[], byId: Map<string, T>): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const id of ids) {
    const item = byId.get(id);
    if (item !== undefined && !seen.has(id)) {
      seen.add(id);
      out.push(item);
    }
  }
  return out;
}

function toNode(label: unknown, id: unknown, name: unknown): NeighbourhoodNode {
  return { id: String(id), label: String(label), name: name == null ? String(id) : String(name) };
}

/** The error for edges whose ends exist neither in the batch nor in the store; names one of them. */
function danglingEdges(plan: WritePlan, type: EdgeType, rows: Row[], written: number, total = rows.length): PolicyGraphError {
  const { from, to } = EDGE_SPECS[type];
  const example = rows.find((r) => !plan.nodes.get(from)!.has(String(r.source)) || !plan.nodes.get(to)!.has(String(r.target)));
  const hint = example ? ` (e.g. ${example.source} -> ${example.target})` : '';
  return new PolicyGraphError(
    'BAD_REQUEST',
    `cannot write the batch: ${rows.length - written} of ${total} ${type} edges point to nodes that are neither in the batch nor in the store${hint}; nothing was written`,
  );
}
