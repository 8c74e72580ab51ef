// Phase reports for the crash test (bench/crash-test.ts): with POLICYGRAPH_REPORT_PHASES=1 an ingest
// writes `policygraph-phase: <name>` lines to stderr as it enters each phase, so a test can SIGKILL it
// at a known moment. Written synchronously: the line is out before the phase's first step runs.
import fs from 'node:fs';

export const PHASE_PREFIX = 'policygraph-phase: ';

let enabled = false;

/** Turned on by the process's settings (app/settings.ts reportPhases); off by default. */
export function enablePhaseReports(on: boolean): void {
  enabled = on;
}

export function reportPhase(name: string): void {
  if (!enabled) return;
  try {
    fs.writeSync(2, `${PHASE_PREFIX}${name}\n`);
  } catch {
    // stderr closed: nobody is listening
  }
}
