// TransactWriteItems of 10 actions per second from JS, side by side with 10 sequential PutItem
// calls of the same items (the ratio is the transaction's speed-up), in headless Chromium, or in
// Node with --node. Prints each run and the medians.
// Run: node bench/js/transactions.mjs [runs] [--node]
import os from 'node:os';
import { printRuns } from './report.js';

const runs = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 5);
const inNode = process.argv.includes('--node');
console.log(`load average before: ${os.loadavg().map((n) => n.toFixed(2)).join(' ')} (${os.cpus().length} cores)`);

if (inNode) {
  const { PocketDynamo, DynamoDBDocument, marshall } = await import('pocketdynamo');
  const { runTransactions } = await import('./transactions-workload.js');
  const results = [];
  await runTransactions({ PocketDynamo, DynamoDBDocument, marshall }, { count: 200 });  // warm-up
  for (let i = 0; i < runs; i++) results.push(await runTransactions({ PocketDynamo, DynamoDBDocument, marshall }));
  printRuns(`Node ${process.version}`, results);
} else {
  const { withBenchPage } = await import('./bench-page.js');
  await withBenchPage('bench/js/transactions.html', async (page, version) => {
    await page.evaluate(() => window.runBenchmark({ count: 200 }));  // warm-up
    const results = [];
    for (let i = 0; i < runs; i++) results.push(await page.evaluate(() => window.runBenchmark({})));
    printRuns(`Chromium (${version})`, results);
  });
}
console.log(`load average after: ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}`);
