// Runs one write (an upload's ingest, a deletion) in a child process (bin/write-worker.js →
// api/write-worker.ts), so the server keeps answering while it parses, embeds and writes. The child gets the job over IPC and
// answers with one reply; a child that dies, or outlives the deadline and is killed, is reported as
// a one-line error and leaves the data dir as a SIGKILL would (the old state, or the new one whole).
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PolicyGraphError } from '../graph/errors.js';
import type { WriteFailure, WriteJob, WriteReply } from './write-worker.js';

const WORKER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'write-worker.js');
/** The write process runs at a lower CPU priority, so searches keep the cores they need while it ingests. */
const WRITE_NICENESS = 10;
/** Enough of the child's stderr to quote its last line when it dies without a reply. */
const STDERR_TAIL = 4_096;

export interface WriteProcessOptions {
  /** The child is killed after this long (POLICYGRAPH_UPLOAD_TIMEOUT_MS). */
  timeoutMs: number;
  /** Called with the child's pid once it runs (tests and benchmarks kill it). */
  onStart?: (pid: number) => void;
}

export function runWriteProcess<R extends WriteReply>(job: WriteJob, options: WriteProcessOptions): Promise<R | WriteFailure> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [WORKER], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      // an upload's bytes (Uint8Array) cross as they are
      serialization: 'advanced',
      // glibc's per-thread arenas keep freed pages: two are enough for one ingest, and its RSS falls back
      env: { MALLOC_ARENA_MAX: '2', ...process.env },
    });
    let reply: R | WriteFailure | null = null;
    let stderr = '';
    let timedOut = false;
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-STDERR_TAIL);
    });
    child.on('message', (message: R | WriteFailure) => {
      reply ??= message;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    timer.unref();
    child.once('error', (err) => {
      clearTimeout(timer);
      resolve({ ok: false, code: null, message: `the write process could not start: ${err.message}` });
    });
    child.once('spawn', () => {
      if (child.pid) {
        try {
          os.setPriority(child.pid, WRITE_NICENESS);
        } catch {
          // not allowed here: the write still runs, at the server's priority
        }
        options.onStart?.(child.pid);
      }
      child.send(job);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (reply) return resolve(reply);
      const lastLine = stderr.trim().split('\n').pop()?.trim();
      const how = timedOut ? `did not finish within ${Math.round(options.timeoutMs / 1000)} s and was stopped` : signal ? `was killed (${signal})` : `exited with code ${code}`;
      resolve({ ok: false, code: null, message: `the write process ${how}${lastLine ? `: ${lastLine}` : ''}` });
    });
  });
}

/** The failure as the error the client sees: the child's own code when it had one, else 503. */
export function writeFailure(reply: WriteFailure, what: string): PolicyGraphError {
  if (reply.code) return new PolicyGraphError(reply.code, reply.message);
  return new PolicyGraphError('DATA_DIR', `${what} failed (${reply.message}); the documents served are unchanged`);
}
