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

/**
 * Where a section file's bytes come from: the whole file in memory, or an open file read by
 * position. A query needs a few bucket lists, posting lists and catalog rows of files of 20-50 MB,
 * and reading whole files into fresh memory was most of a cold search's time.
 */
interface ByteSource {
  /** `length` bytes from `position`, starting 4-byte aligned (a view when in memory, a fresh buffer when read). */
  read(position: number, length: number): Uint8Array;
  readonly size: number;
  close(): void;
}

function memorySource(buffer: Buffer): ByteSource {
  // typed-array views need a 4-byte aligned start (small files may sit at any offset of Node's pool)
  const aligned = buffer.byteOffset % 4 === 0 ? buffer : Buffer.from(Uint8Array.prototype.slice.call(buffer));
  return {
    size: aligned.byteLength,
    read: (position, length) => new Uint8Array(aligned.buffer, aligned.byteOffset + position, length),
    close: () => undefined,
  };
}

/** The descriptor of an open file: null once closed. */
interface Descriptor {
  fd: number | null;
}

/** Closes the descriptors of positional files nobody closed (a caller that dropped its indexes without closing them). */
const unclosed = new FinalizationRegistry<Descriptor>((held) => {
  if (held.fd !== null) fs.close(held.fd, () => undefined);
});

function fileSource(file: string, held: Descriptor): ByteSource {
  const size = fs.fstatSync(held.fd!).size;
  const closed = () => new PolicyGraphError('INDEX_MISSING', `${file} was closed (its search service was closed or replaced): open the data dir again`);
  const short = () => new PolicyGraphError('INDEX_MISMATCH', `${file} is shorter than its header says: re-run policygraph ingest`);
  return {
    size,
    read: (position, length) => {
      if (held.fd === null) throw closed();
      const out = Buffer.allocUnsafeSlow(length); // its own ArrayBuffer: aligned, and no pool kept alive by a small read
      for (let done = 0; done < length; ) {
        const read = fs.readSync(held.fd, out, done, length - done, position + done);
        if (read === 0) throw short();
        done += read;
      }
      return out;
    },
    close: () => {
      if (held.fd === null) return;
      fs.closeSync(held.fd);
      held.fd = null;
      unclosed.unregister(held);
    },
  };
}

export class SectionFile {
  private constructor(
    readonly header: Record<string, unknown>,
    private readonly source: ByteSource,
    private readonly start: number,
    private readonly entries: Map<string, SectionEntry>,
    private readonly file: string,
  ) {}

  /** Reads the whole of `file`; a missing file is INDEX_MISSING, a foreign or truncated one INDEX_MISMATCH. */
  static read(file: string, format: string): SectionFile {
    let buffer: Buffer;
    try {
      buffer = fs.readFileSync(file);
    } catch {
      throw new PolicyGraphError('INDEX_MISSING', `no index file at ${file}: run policygraph ingest first`);
    }
    return SectionFile.parse(file, format, memorySource(buffer));
  }

  /**
   * Opens `file` and reads its header only: sections are read by position when asked for (the
   * file stays open until `close`, so a later rename over its name changes nothing it reads).
   * Same errors as `read`.
   */
  static open(file: string, format: string): SectionFile {
    const held: Descriptor = { fd: null };
    try {
      held.fd = fs.openSync(file, 'r');
    } catch {
      throw new PolicyGraphError('INDEX_MISSING', `no index file at ${file}: run policygraph ingest first`);
    }
    let source: ByteSource | null = null;
    try {
      source = fileSource(file, held);
      const opened = SectionFile.parse(file, format, source);
      unclosed.register(opened, held, held);
      return opened;
    } catch (err) {
      if (source) source.close();
      else fs.closeSync(held.fd);
      throw err;
    }
  }

  private static parse(file: string, format: string, source: ByteSource): SectionFile {
    const bad = () => new PolicyGraphError('INDEX_MISMATCH', `${file} is not a ${format} file this PolicyGraph reads: re-run policygraph ingest`);
    if (source.size < 12) throw bad();
    const lead = Buffer.from(source.read(0, 12));
    if (lead.toString('latin1', 0, 4) !== MAGIC || lead.readUInt32LE(4) !== 1) throw bad();
    const headerLength = lead.readUInt32LE(8);
    if (12 + headerLength > source.size) throw bad();
    let parsed: { format: string; header: Record<string, unknown>; sections: SectionEntry[] };
    try {
      parsed = JSON.parse(Buffer.from(source.read(12, headerLength)).toString('utf8'));
    } catch {
      throw bad();
    }
    if (parsed.format !== format) throw bad();
    const start = pad4(12 + headerLength);
    for (const entry of parsed.sections) if (start + entry.offset + entry.length > source.size) throw bad();
    return new SectionFile(parsed.header, source, start, new Map(parsed.sections.map((e) => [e.name, e])), file);
  }

  /** Whether the file has a section of this name (sections added by later versions are optional). */
  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The section of this name (and kind, when given); a missing one is INDEX_MISMATCH. */
  private entry(name: string, kind?: Section['kind']): SectionEntry {
    const entry = this.entries.get(name);
    if (!entry || (kind !== undefined && entry.kind !== kind)) throw new PolicyGraphError('INDEX_MISMATCH', `${this.file} lacks its ${name} section: re-run policygraph ingest`);
    return entry;
  }

  /** Bytes [from, to) of a section as stored. */
  private bytesOf(e: SectionEntry, from = 0, to = e.length): Uint8Array {
    if (from < 0 || to > e.length || from > to) throw new PolicyGraphError('INDEX_MISMATCH', `${this.file}: a read past its ${e.name} section (a damaged index?): re-run policygraph ingest`);
    return this.source.read(this.start + e.offset + from, to - from);
  }

  strings(name: string): string[] {
    const e = this.entry(name, 'strings');
    if (e.count === 0) return [];
    const bytes = this.bytesOf(e);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8').split('\n');
  }

  /** The section's numbers (a view of the file buffer when it is in memory). */
  u32(name: string): Uint32Array {
    return this.u32Range(name, 0, this.entry(name, 'u32').count);
  }

  /** Numbers [from, to) of a u32 section. */
  u32Range(name: string, from: number, to: number): Uint32Array {
    const bytes = this.bytesOf(this.entry(name, 'u32'), from * 4, to * 4);
    return new Uint32Array(bytes.buffer, bytes.byteOffset, to - from);
  }

  /** The stored bytes of a section of any kind, as written (a view, no copy): for digests. */
  raw(name: string): Uint8Array {
    return this.bytesOf(this.entry(name));
  }

  /** The section's bytes (a view of the file buffer when it is in memory). */
  bytes(name: string): Uint8Array {
    return this.bytesOf(this.entry(name, 'bytes'));
  }

  /** Bytes [from, to) of a bytes section. */
  bytesRange(name: string, from: number, to: number): Uint8Array {
    return this.bytesOf(this.entry(name, 'bytes'), from, to);
  }

  /** Length in bytes of a section. */
  sectionLength(name: string): number {
    return this.entry(name).length;
  }

  /** Closes a positional file (a read after it is a one-line error); nothing for a file in memory. */
  close(): void {
    this.source.close();
  }
}
