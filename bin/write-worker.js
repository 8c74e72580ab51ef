#!/usr/bin/env node
// A server's write process (api/write-process.ts starts it): receives one write job over IPC, runs
// it (api/write-worker.ts), sends the reply and exits. If the server goes away first the child
// stops too; what it leaves is what a SIGKILL would (the old graph, or the new one whole).
import { register } from 'tsx/esm/api';

register();
const { runWriteJob } = await import('../api/write-worker.ts');
process.once('disconnect', () => process.exit(1));
process.once('message', async (job) => {
  const reply = await runWriteJob(job);
  process.send(reply, () => process.exit(0));
});
