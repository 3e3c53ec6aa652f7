// Child process of persistence-kill-fs.test.mjs: opens storage 'fs' in the directory given as
// argv[2] and writes forever from four concurrent loops (PutItem, and TransactWriteItems of a
// pair), printing "ack <id> <kind>" for each acknowledged write, until it is killed.
import { TABLE, createTable, open, put } from './persistence-support.mjs';

const [dir, round] = process.argv.slice(2);
const db = await open({ name: 'kill-fs', storage: 'fs', path: dir });
if (!(await db.listTables({})).TableNames.includes(TABLE)) await createTable(db);
const value = 'v'.repeat(1500);
process.stdout.write('ready\n');
const writer = async (w) => {
  for (let i = 0; ; i++) {
    const id = `r${round}-w${w}-${i}`;
    if (i % 2 === 0) {
      await put(db, id, value);
      process.stdout.write(`ack ${id} single\n`);
    } else {
      await db.transactWriteItems({ TransactItems: ['a', 'b'].map((half) => (
        { Put: { TableName: TABLE, Item: { id: { S: `${id}-${half}` }, v: { S: value } } } })) });
      process.stdout.write(`ack ${id} pair\n`);
    }
  }
};
for (let w = 0; w < 4; w++) writer(w);
