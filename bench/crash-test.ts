// Crash test: SIGKILLs `policygraph ingest` at random moments of every phase and checks that what it
// leaves is exactly the old or exactly the new state, openable by every reader.
//
//   npx tsx bench/crash-test.ts [--trials 30] [--laws 24] [--seed 1]
//
// The data dir starts with the seeds ingested (the old state); each trial copies it and ingests a few
// dozen laws of /work/shared/corpora/laws (the new corpus; the seeds' 004 file when the corpora are
// absent), killed at a moment drawn from the phases the ingest reports (POLICYGRAPH_REPORT_PHASES=1,
// graph/phases.ts): parse, index build, index save, graph write, commit (WAL), checkpoint. A kill
// counts for the phase the ingest last reported before it died; one that lands later than the
// phase it was meant for (a run faster than the calibration) is retried with half the delay, so
// every phase gets its share of kills. After each
// kill: a read-only open (documents), export equals the old or the new export exactly, a search for
// text only the new corpus has finds it iff the graph holds it, a re-ingest succeeds and gives the new
// export, and no folder is left that no graph names. Prints the tally; exit 1 unless all trials pass.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PHASE_PREFIX } from '../graph/phases.js';
import { openStore } from '../graph/open-store.js';
import { createSearchService } from '../search/search-service.js';
import { listGenerations } from '../search/generations.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'policygraph.js');
const LAWS = process.env.POLICYGRAPH_CRASH_LAWS ?? path.resolve(ROOT, '..', 'shared', 'corpora', 'laws');
export const PHASES = ['parse', 'index-build', 'index-save', 'graph-write', 'graph-commit', 'checkpoint'] as const;
/** Reports that end the last phase: after the checkpoint the ingest only cleans up. */
const AFTER_PHASES = ['cleanup'];
/** Tries of one trial before it is counted wherever its kill landed. */
const MAX_ATTEMPTS = 6;

/** The phase a reported step belongs to (index-embed and the other index steps are inside index-build). */
export function phaseOfReport(name: string): string {
  if ((PHASES as readonly string[]).includes(name)) return name;
  if (name.startsWith('index-')) return 'index-build';
  return name;
}

export interface CrashTestOptions {
  trials: number;
  laws: number;
  seed: number;
  log?: (line: string) => void;
}

export interface TrialResult {
  /** The phase the kill was meant for. */
  phase: string;
  /** The phase the ingest last reported before it died ('finished' when it was not killed). */
  landed: string;
  attempts: number;
  delayMs: number;
  state: 'old' | 'new' | 'other' | 'unopenable';
  killed: boolean;
  searchAgrees: boolean;
  reingestOk: boolean;
  staleFolders: string[];
  problem: string | null;
}

export interface CrashTally {
  trials: number;
  consistent: number;
  old: number;
  new: number;
  unopenable: number;
  staleFolders: number;
  /** Kills by the phase they landed in. */
  byPhase: Record<string, number>;
  results: TrialResult[];
  corpus: string;
}

function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

interface Run {
  code: number | null;
  phases: Array<{ name: string; at: number }>;
  /** ms from start to exit */
  endedAt: number;
  stderr: string;
  killed: boolean;
}

/** Runs the CLI; when `kill` is given, SIGKILLs it `delayMs` after it reports `phase`. */
function runCli(args: string[], kill?: { phase: string; delayMs: number }): Promise<Run> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, POLICYGRAPH_REPORT_PHASES: '1', POLICYGRAPH_EMBEDDER: 'builtin' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const phases: Run['phases'] = [];
    let stderr = '';
    let killed = false;
    let pending = '';
    child.stdout.resume();
    child.stderr.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        if (!line.startsWith(PHASE_PREFIX)) {
          stderr += line + '\n';
          continue;
        }
        const name = line.slice(PHASE_PREFIX.length).trim();
        phases.push({ name, at: Date.now() - started });
        if (kill && name === kill.phase && !killed) {
          killed = true;
          setTimeout(() => child.kill('SIGKILL'), kill.delayMs);
        }
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 600_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, phases, stderr, killed: killed && code === null, endedAt: Date.now() - started });
    });
  });
}

async function exportOf(dataDir: string): Promise<string> {
  const store = await openStore({ dataDir, engine: 'embedded', readOnly: true });
  try {
    await store.listDocuments(); // what `documents` does
    const lines: string[] = [];
    for await (const record of store.exportAll()) lines.push(JSON.stringify(record));
    return lines.sort().join('\n');
  } finally {
    await store.close();
  }
}

async function searchFinds(dataDir: string, query: string, docIds: Set<string>): Promise<boolean> {
  const store = await openStore({ dataDir, engine: 'embedded', readOnly: true });
  try {
    const service = await createSearchService({ dataDir, store });
    try {
      const response = await service.search({ query, k: 10, mode: 'lexical' });
      return response.results.some((r) => docIds.has(r.document.id));
    } finally {
      await service.close();
    }
  } finally {
    await store.close();
  }
}

