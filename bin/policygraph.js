#!/usr/bin/env node
// Entry point of the `policygraph` CLI: TypeScript sources run through tsx's loader, no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../api/cli.ts');
process.exitCode = await main(process.argv);
