// Stage 1 of ingest: files → decoded text → documents and clause trees → one merged GraphBatch.
// Pure with respect to the store: nothing is written here.
import { promises as fs } from 'node:fs';
import type { Clause, Edge, GraphBatch } from '../graph/model.js';
import { emptyBatch } from '../graph/model.js';
import { collectInputFiles } from './read.js';
import { readInput } from './read/read-input.js';
import { applySourceMetadata } from './read/apply-metadata.js';
import { parseFile } from './parse-file.js';
import { mergeCopies } from './merge-copies.js';
import { linkEditions } from './law/editions.js';
import type { DecodedFile, NoiseSpan, ParsedDocument, SkippedInput } from './types.js';

/** A noise span as the corpus keeps it: where and why, without its text (a slice that would keep the whole file's text alive). */
export type RecordedNoise = Omit<NoiseSpan, 'text'>;

export interface ParsedCorpus {
  batch: GraphBatch;
  files: string[];
  skipped: SkippedInput[];
  noise: RecordedNoise[];
  documentsMerged: number;
  passagesMerged: number;
}

export interface ParseProgress {
  onFile?: (file: string, index: number, total: number) => void;
}

export async function parseCorpus(paths: string[], progress: ParseProgress = {}): Promise<ParsedCorpus> {
  const collected = await collectInputFiles(paths);
  const inputs = collected.files;
  const parsed: ParsedDocument[] = [];
  const noise: RecordedNoise[] = [];
  const skipped: SkippedInput[] = [...collected.skipped];
  const files: string[] = [];
  for (const [index, input] of inputs.entries()) {
    progress.onFile?.(input.name, index, inputs.length);
    const bytes = await fs.readFile(input.path).catch((err: NodeJS.ErrnoException) => err);
    if (bytes instanceof Error) {
      skipped.push({ file: input.path, reason: `cannot read: ${bytes.code ?? bytes.message}` });
      continue;
    }
    const read = await readInput(input.name, bytes);
    if (!read.ok) {
      skipped.push({ file: input.path, reason: read.reason });
      continue;
    }
    const decoded: DecodedFile = { file: input.name, text: read.text, format: read.format, encoding: read.encoding, metadata: read.metadata };
    const result = parseFile(decoded);
    // the container's metadata describes one document: a file that holds several (notes) keeps what the text says
    if (decoded.metadata && result.documents.length === 1) result.documents[0] = applySourceMetadata(result.documents[0], decoded.metadata);
    const problem = structureProblem(result.documents, decoded.text);
    if (problem) {
      skipped.push({ file: input.path, reason: problem });
      continue;
    }
    files.push(input.name);
    parsed.push(...result.documents);
    for (const span of [...result.noise, ...result.documents.flatMap((d) => d.noise)]) noise.push({ file: span.file, start: span.start, end: span.end, reason: span.reason });
    for (const document of result.documents) document.noise.length = 0; // recorded above; merging copies does not read it
  }
  const merged = mergeCopies(parsed);
  const batch = emptyBatch();
  batch.documents = merged.documents;
  batch.clauses = merged.clauses;
  batch.edges = [...structureEdges(merged.clauses), ...linkEditions(merged.documents)];
  return { batch, files, skipped, noise, documentsMerged: merged.documentsMerged, passagesMerged: merged.passagesMerged };
}

/** Why a decoded file is not a policy text we can cite from, or null when it is. */
function structureProblem(documents: ParsedDocument[], text: string): string | null {
  // judged on prose: a long table or list of coordinates or figures says nothing about the language
  const prose = text.split('\n').filter((line) => !isTableOrFigureLine(line)).join('\n');
  const cjk = (prose.match(/[\u3400-\u9fff]/g) ?? []).length;
  const visible = prose.replace(/\s/g, '').length;
  if (visible === 0 || cjk / visible < 0.3) return 'no recognisable structure: not a Chinese policy text (too little Chinese text)';
  const clauses = documents.flatMap((d) => d.clauses);
  if (!clauses.length) return 'no recognisable structure: no clauses found';
  // a legal text with its title and history is citable however short (a one-article interpretation)
  if (documents.some((d) => d.document.history?.length)) return null;
  const numbered = clauses.some((c) => c.number !== null) || documents.some((d) => d.document.docNumber);
  if (!numbered && cjk < 200) return 'no recognisable structure: no numbered clauses, 文号 or substantial text';
  return null;
}

/** A table row (tab-separated cells) or a line of figures only: no Chinese, no Latin word. */
function isTableOrFigureLine(line: string): boolean {
  return line.includes('\t') || (!/[\u3400-\u9fff]/.test(line) && !/[A-Za-z]{3,}/.test(line));
}

/** HAS_CLAUSE (document → each clause), HAS_CHILD (the tree) and NEXT (reading order). */
function structureEdges(clauses: Clause[]): Edge[] {
  const edges: Edge[] = [];
  const byDoc = new Map<string, Clause[]>();
  for (const clause of clauses) {
    const list = byDoc.get(clause.docId);
    if (list) list.push(clause);
    else byDoc.set(clause.docId, [clause]);
  }
  for (const [docId, docClauses] of byDoc) {
    docClauses.sort((a, b) => a.ordinal - b.ordinal);
    docClauses.forEach((clause, i) => {
      clause.ordinal = i;
      edges.push({ type: 'HAS_CLAUSE', from: docId, to: clause.id, properties: {} });
      if (clause.parentId) edges.push({ type: 'HAS_CHILD', from: clause.parentId, to: clause.id, properties: {} });
      const next = docClauses[i + 1];
      if (next) edges.push({ type: 'NEXT', from: clause.id, to: next.id, properties: {} });
    });
  }
  return edges;
}
