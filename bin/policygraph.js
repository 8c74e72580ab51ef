#!/usr/bin/env node
// Entry point of the `policygraph` CLI, no build step: the TypeScript sources run from a transpiled
// copy kept up to date at start (bin/source-cache.js; Node's own loader, no loader hooks), or through
// tsx's loader when that copy cannot be kept or POLICYGRAPH_TSX=1 asks for it.
import { transpiledEntry } from './source-cache.js';

// `policygraph export | head` closes the pipe early: that is not an error
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
const entry = process.env.POLICYGRAPH_TSX === '1' ? null : await transpiledEntry('api/cli.ts');
let main;
if (entry) ({ main } = await import(entry));
else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../api/cli.ts'));
}
process.exitCode = await main(process.argv);
