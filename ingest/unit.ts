// A piece of cleaned text that remembers where each of its characters came from.
import type { MappedText } from './text.js';

export class SourceText {
  constructor(
    readonly text: string,
    readonly offsets: number[],
  ) {}

  static from(mapped: MappedText): SourceText {
    return new SourceText(mapped.text, mapped.offsets);
  }

  get start(): number {
    return this.offsets[0] ?? 0;
  }

  /** Offset just past the last character in the original. */
  get end(): number {
    return this.offsets.length ? this.offsets[this.offsets.length - 1] + 1 : 0;
  }

  get length(): number {
    return this.text.length;
  }

  slice(from: number, to = this.text.length): SourceText {
    return new SourceText(this.text.slice(from, to), this.offsets.slice(from, to));
  }

  concat(other: SourceText): SourceText {
    return SourceText.join([this, other]);
  }

  /** Many pieces joined at once: linear in their total length, where repeated concat is quadratic. */
  static join(pieces: readonly SourceText[]): SourceText {
    const offsets: number[] = [];
    for (const piece of pieces) for (let i = 0; i < piece.offsets.length; i++) offsets.push(piece.offsets[i]);
    return new SourceText(pieces.map((p) => p.text).join(''), offsets);
  }

  /** Drops leading and trailing spaces. */
  trim(): SourceText {
    let from = 0;
    let to = this.text.length;
    while (from < to && /\s/.test(this.text[from])) from++;
    while (to > from && /\s/.test(this.text[to - 1])) to--;
    return this.slice(from, to);
  }

  span(file: string): { file: string; start: number; end: number } {
    return { file, start: this.start, end: this.end };
  }
}
