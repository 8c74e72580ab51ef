// Ingest throughput (clauses/s, MB/s) of the whole pipeline — read, decode, parse, merge copies,
// extract, embed (built-in embedder), BM25, HNSW, SIMILAR_TO, one embedded-graph write — in process:
//   1. on the seeds as they are;
//   2. on --copies variants of the seeds (default 20), each with its own 文号 and wording, so the
//      duplicate merging does not fold them back into the five originals.
//
//   npx tsx bench/ingest.ts [--copies 20]
//
// Prints figures; asserts nothing. Node start-up and module loading are not counted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDictionaries } from '../dictionaries/dictionaries.js';
import { extractKnowledge } from '../ingest/extract/index.js';
import { runIngest, type IngestSummary } from '../ingest/pipeline.js';
import { BuiltinEmbedder } from '../search/embedders/index.js';
import { numberArg } from './search-bench-support.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEEDS = path.join(ROOT, 'seeds');
const copies = numberArg('copies', 20);

/** Content characters rotated in each variant; numbering and structure (一、（三）专栏 附件) stay intact. */
const ROTATED = '信息消费网络发展服务建设推进技术产业平台应用数据智能安全支持企业创新提升加快';

function variant(text: string, copy: number): string {
  const rotated = text.replace(new RegExp(`[${ROTATED}]`, 'g'), (ch) => ROTATED[(ROTATED.indexOf(ch) + copy) % ROTATED.length]);
  // a 文号 identifies a document: give each variant its own
  return rotated.replace(/〔(\d{4})〕\s*(\d+)\s*号/g, (_m, year: string, n: string) => `〔${year}〕${Number(n) + 1000 * copy}号`);
}

function writeVariants(dir: string): void {
  const seeds = fs.readdirSync(SEEDS).filter((f) => f.endsWith('.txt'));
  for (let copy = 1; copy <= copies; copy++) {
    for (const file of seeds) fs.writeFileSync(path.join(dir, `${copy}_${file}`), variant(fs.readFileSync(path.join(SEEDS, file), 'utf8'), copy));
  }
}

function megabytes(paths: string[]): number {
  const files = paths.flatMap((p) => (fs.statSync(p).isDirectory() ? fs.readdirSync(p).map((f) => path.join(p, f)) : [p]));
  return files.reduce((sum, f) => sum + fs.statSync(f).size, 0) / 1e6;
}

async function measure(label: string, paths: string[]): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'policygraph-ingest-bench-'));
  try {
    const mb = megabytes(paths);
    const started = performance.now();
    const summary: IngestSummary = await runIngest({
      paths,
      dataDir,
      engine: 'embedded',
      embedder: new BuiltinEmbedder(),
      userWords: loadDictionaries().userWords(),
      extract: (batch) => extractKnowledge(batch),
    });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${label.padEnd(22)} ${mb.toFixed(2).padStart(6)} MB  ${String(summary.documents).padStart(4)} documents  ${String(summary.clauses).padStart(6)} clauses  ` +
        `${seconds.toFixed(1).padStart(6)} s  ${Math.round(summary.clauses / seconds).toString().padStart(6)} clauses/s  ${(mb / seconds).toFixed(3)} MB/s` +
        `  (index ${((summary.index?.tookMs ?? 0) / 1000).toFixed(1)} s, ${summary.similarEdges} SIMILAR_TO, graph ${summary.written.nodes} nodes ${summary.written.edges} edges)`,
    );
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(`ingest throughput, built-in embedder, embedded graph store, Node ${process.version}, ${os.cpus().length} CPU(s)`);
await measure('seeds', [SEEDS]);
const variantsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'policygraph-ingest-corpus-'));
try {
  writeVariants(variantsDir);
  await measure(`seeds × ${copies} variants`, [variantsDir]);
} finally {
  fs.rmSync(variantsDir, { recursive: true, force: true });
}