/** Folders and files no committed graph needs: every generation but the published one and the one it replaced, snapshots, temporaries. */
async function staleFolders(dataDir: string): Promise<string[]> {
  const store = await openStore({ dataDir, engine: 'embedded', readOnly: true });
  let published: number | null;
  try {
    published = (await store.indexGeneration?.()) ?? null;
  } finally {
    await store.close();
  }
  const gens = listGenerations(dataDir);
  const below = gens.filter((g) => published !== null && g < published);
  const keep = new Set([published, below.length ? below[below.length - 1] : null]);
  const stale = gens.filter((g) => !keep.has(g)).map((g) => `index/gen-${g}`);
  for (const name of fs.readdirSync(dataDir)) if (name.includes('before-ingest') || name.includes('.tmp-') || name.startsWith('graph.staged')) stale.push(name);
  return stale;
}

function newCorpus(count: number, workDir: string): { dir: string; label: string } {
  const dir = path.join(workDir, 'new-corpus');
  fs.mkdirSync(dir, { recursive: true });
  if (!fs.existsSync(LAWS)) {
    fs.copyFileSync(path.join(ROOT, 'seeds', '004_d4e4072216533b5e.txt'), path.join(dir, '004.txt'));
    return { dir, label: `seeds' 004 file (no ${LAWS}: the laws corpus is absent)` };
  }
  const all: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.md') && fs.statSync(full).size < 60_000) all.push(full);
    }
  };
  walk(LAWS);
  // spread over every folder of the corpus (laws, regulations, interpretations, local regulations)
  const step = Math.max(1, Math.floor(all.length / count));
  const files = all.filter((_, i) => i % step === 0);
  files.slice(0, count).forEach((file, i) => fs.copyFileSync(file, path.join(dir, `${String(i).padStart(3, '0')}-${path.basename(file)}`)));
  return { dir, label: `${Math.min(files.length, count)} laws of ${LAWS}` };
}

