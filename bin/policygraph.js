#!/usr/bin/env node
// Entry point of the `policygraph` CLI: TypeScript sources run through tsx's loader, no build step.
import { register } from 'tsx/esm/api';

// `policygraph export | head` closes the pipe early: that is not an error
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
register();
const { main } = await import('../api/cli.ts');
process.exitCode = await main(process.argv);
