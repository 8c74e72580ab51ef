// Phrases a draft clause shares with a precedent: the longest common substrings, found greedily
// (take the longest, blank it out in both texts, repeat) so the phrases do not overlap.

const PUNCTUATION = /^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu;
const BLANK_A = '\u0000';
const BLANK_B = '\u0001';

export interface SharedPhraseOptions {
  /** Shortest phrase worth showing, in characters (after trimming punctuation). */
  minLength?: number;
  maxPhrases?: number;
}

export function sharedPhrases(draft: string, clause: string, options: SharedPhraseOptions = {}): string[] {
  const minLength = options.minLength ?? 4;
  const maxPhrases = options.maxPhrases ?? 8;
  // whitespace carries no meaning in Chinese text and scanned files scatter it inside words
  const a = Array.from(draft.replace(/\s+/g, ''));
  const b = Array.from(clause.replace(/\s+/g, ''));
  const phrases: string[] = [];
  while (phrases.length < maxPhrases) {
    const { length, endA, endB } = longestCommonRun(a, b);
    if (length < minLength) break;
    const raw = a.slice(endA - length, endA).join('');
    for (let i = endA - length; i < endA; i++) a[i] = BLANK_A;
    for (let j = endB - length; j < endB; j++) b[j] = BLANK_B;
    const phrase = raw.replace(PUNCTUATION, '');
    if (Array.from(phrase).length >= minLength) phrases.push(phrase);
  }
  return phrases;
}

/** Classic O(n·m) dynamic programme over two rows. */
function longestCommonRun(a: string[], b: string[]): { length: number; endA: number; endB: number } {
  let previous = new Uint16Array(b.length + 1);
  let current = new Uint16Array(b.length + 1);
  let best = { length: 0, endA: 0, endB: 0 };
  for (let i = 1; i <= a.length; i++) {
    const ca = a[i - 1];
    for (let j = 1; j <= b.length; j++) {
      if (ca === b[j - 1] && ca !== BLANK_A) {
        const run = previous[j - 1] + 1;
        current[j] = run;
        if (run > best.length) best = { length: run, endA: i, endB: j };
      } else {
        current[j] = 0;
      }
    }
    [previous, current] = [current, previous];
  }
  return best;
}
