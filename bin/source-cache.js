// The CLI's own process runs a transpiled copy of the TypeScript sources, kept in
// node_modules/.cache/policygraph/js/, so Node loads plain JavaScript with its own loader: under
// tsx every import is a round trip to the loader's worker thread (~2 ms a module, ~220 modules for a
// search, half a second before any work). A source is transpiled again (esbuild, as tsx does) when its
// size or mtime changes: one stat per source at start. import.meta.url still names the source file,
// so data files and workers beside a module resolve as they do under tsx; imports of files that are
// not transpiled sources (JSON, .mjs workers) point at the originals.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The product's source folders (tests and benches run under vitest and tsx, not through this copy). */
const SOURCE_DIRS = ['api', 'app', 'graph', 'ingest', 'search', 'dictionaries'];
const STAMPS = 'stamps.json';
/** Bump when the transpilation below changes: every file is transpiled again (so does another Node, the target). */
const FORMAT = `2 node${process.versions.node}`;

/** Source files (relative, forward slashes) by their size:mtime stamp. */
function sourceStamps(root, dirs) {
  const stamps = new Map();
  const walk = (dir) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const relative = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(relative);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts')) {
        const stat = fs.statSync(path.join(root, relative));
        stamps.set(relative, `${stat.size}:${stat.mtimeMs}`);
      }
    }
  };
  for (const dir of dirs) walk(dir);
  return stamps;
}

function readStamps(cache) {
  try {
    const stored = JSON.parse(fs.readFileSync(path.join(cache, STAMPS), 'utf8'));
    return stored.format === FORMAT ? new Map(Object.entries(stored.files)) : new Map();
  } catch {
    return new Map();
  }
}

function writeAtomic(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(temporary, text);
  fs.renameSync(temporary, file);
}

const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)"(\.\.?\/[^"]+)"/g;

/** One source as JavaScript: its relative imports of sources stay relative (`.js`), the others name the original file. */
function transpile(esbuild, root, relative, sources) {
  const file = path.join(root, relative);
  const url = pathToFileURL(file).href;
  const { code } = esbuild.transformSync(fs.readFileSync(file, 'utf8'), {
    loader: 'ts',
    format: 'esm',
    // this Node's syntax as it is (node20 alone would drop import attributes: `with { type: 'json' }`)
    target: `node${process.versions.node}`,
    sourcefile: file,
    define: { 'import.meta.url': JSON.stringify(url) },
  });
  return code.replace(SPECIFIER, (match, lead, specifier) => {
    const target = path.posix.join(path.posix.dirname(relative), specifier);
    const source = target.replace(/\.(js|ts)$/, '.ts');
    if (sources.has(source)) return `${lead}"${specifier.replace(/\.ts$/, '.js')}"`;
    return `${lead}"${pathToFileURL(path.join(root, target)).href}"`;
  });
}

/**
 * The file URL of the transpiled `entry` (e.g. api/cli.ts), the copy brought up to date first; null
 * when the copy cannot be kept (no esbuild, a read-only install): the caller falls back to tsx.
 * `root`, `dirs` and `cache` default to this checkout, its source folders and node_modules/.cache.
 */
export async function transpiledEntry(entry, { root = ROOT, dirs = SOURCE_DIRS, cache = path.join(root, 'node_modules', '.cache', 'policygraph', 'js') } = {}) {
  try {
    const sources = sourceStamps(root, dirs);
    const stored = readStamps(cache);
    const stale = [...sources].filter(([relative, stamp]) => stored.get(relative) !== stamp).map(([relative]) => relative);
    const removed = [...stored.keys()].filter((relative) => !sources.has(relative));
    if (stale.length || removed.length) {
      const { default: esbuild } = await import('esbuild');
      for (const relative of stale) writeAtomic(path.join(cache, relative.replace(/\.ts$/, '.js')), transpile(esbuild, root, relative, sources));
      for (const relative of removed) fs.rmSync(path.join(cache, relative.replace(/\.ts$/, '.js')), { force: true });
      // under node_modules no package.json of ours applies: say that these .js files are ES modules
      writeAtomic(path.join(cache, 'package.json'), JSON.stringify({ type: 'module' }));
      writeAtomic(path.join(cache, STAMPS), JSON.stringify({ format: FORMAT, files: Object.fromEntries(sources) }));
    }
    return sources.has(entry) ? pathToFileURL(path.join(cache, entry.replace(/\.ts$/, '.js'))).href : null;
  } catch {
    return null;
  }
}
