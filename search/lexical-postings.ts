// Posting lists of one field of the lexical index: term → [slot, tf, slot, tf, …] in slot order.
// On disk (lexical.bin) a field is its sorted term list, one varint byte run per term and the
// runs' offsets; loaded lists stay encoded in the file buffer until a query first touches the
// term (found by binary search), so a large index loads in the time of one read and one split.

export class PostingList {
  constructor(
    public data: Uint32Array,
    public length: number,
  ) {}

  static empty(): PostingList {
    return new PostingList(new Uint32Array(8), 0);
  }

  push(slot: number, tf: number): void {
    if (this.length + 2 > this.data.length) {
      const grown = new Uint32Array(Math.max(8, this.data.length * 2));
      grown.set(this.data.subarray(0, this.length));
      this.data = grown;
    }
    this.data[this.length++] = slot;
    this.data[this.length++] = tf;
  }

  /** Number of documents in the list (dead slots included until compaction). */
  get count(): number {
    return this.length >>> 1;
  }

  /** Whether `slot` is in the list (binary search: slots are ascending). */
  has(slot: number): boolean {
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const value = this.data[mid * 2];
      if (value === slot) return true;
      if (value < slot) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}

/**
 * Posting lists on disk: (slot gap, tf) pairs as LEB128 varints. Gaps and term frequencies
 * are small, so a posting takes about 2–3 bytes instead of 8.
 */
function encode(list: PostingList): Uint8Array {
  const bytes = Buffer.allocUnsafe(list.length * 5);
  let at = 0;
  let previous = 0;
  for (let i = 0; i < list.length; i++) {
    let value = i % 2 === 0 ? list.data[i] - previous : list.data[i];
    if (i % 2 === 0) previous = list.data[i];
    while (value >= 0x80) {
      bytes[at++] = (value & 0x7f) | 0x80;
      value >>>= 7;
    }
    bytes[at++] = value;
  }
  return bytes.subarray(0, at);
}

function decode(bytes: Uint8Array): PostingList {
  let values = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] < 0x80) values++;
  const data = new Uint32Array(values);
  let at = 0;
  let previous = 0;
  for (let n = 0; n < values; n++) {
    let value = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = bytes[at++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte >= 0x80);
    if (n % 2 === 0) {
      previous += value;
      data[n] = previous;
    } else {
      data[n] = value;
    }
  }
  return new PostingList(data, values);
}

/** A field as stored: sorted terms, and term i's postings at bytes[offsets[i] .. offsets[i + 1]). */
export interface StoredField {
  terms: string[];
  offsets: Uint32Array;
  bytes: Uint8Array;
  lengths: Uint32Array;
}

/** Binary search in `sorted` (JS string order); -1 when absent. */
function findTerm(sorted: string[], term: string): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const value = sorted[mid];
    if (value === term) return mid;
    if (value < term) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** One field of the index: posting lists plus the length of every document in it. */
export class Field {
  private readonly live = new Map<string, PostingList>();
  /** The field as loaded, read lazily; a stored term once decoded lives in `live` (and is skipped here). */
  private stored: (StoredField & { decoded: Uint8Array }) | null;
  lengths: number[];
  totalLength = 0;
  /**
   * Postings added to stored terms not decoded yet ([slot, tf, …], slots above the stored ones): a
   * load applying a delta's clauses (search/index-delta.ts) must not decode every list they touch.
   * Appended to the list when a query first decodes it.
   */
  private readonly pending = new Map<string, number[]>();
  /** Dead slots' share of each term's list, when known (tombstoned clauses): df counts live slots only. */
  private readonly deadPostings = new Map<string, number>();
  /** Bumped on every change, to invalidate the cached length norms. */
  private version = 0;
  private norms: { key: string; values: Float32Array } | null = null;

  constructor(stored?: StoredField) {
    this.stored = stored ? { ...stored, decoded: new Uint8Array(stored.terms.length) } : null;
    this.lengths = stored ? Array.from(stored.lengths) : [];
    for (const length of this.lengths) this.totalLength += length;
  }

  get(term: string): PostingList | undefined {
    let list = this.live.get(term);
    if (list || !this.stored) return list;
    const at = findTerm(this.stored.terms, term);
    if (at < 0 || this.stored.decoded[at]) return undefined;
    list = decode(this.stored.bytes.subarray(this.stored.offsets[at], this.stored.offsets[at + 1]));
    this.stored.decoded[at] = 1;
    const added = this.pending.get(term);
    if (added) {
      for (let i = 0; i < added.length; i += 2) list.push(added[i], added[i + 1]);
      this.pending.delete(term);
    }
    this.live.set(term, list);
    return list;
  }

  /** Adds the terms of a document at `slot` (slots only ever grow, keeping lists sorted). */
  add(slot: number, terms: string[]): void {
    this.addMany([slot], [terms]);
  }

