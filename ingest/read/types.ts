// What a reader makes of one input file: the text the parser reads (and sources point into), its format
// and encoding, and the metadata the container states authoritatively (a gov.cn metadata table).
import type { Encoding } from '../decode.js';

export type InputFormat = 'text' | 'markdown' | 'html' | 'docx' | 'pdf';

/** Facts a page or file states about its document, outside the text itself. */
export interface SourceMetadata {
  title?: string;
  docNumber?: string;
  /** One agency name each, as written (never split further). */
  issuers?: string[];
  /** ISO date of issue (成文日期). */
  date?: string;
  /** ISO date of publication (发布日期). */
  publishedDate?: string;
  /** 主题分类. */
  subject?: string;
  /** 索引号. */
  indexNumber?: string;
}

export type ReadResult =
  | { ok: true; text: string; format: InputFormat; encoding?: Encoding; metadata?: SourceMetadata }
  | { ok: false; reason: string };
