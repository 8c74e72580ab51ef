// The domain types of PolicyGraph, defined once and shared by ingest, graph, search and api.
// Labels, edge types and property names follow shared/design.md.

/** A span of an input file, in UTF-16 code units of the decoded text (see ingest/decode.ts). */
export interface SourceSpan {
  file: string;
  start: number;
  end: number;
}

/** The enums, declared once: every schema, filter check and sort order takes them from here. */
export const DOCUMENT_LEVELS = ['national', 'provincial', 'municipal', 'unknown'] as const;
export const DOCUMENT_KINDS = ['policy', 'commentary'] as const;
export const AGENCY_LEVELS = ['central', 'provincial', 'municipal'] as const;
export const REGION_LEVELS = ['country', 'province', 'city'] as const;

export type Level = (typeof DOCUMENT_LEVELS)[number];
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** National before provincial before municipal, unknown last: how rows of several levels are listed. */
export function levelOrder(level: string): number {
  const i = DOCUMENT_LEVELS.indexOf(level as Level);
  return i < 0 ? DOCUMENT_LEVELS.length : i;
}

export interface PolicyDocument {
  id: string;
  title: string;
  /** 文号, e.g. 国发〔2017〕40号 */
  docNumber: string | null;
  /** Issuing agencies as written (canonical names once extraction has run). */
  issuers: string[];
  region: string | null;
  level: Level;
  year: number | null;
  /** ISO date (YYYY-MM-DD) where the text states one. */
  date: string | null;
  draft: boolean;
  kind: DocumentKind;
  /** false for documents known only because another document cites them. */
  inCorpus: boolean;
  /** Other titles the document is known by (e.g. the 印发 notice that carries it). */
  aliases: string[];
  sources: SourceSpan[];
  /** Legal or policy type: 宪法, 法律, 行政法规, 部门规章, 地方性法规, 司法解释, 规范性文件 … (null when unknown). */
  docType?: string | null;
  /** 主题分类 as the publisher files it (gov.cn metadata table). */
  subject?: string | null;
  /** 索引号 of the publisher's catalogue. */
  indexNumber?: string | null;
  /** ISO date the text was published or promulgated (发布日期/公布). */
  publishedDate?: string | null;
  /** ISO date the text takes effect (施行). */
  effectiveDate?: string | null;
  /** Adoption and amendment history from the header, oldest first. */
  history?: DocumentEvent[] | null;
  /** The edition: ISO date of the version this text is (laws that were amended have several). */
  edition?: string | null;
  /** current | superseded (a newer edition is in the corpus) | repealed; null when unknown. */
  status?: DocumentStatus | null;
}

export type DocumentStatus = 'current' | 'superseded' | 'repealed';

/** Which edition a reference means first: current, then of unknown status, superseded last. */
export function editionRank(doc: Pick<PolicyDocument, 'status'>): number {
  return doc.status === 'current' ? 2 : doc.status === 'superseded' ? 0 : 1;
}

/** One step of a document's history: adopted, amended, revised, promulgated, effective … */
export interface DocumentEvent {
  date: string | null;
  /** adopted | amended | revised | promulgated | effective | approved | other */
  event: string;
  /** The header line as written. */
  text: string;
}

export type ClauseKind = 'section' | 'item' | 'paragraph' | 'box' | 'table-row' | 'preamble' | 'closing';

export interface Clause {
  id: string;
  docId: string;
  /** Citable path of official numbers, e.g. `三、/（十一）`; unnumbered paragraphs end in `¶N`. */
  path: string;
  /** The clause's own number as written (一、 （三） 1. 专栏2 附件/3), or null for paragraphs. */
  number: string | null;
  heading: string | null;
  text: string;
  /** Position of the clause in document order (0-based). */
  ordinal: number;
  depth: number;
  parentId: string | null;
  kind: ClauseKind;
  /** Structured cells of a table row (column header → cell text). */
  fields: Record<string, string> | null;
  sources: SourceSpan[];
}

export interface Theme {
  id: string;
  name: string;
  aliases: string[];
  category: string | null;
}

export type AgencyLevel = (typeof AGENCY_LEVELS)[number];

export interface Agency {
  id: string;
  name: string;
  aliases: string[];
  level: AgencyLevel;
  region: string | null;
  /** Canonical name of the agency that took over this one after a reorganisation, if any. */
  successor: string | null;
}

export interface Region {
  name: string;
  level: RegionLevel;
}

export type RegionLevel = (typeof REGION_LEVELS)[number];

export interface Target {
  id: string;
  metric: string;
  /** The value as written, e.g. 6万亿元. */
  value: string;
  /** The value as a number in base units (6万亿元 → 6e12), or null. */
  amount: number | null;
  unit: string | null;
  year: number | null;
  growth: string | null;
}

export const NODE_LABELS = ['Document', 'Clause', 'Theme', 'Agency', 'Region', 'Target'] as const;
export type NodeLabel = (typeof NODE_LABELS)[number];

export const EDGE_TYPES = [
  'HAS_CLAUSE',
  'HAS_CHILD',
  'NEXT',
  'ISSUED_BY',
  'CITES',
  'IMPLEMENTS',
  'APPLIES_TO',
  'MENTIONS',
  'ASSIGNS',
  'SETS',
  'SIMILAR_TO',
  'REPEATS',
  'AMENDS',
  'REPEALS',
  'SUPERSEDES',
] as const;
export type EdgeType = (typeof EDGE_TYPES)[number];

/** Which node labels each edge type connects (used by schema DDL and validation). */
export const EDGE_ENDPOINTS: Record<EdgeType, [NodeLabel, NodeLabel]> = {
  HAS_CLAUSE: ['Document', 'Clause'],
  HAS_CHILD: ['Clause', 'Clause'],
  NEXT: ['Clause', 'Clause'],
  ISSUED_BY: ['Document', 'Agency'],
  CITES: ['Document', 'Document'],
  IMPLEMENTS: ['Document', 'Document'],
  APPLIES_TO: ['Document', 'Region'],
  MENTIONS: ['Clause', 'Theme'],
  ASSIGNS: ['Clause', 'Agency'],
  SETS: ['Clause', 'Target'],
  SIMILAR_TO: ['Clause', 'Clause'],
  /** A task-table row that repeats a body clause. */
  REPEATS: ['Clause', 'Clause'],
  /** A 修正/修订 decision or amendment → the law it changes. */
  AMENDS: ['Document', 'Document'],
  /** A document → one it declares repealed (…同时废止). */
  REPEALS: ['Document', 'Document'],
  /** A newer edition of a law → the older edition of the same law. */
  SUPERSEDES: ['Document', 'Document'],
};

export type EdgeProperties = Record<string, string | number | boolean | null>;

export interface Edge {
  type: EdgeType;
  from: string;
  to: string;
  properties: EdgeProperties;
}

/** Everything one ingest run produces; the unit a GraphStore writes. */
export interface GraphBatch {
  documents: PolicyDocument[];
  clauses: Clause[];
  themes: Theme[];
  agencies: Agency[];
  regions: Region[];
  targets: Target[];
  edges: Edge[];
}

export function emptyBatch(): GraphBatch {
  return { documents: [], clauses: [], themes: [], agencies: [], regions: [], targets: [], edges: [] };
}

/** One line of `policygraph export --format jsonl`. */
export type ExportRecord =
  | { kind: 'node'; label: NodeLabel; id: string; properties: Record<string, unknown> }
  | { kind: 'edge'; type: EdgeType; from: string; to: string; properties: Record<string, unknown> };
