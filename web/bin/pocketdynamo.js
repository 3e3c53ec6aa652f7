#!/usr/bin/env node
// npx pocketdynamo serve --port 8000 --in-memory   (see `pocketdynamo --help`)
import { main } from '../src/server/cli.js';

process.exitCode = await main(process.argv.slice(2));
