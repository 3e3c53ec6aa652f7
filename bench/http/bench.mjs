// Requests per second of the PocketDynamo HTTP endpoint and of dynalite, side by side, from the
// AWS SDK (@aws-sdk/client-dynamodb with its default Node http handler, keep-alive) with 64
// requests in flight: GetItem and PutItem of 200-byte items. Each server runs in its own process
// on 127.0.0.1; runs alternate between them; prints the median of the runs and the ratio, and
// each server's CPU time per request.
// Usage: node bench/http/bench.mjs [--runs 5] [--seconds 3]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, seconds: { type: 'string', default: '3' } } });
const RUNS = Number(values.runs);
const SECONDS = Number(values.seconds);
const CONCURRENCY = 64;
const KEYS = 1000;
const TABLE = 'Bench';

const root = (path) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Starts a server process and resolves once it prints that it listens.
async function startProcess(name, args, ready) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (data) => {
      out += data;
      if (ready.test(out)) resolve();
    });
    child.on('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
  });
  return child;
}

const servers = {
  pocketdynamo: async (port) => startProcess('pocketdynamo', [root('web/bin/pocketdynamo.js'), 'serve', '--port', String(port), '--in-memory'], /listening on/),
  dynalite: async (port) => startProcess('dynalite', [root('node_modules/dynalite/cli.js'), '--port', String(port), '--host', '127.0.0.1', '--createTableMs', '0'], /listening at/),
};

// An item of 200 bytes by DynamoDB's size rule (attribute names + values).
const keyOf = (i) => `user-${String(i).padStart(6, '0')}`;
function item(i) {
  const id = keyOf(i);
  const payload = 'x'.repeat(200 - 'id'.length - id.length - 'payload'.length);
  return { id: { S: id }, payload: { S: payload } };
}

async function prepare(client) {
  await client.send(new CreateTableCommand({
    TableName: TABLE,
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  }));
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: TABLE }));
    if (Table.TableStatus === 'ACTIVE') break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  for (let i = 0; i < KEYS; i += CONCURRENCY) {
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, KEYS - i) }, (_, j) => client.send(new PutItemCommand({ TableName: TABLE, Item: item(i + j) }))));
  }
}

// CPU seconds (user + system) a process has used so far, from /proc (Linux).
function cpuSeconds(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

// CONCURRENCY loops, each sending its next request when the previous one is answered.
async function measure(client, operation, pid) {
  const make = operation === 'GetItem'
    ? (i) => new GetItemCommand({ TableName: TABLE, Key: { id: { S: keyOf(i % KEYS) } } })
    : (i) => new PutItemCommand({ TableName: TABLE, Item: item(i % KEYS) });
  let next = 0;
  let done = 0;
  const cpuBefore = cpuSeconds(pid);
  const end = performance.now() + SECONDS * 1000;
  const start = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (performance.now() < end) {
      const output = await client.send(make(next++));
      if (operation === 'GetItem' && !output.Item) throw new Error('GetItem found no item');
      done++;
    }
  }));
  const seconds = (performance.now() - start) / 1000;
  return { rate: done / seconds, cpuPerRequest: (cpuSeconds(pid) - cpuBefore) / done };
}

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

// A client with its own keep-alive agent. Each run gets a fresh one: reusing connections that sat
// idle while the other server ran races with the server closing them (dynalite closes idle
// connections after 5 s), and a request sent on a closing connection fails.
function newClient(port) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const client = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${port}`,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    maxAttempts: 1,
    requestHandler: { httpAgent: agent }, // options for the default NodeHttpHandler
  });
  return { client, close: () => { client.destroy(); agent.destroy(); } };
}

async function withClient(port, use) {
  const { client, close } = newClient(port);
  try {
    return await use(client);
  } finally {
    close();
  }
}

const results = { pocketdynamo: { GetItem: [], PutItem: [] }, dynalite: { GetItem: [], PutItem: [] } };
const targets = {};
try {
  for (const name of Object.keys(servers)) {
    const port = await freePort();
    targets[name] = { port, child: await servers[name](port) };
    const { pid } = targets[name].child;
    await withClient(port, async (client) => {
      await prepare(client);
      await measure(client, 'GetItem', pid); // warm-up (JIT)
      await measure(client, 'PutItem', pid);
    });
  }
  // Runs alternate between the servers, so that a change in the machine's load hits both alike.
  for (let run = 0; run < RUNS; run++) {
    for (const [name, { port, child }] of Object.entries(targets)) {
      for (const operation of ['GetItem', 'PutItem']) {
        results[name][operation].push(await withClient(port, (client) => measure(client, operation, child.pid)).catch((error) => {
          throw new Error(`${name} ${operation}, run ${run + 1}: ${error.message}`, { cause: error });
        }));
      }
    }
  }
} finally {
  for (const { child } of Object.values(targets)) child.kill('SIGTERM');
}

console.log(`${RUNS} runs of ${SECONDS} s each, ${CONCURRENCY} requests in flight, 200-byte items, AWS SDK v3 default Node http handler (keep-alive)`);
// The SDK client shares the machine with the server and may be what limits the rate, so the
// server's own CPU time per request is printed too (lower is better).
console.log('operation   pocketdynamo req/s   dynalite req/s   ratio   server CPU us/request: pocketdynamo   dynalite   ratio');
for (const operation of ['GetItem', 'PutItem']) {
  const ours = median(results.pocketdynamo[operation].map((r) => r.rate));
  const theirs = median(results.dynalite[operation].map((r) => r.rate));
  const ourCpu = median(results.pocketdynamo[operation].map((r) => r.cpuPerRequest)) * 1e6;
  const theirCpu = median(results.dynalite[operation].map((r) => r.cpuPerRequest)) * 1e6;
  console.log(`${operation.padEnd(11)} ${ours.toFixed(0).padStart(18)} ${theirs.toFixed(0).padStart(16)} ${(ours / theirs).toFixed(2).padStart(6)}x`
    + `${ourCpu.toFixed(0).padStart(37)} ${theirCpu.toFixed(0).padStart(10)} ${(theirCpu / ourCpu).toFixed(2).padStart(6)}x`);
}
const rates = (list) => list.map((r) => Math.round(r.rate));
console.log(`req/s of each run: ${JSON.stringify(Object.fromEntries(Object.entries(results).map(([n, r]) => [n, { GetItem: rates(r.GetItem), PutItem: rates(r.PutItem) }])))}`);
