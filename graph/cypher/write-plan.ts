// Turns a GraphBatch into checked, de-duplicated rows for the write statements, before any
// transaction starts. Also derives the clause-tree edges the clause records already imply
// (HAS_CLAUSE from docId, HAS_CHILD from parentId, NEXT from ordinal), so a batch need not carry
// them and they can never disagree with the clauses.
import { EDGE_TYPES, NODE_LABELS, type Clause, type Edge, type EdgeType, type GraphBatch, type NodeLabel, type PolicyDocument } from '../model.js';
import { PolicyGraphError } from '../errors.js';
import { encodeEdge, encodeNode, edgeIdentity, type EncodedNode, type Row } from './records.js';

export interface WritePlan {
  /** Encoded nodes per label, one per key (later duplicates replace earlier ones). */
  nodes: Map<NodeLabel, Map<string, EncodedNode>>;
  /** Documents the batch holds in full: their clause set and own edges are replaced. */
  replacedDocIds: string[];
  /** Documents the batch knows only as citation targets (inCorpus false): never overwrite a stored full text. */
  citedOnlyDocIds: string[];
  /** Clause ids of the replaced documents that the batch keeps. */
  keptClauseIds: string[];
  edges: Map<EdgeType, Row[]>;
}

const LIST_OF: Record<NodeLabel, keyof GraphBatch> = {
  Document: 'documents',
  Clause: 'clauses',
  Theme: 'themes',
  Agency: 'agencies',
  Region: 'regions',
  Target: 'targets',
};

export function planWrite(batch: GraphBatch): WritePlan {
  const nodes = new Map<NodeLabel, Map<string, EncodedNode>>();
  for (const label of NODE_LABELS) {
    const list = (batch[LIST_OF[label]] ?? []) as object[];
    if (!Array.isArray(list)) throw new PolicyGraphError('BAD_REQUEST', `cannot write the batch: ${LIST_OF[label]} must be a list`);
    const byKey = new Map<string, EncodedNode>();
    for (const item of label === 'Document' ? fullTextsLast(list as PolicyDocument[]) : list) {
      const encoded = encodeNode(label, item);
      byKey.set(encoded.key, encoded);
    }
    nodes.set(label, byKey);
  }

  const documents = [...nodes.get('Document')!.values()];
  const replaced = new Set(documents.filter((d) => d.upsert.inCorpus === true).map((d) => d.key));
  const citedOnly = documents.filter((d) => d.upsert.inCorpus !== true).map((d) => d.key);
  const clauses = uniqueClauses(batch.clauses ?? []);
  const kept = clauses.filter((c) => replaced.has(c.docId)).map((c) => c.id);

  const edges = new Map<EdgeType, Map<string, Row>>(EDGE_TYPES.map((t) => [t, new Map()]));
  const add = (edge: Edge) => {
    const row = encodeEdge(edge);
    edges.get(edge.type)!.set(edgeIdentity(edge.type, row), row);
  };
  for (const edge of treeEdges(clauses, replaced)) add(edge);
  for (const edge of batch.edges ?? []) add(edge);

  return {
    nodes,
    replacedDocIds: [...replaced],
    citedOnlyDocIds: citedOnly,
    keptClauseIds: kept,
    edges: new Map([...edges].map(([t, rows]) => [t, [...rows.values()]])),
  };
}

/** Orders documents so that a full text wins over a cited-only copy of the same id. */
function fullTextsLast(documents: PolicyDocument[]): PolicyDocument[] {
  return [...documents.filter((d) => d?.inCorpus !== true), ...documents.filter((d) => d?.inCorpus === true)];
}

function uniqueClauses(clauses: Clause[]): Clause[] {
  return [...new Map(clauses.map((c) => [c.id, c])).values()];
}

/** HAS_CLAUSE and HAS_CHILD for every clause; NEXT (reading order) within documents the batch holds in full. */
function treeEdges(clauses: Clause[], fullDocs: Set<string>): Edge[] {
  const edges: Edge[] = [];
  const byDoc = new Map<string, Clause[]>();
  for (const c of clauses) {
    edges.push({ type: 'HAS_CLAUSE', from: c.docId, to: c.id, properties: {} });
    if (c.parentId) edges.push({ type: 'HAS_CHILD', from: c.parentId, to: c.id, properties: {} });
    if (!fullDocs.has(c.docId)) continue;
    const siblings = byDoc.get(c.docId);
    if (siblings) siblings.push(c);
    else byDoc.set(c.docId, [c]);
  }
  for (const list of byDoc.values()) {
    list.sort((a, b) => a.ordinal - b.ordinal);
    for (let i = 1; i < list.length; i++) edges.push({ type: 'NEXT', from: list[i - 1].id, to: list[i].id, properties: {} });
  }
  return edges;
}

/** The plan's nodes of one label without the given keys (cited-only documents already stored in full). */
export function nodesExcept(plan: WritePlan, label: NodeLabel, exclude: Set<string>): EncodedNode[] {
  return [...plan.nodes.get(label)!.values()].filter((n) => !exclude.has(n.key));
}
