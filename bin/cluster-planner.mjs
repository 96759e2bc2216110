#!/usr/bin/env node
// The `cluster-planner` command. It runs the TypeScript CLI through tsx, so a clone works right
// after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
