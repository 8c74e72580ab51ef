// A small binary container for index files: a JSON header followed by named sections (string
// lists, Uint32 arrays, raw bytes), each 4-byte aligned so typed arrays view the file buffer
// without copying. One read and a few views load it: no JSON.parse over per-clause data.
import fs from 'node:fs';
import { PolicyGraphError } from '../graph/errors.js';
import { writeFileAtomic } from './atomic-file.js';

const MAGIC = 'PGBS';

export type Section = { kind: 'strings'; value: string[] } | { kind: 'u32'; value: Uint32Array } | { kind: 'bytes'; value: Uint8Array };

interface SectionEntry {
  name: string;
  kind: Section['kind'];
  offset: number;
  length: number;
  count: number;
}

const pad4 = (n: number) => (n + 3) & ~3;

function sectionBytes(name: string, section: Section): { bytes: Uint8Array; count: number } {
  if (section.kind === 'strings') {
    for (const s of section.value) {
      if (s.includes('\n')) throw new PolicyGraphError('BAD_REQUEST', `cannot store "${s.slice(0, 40)}" in section ${name}: it contains a line break`);
    }
    return { bytes: Buffer.from(section.value.join('\n'), 'utf8'), count: section.value.length };
  }
  if (section.kind === 'u32') return { bytes: new Uint8Array(section.value.buffer, section.value.byteOffset, section.value.byteLength), count: section.value.length };
  return { bytes: section.value, count: section.value.length };
}

/** Writes `header` and `sections` to `file` atomically. */
export function writeSections(file: string, format: string, header: Record<string, unknown>, sections: Record<string, Section>): void {
  const parts = Object.entries(sections).map(([name, section]) => ({ name, kind: section.kind, ...sectionBytes(name, section) }));
  const entries: SectionEntry[] = [];
  let offset = 0;
  for (const part of parts) {
    entries.push({ name: part.name, kind: part.kind, offset, length: part.bytes.byteLength, count: part.count });
    offset = pad4(offset + part.bytes.byteLength);
  }
  const headerBytes = Buffer.from(JSON.stringify({ format, header, sections: entries }), 'utf8');
  const start = pad4(12 + headerBytes.byteLength);
  const out = Buffer.alloc(start + offset);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(1, 4);
  out.writeUInt32LE(headerBytes.byteLength, 8);
  headerBytes.copy(out, 12);
  parts.forEach((part, i) => out.set(part.bytes, start + entries[i].offset));
  writeFileAtomic(file, (temporary) => fs.writeFileSync(temporary, out));
}

export class SectionFile {
  private constructor(
    readonly header: Record<string, unknown>,
    private readonly buffer: Buffer,
    private readonly start: number,
    private readonly entries: Map<string, SectionEntry>,
    private readonly source: string,
  ) {}

  /** Reads `file`; a missing file is INDEX_MISSING, a foreign or truncated one INDEX_MISMATCH. */
  static read(file: string, format: string): SectionFile {
    let buffer: Buffer;
    try {
      buffer = fs.readFileSync(file);
    } catch {
      throw new PolicyGraphError('INDEX_MISSING', `no index file at ${file}: run policygraph ingest first`);
    }
    // typed-array views need a 4-byte aligned start (small files may sit at any offset of Node's pool)
    if (buffer.byteOffset % 4 !== 0) buffer = Buffer.from(Uint8Array.prototype.slice.call(buffer));
    const bad = () => new PolicyGraphError('INDEX_MISMATCH', `${file} is not a ${format} file this PolicyGraph reads: re-run policygraph ingest`);
    if (buffer.byteLength < 12 || buffer.toString('latin1', 0, 4) !== MAGIC || buffer.readUInt32LE(4) !== 1) throw bad();
    const headerLength = buffer.readUInt32LE(8);
    let parsed: { format: string; header: Record<string, unknown>; sections: SectionEntry[] };
    try {
      parsed = JSON.parse(buffer.toString('utf8', 12, 12 + headerLength));
    } catch {
      throw bad();
    }
    if (parsed.format !== format) throw bad();
    const start = pad4(12 + headerLength);
    for (const entry of parsed.sections) if (start + entry.offset + entry.length > buffer.byteLength) throw bad();
    return new SectionFile(parsed.header, buffer, start, new Map(parsed.sections.map((e) => [e.name, e])), file);
  }

  /** Whether the file has a section of this name (sections added by later versions are optional). */
  has(name: string): boolean {
    return this.entries.has(name);
  }

  private entry(name: string, kind: Section['kind']): SectionEntry {
    const entry = this.entries.get(name);
    if (!entry || entry.kind !== kind) throw new PolicyGraphError('INDEX_MISMATCH', `${this.source} lacks its ${name} section: re-run policygraph ingest`);
    return entry;
  }

  strings(name: string): string[] {
    const e = this.entry(name, 'strings');
    if (e.count === 0) return [];
    return this.buffer.toString('utf8', this.start + e.offset, this.start + e.offset + e.length).split('\n');
  }

  /** A view into the file buffer (no copy). */
  u32(name: string): Uint32Array {
    const e = this.entry(name, 'u32');
    return new Uint32Array(this.buffer.buffer, this.buffer.byteOffset + this.start + e.offset, e.count);
  }

  /** The stored bytes of a section of any kind, as written (a view, no copy): for digests. */
  raw(name: string): Uint8Array {
    const e = this.entries.get(name);
    if (!e) throw new PolicyGraphError('INDEX_MISMATCH', `${this.source} lacks its ${name} section: re-run policygraph ingest`);
    return new Uint8Array(this.buffer.buffer, this.buffer.byteOffset + this.start + e.offset, e.length);
  }

  /** A view into the file buffer (no copy). */
  bytes(name: string): Uint8Array {
    const e = this.entry(name, 'bytes');
    return new Uint8Array(this.buffer.buffer, this.buffer.byteOffset + this.start + e.offset, e.length);
  }
}
