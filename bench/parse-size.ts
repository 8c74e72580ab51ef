// Parsing time against input size (issue 14): generated policy-like texts of growing size, as many
// short lines and as one single line, parsed by the same parser ingest uses. Linear parsing shows as a
// flat seconds-per-MB column. Each size runs in this process one after another; bounded by --max.
//
//   npx tsx bench/parse-size.ts [--max 50] [--line-max 5]
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCorpus } from '../ingest/parse-corpus.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? Number(process.argv[i + 1]) : fallback;
}

const MB = 1024 * 1024;
const maxLinesMb = arg('max', 50);
const maxLineMb = arg('line-max', 5);

/** A text of about `bytes` UTF-8 bytes: numbered items and sentences, or all of it on one line. */
function generate(bytes: number, singleLine: boolean): string {
  const parts = ['关于规模测试的通知'];
  let size = 0;
  for (let i = 1; size < bytes; i++) {
    const line = i % 10 === 1 ? `${Math.ceil(i / 10)}、第${i}项工作要求` : `各地区要 落实第${i}项任务，加强 组织领导。`;
    parts.push(line);
    size += Buffer.byteLength(line) + 1;
  }
  return singleLine ? parts[0] + '\n' + parts.slice(1).join(' ') : parts.join('\n');
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'pg-parse-size-'));
try {
  process.stdout.write('shape        MB     seconds   s/MB    clauses\n');
  const runs: [string, number][] = [];
  for (const mb of [1, 5, 10, 25, 50]) if (mb <= maxLinesMb) runs.push(['lines', mb]);
  for (const mb of [0.8, 2, 5]) if (mb <= maxLineMb) runs.push(['one-line', mb]);
  for (const [shape, mb] of runs) {
    const file = path.join(dir, `${shape}-${mb}.md`);
    writeFileSync(file, generate(mb * MB, shape === 'one-line'));
    const actual = statSync(file).size / MB;
    const started = performance.now();
    const corpus = await parseCorpus([file]);
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `${shape.padEnd(10)} ${actual.toFixed(1).padStart(5)} ${seconds.toFixed(2).padStart(10)} ${(seconds / actual).toFixed(2).padStart(7)} ${String(corpus.batch.clauses.length).padStart(9)}\n`,
    );
    rmSync(file);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
