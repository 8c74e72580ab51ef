// Types passed between the ingest stages (read → decode → lines → documents → clauses → dedupe).
import type { Clause, PolicyDocument, SourceSpan } from '../graph/model.js';
import type { SourceText } from './unit.js';
import type { Encoding } from './decode.js';
import type { InputFormat, SourceMetadata } from './read/types.js';

export interface Line {
  /** The cleaned line with the original offset of every character. */
  src: SourceText;
  /** The line as decoded, without its line break (tabs kept: tables use them). */
  raw: string;
  /** Offset of raw[0] in the decoded file. */
  rawStart: number;
  /** Blank lines directly before this line. */
  blankBefore: number;
}

export type NoiseReason =
  | 'table of contents'
  | 'page number'
  | 'document header'
  | 'signature'
  | 'addressee'
  | 'source attribution'
  | 'publication note'
  | 'attachment reference'
  | 'notes heading'
  | 'empty excerpt'
  | 'repeated crawl text'
  | 'table header'
  | 'list marker'
  | 'adoption history'
  | 'markup';

/** Text that belongs to no clause, with the reason why. */
export interface NoiseSpan {
  file: string;
  start: number;
  end: number;
  reason: NoiseReason;
  text: string;
}

export interface DecodedFile {
  /** The file's name, as recorded in sources. */
  file: string;
  /** The text the reader extracted (sources point into it). */
  text: string;
  format?: InputFormat;
  encoding?: Encoding;
  /** What the container states about the document (gov.cn metadata table); it wins over the text. */
  metadata?: SourceMetadata;
}

/** A document as found in one file, before documents from several files are merged. */
export interface ParsedDocument {
  document: PolicyDocument;
  clauses: Clause[];
  noise: NoiseSpan[];
  /** Ranks copies of one document: the fullest, official text is the canonical one. */
  completeness: number;
  /** Whether this occurrence is an excerpt inside a notes file (a copy rather than the source). */
  excerpt: boolean;
  /** Each clause's text with the source offset of every character (for merging copies sentence by sentence). */
  texts: Map<string, SourceText>;
  /** The container's metadata that was applied to `document`, when the file had any. */
  metadata?: SourceMetadata;
}

export interface SkippedInput {
  file: string;
  reason: string;
  /** A file of a scanned directory that no reader takes (listed, but not a failed input). */
  unsupported?: boolean;
}

export type { SourceSpan };
