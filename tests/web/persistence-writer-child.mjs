// Child process of persistence-kill-fs.test.mjs: opens storage 'fs' in the directory given as
// argv[2] and runs round argv[3] of the kill workload (tests/support/kill-workload.mjs) from four
// concurrent writers, printing "ack <writer> <index>" for each acknowledged operation, until it is
// killed. Writes to a pipe are synchronous in Node on Linux: an operation's ack is in the pipe
// before the writer starts its next one.
import { createTable, open } from './persistence-support.mjs';
import { TABLE, runWriter } from '../support/kill-workload.mjs';

const [dir, round, valueBytes] = process.argv.slice(2).map((arg, i) => (i === 0 ? arg : Number(arg)));
// Odd rounds also load the untouched partitions in the background, so that kills land during it.
const db = await open({ name: 'kill-fs', storage: 'fs', path: dir, loadInBackground: round % 2 === 1 });
if (!(await db.listTables({})).TableNames.includes(TABLE)) await createTable(db, TABLE);
process.stdout.write('ready\n');
for (let writer = 0; writer < 4; writer++) {
  runWriter(db, { round, writer, valueBytes, acknowledge: async (index) => { process.stdout.write(`ack ${writer} ${index}\n`); } })
    .catch((error) => {
      process.stderr.write(`writer ${writer}: ${error.stack}\n`);
      process.exit(1);
    });
}
