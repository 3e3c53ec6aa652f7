// DocumentClient put/get per second in Node, repeated; prints each run and the medians.
// Run: node bench/js/node.mjs [runs]
import { PocketDynamo, DynamoDBDocument } from '../../web/src/index.js';
import { executeRaw } from '../../web/src/database.js';
import { runWorkload } from './workload.js';
import { printRuns } from './report.js';

const runs = Number(process.argv[2] ?? 5);
const results = [];
for (let i = 0; i < runs; i++) results.push(await runWorkload({ PocketDynamo, DynamoDBDocument, executeRaw }));
printRuns('Node ' + process.version, results);
