// `policygraph ingest`: runs the pipeline with a progress bar on a terminal and prints a summary.
import { SingleBar, Presets } from 'cli-progress';
import { createEmbedder } from '../search/embedders/index.js';
import { refuseWhileServed } from '../search/index-lock.js';
import { runIngest, type IngestSummary } from './pipeline.js';

export interface IngestCommandOptions {
  paths: string[];
  dataDir: string;
  engine: 'embedded' | 'neo4j';
  /** Embedder settings from flags; unset ones fall back to the environment, then defaults. */
  embedder: { kind?: string; model?: string; dtype?: string; modelDir?: string };
  json: boolean;
  progress: boolean;
  /** The caller's settings' environment, for the embedder's and the Neo4j adapter's variables; default the process's. */
  env?: NodeJS.ProcessEnv;
  /** The embedded graph's buffer pool (settings' POLICYGRAPH_GRAPH_BUFFER_MB; default the machine's share). */
  graphBufferPoolBytes?: number | null;
}

/** Returns the exit code: 0, or 1 when any input failed (files of a directory no reader takes are listed, not failures). */
export async function runIngestCommand(options: IngestCommandOptions): Promise<number> {
  if (options.engine === 'embedded') refuseWhileServed(options.dataDir, 'ingest');
  const notices: string[] = [];
  const embedder = await createEmbedder({ ...options.embedder, env: options.env, onNotice: (message) => notices.push(message) });
  for (const notice of notices) process.stderr.write(`policygraph: ${notice}\n`);
  const bar = options.progress ? new SingleBar({ format: '{phase} [{bar}] {value}/{total} {rate} {item}', hideCursor: true }, Presets.shades_classic) : null;
  let phase = '';
  let phaseStarted = 0;
  // items per second of the current phase (files while parsing, clauses while indexing)
  const rate = (value: number) => {
    const seconds = (performance.now() - phaseStarted) / 1000;
    return seconds > 0.2 && value > 0 ? `${Math.round(value / seconds)}/s` : '';
  };
  const step = (name: string, value: number, total: number, item = '') => {
    if (!bar) return;
    if (phase !== name) {
      if (phase) bar.stop();
      phaseStarted = performance.now();
      bar.start(total, value, { phase: name.padEnd(7), item, rate: '' });
      phase = name;
    }
    bar.update(value, { item, rate: rate(value) });
  };
  let summary: IngestSummary;
  try {
    summary = await runIngest({
      paths: options.paths,
      dataDir: options.dataDir,
      engine: options.engine,
      env: options.env,
      graphBufferPoolBytes: options.graphBufferPoolBytes,
      embedder,
      onFile: (file, index, total) => step('parse', index + 1, total, file),
      onIndexProgress: (p) => step(p.phase, p.done, p.total),
    });
  } finally {
    bar?.stop();
  }
  for (const skip of summary.skipped) process.stderr.write(`policygraph: ${skip.unsupported ? 'not taken' : 'skipped'} ${skip.file}: ${skip.reason}\n`);
  if (options.json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
  else process.stdout.write(formatSummary(summary, options.dataDir));
  if (summary.files === 0) {
    // never a silent 0: an empty folder or one of unsupported files is a failed ingest
    const notTaken = summary.skipped.filter((s) => s.unsupported).length;
    process.stderr.write(`policygraph: no file was ingested from ${options.paths.join(', ')} (${notTaken} of a type no reader takes, ${summary.skipped.length - notTaken} skipped)\n`);
    return 1;
  }
  return summary.skipped.some((s) => !s.unsupported) ? 1 : 0;
}

function formatSummary(s: IngestSummary, dataDir: string): string {
  const lines = [
    `ingested ${s.files} file(s) into ${dataDir} in ${(s.tookMs / 1000).toFixed(1)} s`,
    `  documents        ${s.documents}`,
    `  clauses          ${s.clauses}`,
    `  duplicates merged ${s.documentsMerged} document copies, ${s.passagesMerged} repeated passages`,
    `  noise recorded   ${s.noiseSpans} spans (headers, tables of contents, page numbers, repeated crawl text …)`,
    `  similar edges    ${s.similarEdges}`,
    `  graph written    ${s.written.nodes} nodes, ${s.written.edges} edges`,
    `  embedder         ${s.embedder}${s.index ? ` (${s.index.embedded} embedded, ${s.index.reused} reused)` : ''}`,
    `  skipped inputs   ${s.skipped.length}${s.skipped.some((k) => k.unsupported) ? ` (${s.skipped.filter((k) => k.unsupported).length} of a type no reader takes)` : ''}`,
  ];
  return lines.join('\n') + '\n';
}
