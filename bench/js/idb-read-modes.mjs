// How fast Chromium's IndexedDB hands back values of the size the 'idb' backend stores (60 KB
// chunks, kept in its LevelDB: web/src/storage/idb-backend.js), read four ways from one object
// store of 2.5 MB: one getAll, one get per key made all at once, a cursor, and six getAlls in
// six transactions. Random bytes and compressible bytes. The backend reads one get per chunk.
// Run alone: node bench/js/idb-read-modes.mjs [runs]
import { launchBrowser, startServer } from '../../tests/support/browser.mjs';
import { parseArgs } from './args.js';
import { loadAverage, printSpread } from './report.js';

const { runs } = parseArgs();
console.log(`load average before: ${loadAverage()}`);
const server = await startServer();
const { context } = await launchBrowser();
try {
  const page = await context.newPage();
  await page.goto(`${server.origin}/bench/js/persistence.html`);
  const results = [];
  for (let run = 0; run < runs; run++) results.push(await page.evaluate(readModes));
  printSpread(`reading 42 values of 60 KB from IndexedDB, ms, ${runs} runs: median [min .. max]`, results);
} finally {
  await context.close();
  await server.close();
}
console.log(`load average after: ${loadAverage()}`);

// In the page.
async function readModes() {
  const COUNT = 42;
  const SIZE = 60 * 1024;
  const result = {};
  const db = await new Promise((resolve) => {
    const request = indexedDB.open(`read-modes-${Math.random()}`);
    request.onupgradeneeded = () => request.result.createObjectStore('s');
    request.onsuccess = () => resolve(request.result);
  });
  const done = (request) => new Promise((resolve) => { request.onsuccess = () => resolve(request.result); });
  const store = () => db.transaction('s', 'readonly').objectStore('s');
  const time = async (label, read) => {
    const start = performance.now();
    await read();
    result[label] = performance.now() - start;
  };
  for (const kind of ['random', 'compressible']) {
    await new Promise((resolve) => {
      const tx = db.transaction('s', 'readwrite');
      for (let i = 0; i < COUNT; i++) {
        const value = new Uint8Array(SIZE);
        if (kind === 'random') crypto.getRandomValues(value.subarray(0, 65536));
        else for (let j = 0; j < SIZE; j++) value[j] = (j * 7 + (j >> 5)) & 63;
        tx.objectStore('s').put(value, i);
      }
      tx.oncomplete = resolve;
    });
    await time(`${kind}GetAll`, () => done(store().getAll()));
    await time(`${kind}GetPerKey`, () => {
      const s = store();
      return Promise.all(Array.from({ length: COUNT }, (_, i) => done(s.get(i))));
    });
    await time(`${kind}Cursor`, () => new Promise((resolve) => {
      const request = store().openCursor();
      request.onsuccess = () => (request.result ? request.result.continue() : resolve());
    }));
    await time(`${kind}SixGetAlls`, () => Promise.all([0, 1, 2, 3, 4, 5].map((k) => done(store().getAll(IDBKeyRange.bound(k * 7, k * 7 + 6))))));
  }
  db.close();
  return result;
}
