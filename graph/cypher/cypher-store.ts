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
  WriteStats,
} from '../store.js';
import { chunk, type CypherEngine, type CypherTx, type Params } from './engine.js';
import { decodeEdgeProperties, decodeNode, type Row } from './records.js';
import { nodesExcept, planWrite, type WritePlan } from './write-plan.js';
import { decodeContext, filterParams } from './expand.js';
import * as S from './statements.js';

const EXPORT_PAGE = 1000;

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

  async write(batch: GraphBatch): Promise<WriteStats> {
    const plan = planWrite(batch);
    const db = this.cypher();
    return db.write((tx) => this.writePlan(tx, plan, db.batchSize));
  }

  private async writePlan(tx: CypherTx, plan: WritePlan, batchSize: number): Promise<WriteStats> {
    const storedInFull = plan.citedOnlyDocIds.length
      ? new Set((await tx.run(S.inCorpusDocuments, { ids: plan.citedOnlyDocIds })).map((r) => String(r.id)))
      : new Set<string>();

    // A document the batch holds in full replaces what was stored for it: its old clauses and own edges go.
    const docIds = plan.replacedDocIds;
    let previous = new Map<NodeLabel, Set<string>>();
    if (docIds.length) {
      previous = groupKeys(await tx.run(S.referencedEntities, { docIds }));
      await tx.run(S.removeStaleClauses, { docIds, keep: plan.keptClauseIds });
      for (const type of S.OWNED_EDGE_TYPES) await tx.run(S.dropOwnedEdges(type), { docIds });
      await tx.run(S.dropSimilarInto, { docIds });
    }

    let nodes = 0;
    for (const label of NODE_LABELS) {
      const list = nodesExcept(plan, label, label === 'Document' ? storedInFull : new Set());
      if (!list.length) continue;
      nodes += list.length;
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
    for (const [type, rows] of plan.edges) {
      const written = (await runChunks(tx, S.mergeEdges(type), rows, batchSize)).reduce((n, r) => n + Number(r.written ?? 0), 0);
      if (written !== rows.length) throw danglingEdges(plan, type, rows, written);
      edges += rows.length;
    }

    for (const [label, keys] of previous) {
      const inBatch = plan.nodes.get(label)!;
      const candidates = [...keys].filter((k) => !inBatch.has(k));
      if (candidates.length) await tx.run(S.pruneOrphans(label), { keys: candidates });
    }
    return { nodes, edges };
  }

  async deleteDocument(id: string): Promise<boolean> {
    return this.cypher().write(async (tx) => {
      if (!(await tx.run(S.getDocument, { id })).length) return false;
      const previous = groupKeys(await tx.run(S.referencedEntities, { docIds: [id] }));
      await tx.run(S.removeStaleClauses, { docIds: [id], keep: [] });
      await tx.run(S.deleteDocumentNode, { id });
      for (const [label, keys] of previous) await tx.run(S.pruneOrphans(label), { keys: [...keys] });
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
    for await (const row of this.pages(S.allClauses)) out.push(decodeNode<Clause>('Clause', row));
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
      for await (const row of this.pages(S.exportNodes(label))) {
        const properties: Record<string, unknown> = decodeNode(label, row);
        if (key === 'id') delete properties.id;
        yield { kind: 'node', label, id: String(row[key]), properties };
      }
    }
    for (const type of EDGE_TYPES) {
      for await (const row of this.pages(S.exportEdges(type))) {
        yield { kind: 'edge', type, from: String(row.source), to: String(row.target), properties: decodeEdgeProperties(type, row) };
      }
    }
  }

  // ------------------------------------------------------------ helpers

  private read(statement: S.Statement, params: Params): Promise<Row[]> {
    return this.cypher().read((tx) => tx.run(statement, params));
  }

  /** Runs a statement taking $skip/$limit page by page, each page its own read. */
  private async *pages(statement: S.Statement): AsyncIterable<Row> {
    for (let skip = 0; ; skip += EXPORT_PAGE) {
      const rows = await this.read(statement, { skip, limit: EXPORT_PAGE });
      yield* rows;
      if (rows.length < EXPORT_PAGE) return;
    }
  }
}

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
function danglingEdges(plan: WritePlan, type: EdgeType, rows: Row[], written: number): PolicyGraphError {
  const { from, to } = EDGE_SPECS[type];
  const example = rows.find((r) => !plan.nodes.get(from)!.has(String(r.source)) || !plan.nodes.get(to)!.has(String(r.target)));
  const hint = example ? ` (e.g. ${example.source} -> ${example.target})` : '';
  return new PolicyGraphError(
    'BAD_REQUEST',
    `cannot write the batch: ${rows.length - written} of ${rows.length} ${type} edges point to nodes that are neither in the batch nor in the store${hint}; nothing was written`,
  );
}