export async function runCrashTest(options: CrashTestOptions): Promise<CrashTally> {
  const log = options.log ?? ((line: string) => process.stdout.write(line + '\n'));
  const rand = random(options.seed);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-crash-'));
  try {
    const base = path.join(work, 'base');
    const corpus = newCorpus(options.laws, work);
    log(`crash test: old = seeds, new = seeds + ${corpus.label}; ${options.trials} trials`);
    const first = await runCli(['ingest', path.join(ROOT, 'seeds'), '--data-dir', base]);
    if (first.code !== 0) throw new Error(`ingesting the seeds failed: ${first.stderr.trim()}`);
    const oldExport = await exportOf(base);

    // the new state, and how long each phase lasts, from one uninterrupted run
    const reference = path.join(work, 'reference');
    fs.cpSync(base, reference, { recursive: true });
    const calibration = await runCli(['ingest', corpus.dir, '--data-dir', reference]);
    if (calibration.code !== 0 && calibration.code !== 1) throw new Error(`ingesting the new corpus failed: ${calibration.stderr.trim()}`);
    const newExport = await exportOf(reference);
    if (newExport === oldExport) throw new Error('the new corpus changed nothing: no crash can be told apart');
    const duration = new Map<string, number>();
    const ends = [...calibration.phases.map((p) => p.at), calibration.endedAt];
    const boundaries = [...PHASES, ...AFTER_PHASES] as readonly string[];
    for (const phase of PHASES) {
      const i = calibration.phases.findIndex((p) => p.name === phase);
      if (i < 0) throw new Error(`the ingest never reported phase ${phase}`);
      // a phase lasts until the next report of another phase (index-embed etc. are inside index-build)
      let j = i + 1;
      while (j < calibration.phases.length && !boundaries.includes(calibration.phases[j].name)) j++;
      duration.set(phase, Math.max(1, Math.min(ends[j] - calibration.phases[i].at, 5000)));
    }
    log(`phase durations (ms): ${[...duration].map(([p, d]) => `${p} ${Math.round(d)}`).join(', ')}`);

    // text only the new corpus holds, and the documents that hold it
    type ExportLine = { kind: string; label?: string; id?: string; properties: { [key: string]: unknown } };
    const parse = (text: string) => text.split('\n').map((line) => JSON.parse(line) as ExportLine);
    const oldDocs = new Set(parse(oldExport).filter((r) => r.label === 'Document').map((r) => r.id));
    const newRecords = parse(newExport);
    const newDocIds = new Set(newRecords.filter((r) => r.label === 'Document' && !oldDocs.has(r.id) && r.properties.inCorpus).map((r) => String(r.id)));
    const probe = newRecords.find((r) => r.label === 'Clause' && newDocIds.has(String(r.properties.docId)) && String(r.properties.text ?? '').length > 20);
    if (!probe) throw new Error('no clause of the new corpus to search for');
    const query = String(probe.properties!.text).slice(0, 40);
    if (!(await searchFinds(reference, query, newDocIds))) throw new Error(`the reference state does not find its own text "${query}"`);
    if (await searchFinds(base, query, newDocIds)) throw new Error(`the old state finds the new text "${query}"`);

    const results: TrialResult[] = [];
    for (let trial = 0; trial < options.trials; trial++) {
      const phase = PHASES[trial % PHASES.length];
      let delayMs = Math.floor(rand() * duration.get(phase)!);
      const dataDir = path.join(work, `trial-${trial}`);
      let run: Run;
      let landed: string;
      let attempts = 0;
      for (;;) {
        attempts += 1;
        fs.rmSync(dataDir, { recursive: true, force: true });
        fs.cpSync(base, dataDir, { recursive: true });
        run = await runCli(['ingest', corpus.dir, '--data-dir', dataDir], { phase, delayMs });
        // every report in the pipe was written before the process died
        landed = run.killed ? phaseOfReport(run.phases[run.phases.length - 1]?.name ?? 'start') : 'finished';
        if (landed === phase || attempts >= MAX_ATTEMPTS) break;
        delayMs = Math.floor(delayMs / 2);
      }
      const result: TrialResult = { phase, landed, attempts, delayMs, state: 'other', killed: run.killed, searchAgrees: false, reingestOk: false, staleFolders: [], problem: null };
      try {
        const exported = await exportOf(dataDir);
        result.state = exported === oldExport ? 'old' : exported === newExport ? 'new' : 'other';
        const found = await searchFinds(dataDir, query, newDocIds);
        result.searchAgrees = found === (result.state === 'new');
        const again = await runCli(['ingest', corpus.dir, '--data-dir', dataDir]);
        result.reingestOk = (again.code === 0 || again.code === 1) && (await exportOf(dataDir)) === newExport;
        if (!result.reingestOk) result.problem = `re-ingest: exit ${again.code} ${again.stderr.trim().split('\n')[0] ?? ''}`;
        result.staleFolders = await staleFolders(dataDir);
      } catch (err) {
        result.state = result.state === 'other' ? 'unopenable' : result.state;
        result.problem = (err as Error).message.split('\n')[0];
      }
      results.push(result);
      const ok = (result.state === 'old' || result.state === 'new') && result.searchAgrees && result.reingestOk && !result.staleFolders.length;
      log(
        `trial ${String(trial + 1).padStart(2)} ${phase.padEnd(12)} +${String(delayMs).padStart(4)} ms ${run.killed ? `killed in ${landed}` : 'finished'}${attempts > 1 ? ` (try ${attempts})` : ''} → ${result.state}` +
          `${result.searchAgrees ? '' : ', search disagrees'}${result.reingestOk ? '' : ', re-ingest failed'}` +
          `${result.staleFolders.length ? `, stale: ${result.staleFolders.join(' ')}` : ''}${ok ? '' : ` ✗ ${result.problem ?? ''}`}`,
      );
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    const consistent = results.filter((r) => (r.state === 'old' || r.state === 'new') && r.searchAgrees && r.reingestOk).length;
    const byPhase: Record<string, number> = {};
    for (const r of results) byPhase[r.landed] = (byPhase[r.landed] ?? 0) + 1;
    return {
      trials: results.length,
      consistent,
      old: results.filter((r) => r.state === 'old').length,
      new: results.filter((r) => r.state === 'new').length,
      unopenable: results.filter((r) => r.state === 'unopenable').length,
      staleFolders: results.reduce((n, r) => n + r.staleFolders.length, 0),
      byPhase,
      results,
      corpus: corpus.label,
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const tally = await runCrashTest({ trials: flag('trials', 30), laws: flag('laws', 24), seed: flag('seed', 1) });
  process.stdout.write(
    `\n${tally.consistent}/${tally.trials} consistent (${tally.old} old, ${tally.new} new), ${tally.unopenable} unopenable, ` +
      `${tally.staleFolders} stale folders; kills by the phase they landed in: ${Object.entries(tally.byPhase).map(([p, n]) => `${p} ${n}`).join(', ')}\n`,
  );
  for (const phase of [...PHASES, 'finished']) {
    const inPhase = tally.results.filter((r) => r.landed === phase);
    if (!inPhase.length) continue;
    const good = inPhase.filter((r) => (r.state === 'old' || r.state === 'new') && r.searchAgrees && r.reingestOk && !r.staleFolders.length);
    const states = `${inPhase.filter((r) => r.state === 'old').length} old, ${inPhase.filter((r) => r.state === 'new').length} new`;
    process.stdout.write(`  ${phase.padEnd(12)} ${inPhase.length} kills, ${good.length} consistent (${states})\n`);
  }
  process.exitCode = tally.consistent === tally.trials && tally.unopenable === 0 && tally.staleFolders === 0 ? 0 : 1;
}
