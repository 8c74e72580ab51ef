// Which reader a file goes to, by its extension (the list is data: ingest/data/input-formats.json).
import path from 'node:path';
import formats from '../data/input-formats.json' with { type: 'json' };
import type { InputFormat } from './types.js';

const BY_EXTENSION: Record<string, InputFormat> = formats.extensions as Record<string, InputFormat>;

export const SUPPORTED_EXTENSIONS = Object.keys(BY_EXTENSION);

export function formatOf(file: string): InputFormat | null {
  return BY_EXTENSION[path.extname(file).toLowerCase()] ?? null;
}

/** The one-line reason a file of this name is not read. */
export function unsupportedReason(file: string): string {
  const ext = path.extname(file).toLowerCase();
  return ext ? `unsupported file type ${ext} (supported: ${SUPPORTED_EXTENSIONS.join(' ')})` : `unsupported file type (no extension; supported: ${SUPPORTED_EXTENSIONS.join(' ')})`;
}