  /**
   * Adds the terms of documents at `slots` (ascending, above every stored slot) in one pass: each
   * distinct term is looked up once, not once per document (a delta's ~2,000 clauses at load).
   */
  addMany(slots: number[], termLists: string[][]): void {
    const postings = new Map<string, number[]>();
    slots.forEach((slot, i) => {
      const counts = new Map<string, number>();
      for (const term of termLists[i]) counts.set(term, (counts.get(term) ?? 0) + 1);
      for (const [term, tf] of counts) {
        const list = postings.get(term);
        if (list) list.push(slot, tf);
        else postings.set(term, [slot, tf]);
      }
      this.lengths[slot] = termLists[i].length;
      this.totalLength += termLists[i].length;
    });
    for (const [term, added] of postings) {
      let list = this.live.get(term);
      if (!list && this.storedUndecoded(term)) {
        const waiting = this.pending.get(term);
        if (waiting) for (const value of added) waiting.push(value);
        else this.pending.set(term, added);
        continue;
      }
      if (!list) {
        list = PostingList.empty();
        this.live.set(term, list);
      }
      for (let i = 0; i < added.length; i += 2) list.push(added[i], added[i + 1]);
    }
    this.version++;
  }


  /** Whether `term` has a stored list that no query decoded yet. */
  private storedUndecoded(term: string): boolean {
    if (!this.stored) return false;
    const at = findTerm(this.stored.terms, term);
    return at >= 0 && !this.stored.decoded[at];
  }

  /**
   * BM25's per-document denominator term k1·(1 − b + b·len/avgLen) for every slot, cached until
   * the field changes: computing it per posting dominated query time on large indexes.
   */
  lengthNorms(k1: number, b: number, liveDocuments: number): Float32Array {
    const key = `${k1}|${b}|${liveDocuments}|${this.version}`;
    if (this.norms?.key === key) return this.norms.values;
    const averageLength = this.totalLength / Math.max(1, liveDocuments) || 1;
    const values = new Float32Array(this.lengths.length);
    for (let slot = 0; slot < values.length; slot++) values[slot] = k1 * (1 - b + (b * (this.lengths[slot] ?? 0)) / averageLength);
    this.norms = { key, values };
    return values;
  }

  /** Clauses holding `term` among the live slots (the list's count less what `forgetPostings` recorded). */
  documentFrequency(term: string): number {
    const list = this.get(term);
    return list ? list.count - (this.deadPostings.get(term) ?? 0) : 0;
  }

  /** Records that dead slots held `term` in `count` lists' worth (the terms of tombstoned clauses), so df leaves them out. */
  forgetPostings(term: string, count: number): void {
    // no lookup here: a load applying tombstones must not decode posting lists no query asked for
    this.deadPostings.set(term, (this.deadPostings.get(term) ?? 0) + count);
  }

  /** Forgets a slot's length; its postings stay until `compact` (searches skip dead slots). */
  remove(slot: number): void {
    this.totalLength -= this.lengths[slot] ?? 0;
    this.lengths[slot] = 0;
    this.version++;
  }

  /** Drops dead slots and renumbers the rest through `newSlot` (-1 = dead). */
  compact(newSlot: Int32Array, newCount: number): void {
    if (this.stored) for (const term of this.stored.terms) this.get(term);
    this.stored = null;
    this.deadPostings.clear();
    for (const [term, list] of this.live) {
      const kept = new PostingList(new Uint32Array(list.length), 0);
      for (let i = 0; i < list.length; i += 2) {
        const slot = newSlot[list.data[i]];
        if (slot >= 0) kept.push(slot, list.data[i + 1]);
      }
      if (kept.length === 0) this.live.delete(term);
      else this.live.set(term, kept);
    }
    const lengths = new Array<number>(newCount).fill(0);
    this.lengths.forEach((length, slot) => {
      if (newSlot[slot] >= 0) lengths[newSlot[slot]] = length;
    });
    this.lengths = lengths;
    this.version++;
  }

  /** The field in its stored form; terms never decoded are copied as their stored bytes. */
  serialize(): StoredField {
    for (const term of [...this.pending.keys()]) this.get(term);
    const stored = this.stored;
    // as loaded and untouched (a build worker's index, read back to be saved): already in stored form
    if (stored && this.live.size === 0 && !stored.decoded.includes(1)) {
      return { terms: stored.terms, offsets: stored.offsets, bytes: stored.bytes, lengths: Uint32Array.from(this.lengths) };
    }
    const runs = new Map<string, Uint8Array>();
    if (stored) stored.terms.forEach((term, i) => {
      if (!stored.decoded[i]) runs.set(term, stored.bytes.subarray(stored.offsets[i], stored.offsets[i + 1]));
    });
    for (const [term, list] of this.live) if (list.length > 0) runs.set(term, encode(list));
    const terms = [...runs.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const offsets = new Uint32Array(terms.length + 1);
    let total = 0;
    terms.forEach((term, i) => {
      offsets[i] = total;
      total += runs.get(term)!.byteLength;
    });
    offsets[terms.length] = total;
    const bytes = new Uint8Array(total);
    terms.forEach((term, i) => bytes.set(runs.get(term)!, offsets[i]));
    return { terms, offsets, bytes, lengths: Uint32Array.from(this.lengths) };
  }
}
