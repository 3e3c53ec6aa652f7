// `pocketdynamo serve` as a process: prints its URL, serves, shuts down cleanly on SIGINT and
// SIGTERM, passes its access options on, warns when the database is exposed, and refuses what it
// cannot do with exit code 2.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { post, sdkConfig, usersTable } from '../support/http.mjs';
import { dynamoHeaders, rawRequest } from './raw-http.mjs';

const BIN = fileURLToPath(new URL('../../web/bin/pocketdynamo.js', import.meta.url));

// Starts the command; `ready` resolves to the URL it prints, `exit` to { code, stdout, stderr }.
function start(args) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (data) => { stderr += data; });
  const exit = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  const ready = new Promise((resolve, reject) => {
    child.stdout.on('data', (data) => {
      stdout += data;
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match) resolve(match[1]);
    });
    exit.then(({ code }) => reject(new Error(`exited with ${code} before listening: ${stderr}`)));
  });
  ready.catch(() => {});
  return { child, ready, exit };
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  test(`serve --port 0 --in-memory: prints its URL on 127.0.0.1, serves, and exits 0 on ${signal}`, async () => {
    const server = start(['serve', '--port', '0', '--in-memory']);
    const url = await server.ready;
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal((await post(url, 'CreateTable', usersTable)).status, 200);
    assert.deepEqual(await (await post(url, 'ListTables', {})).json(), { TableNames: ['Users'] });
    server.child.kill(signal);
    const { code, stdout } = await server.exit;
    assert.equal(code, 0);
    assert.match(stdout, new RegExp(`${signal}, shutting down`));
  });
}

test('shutdown waits for nothing: an idle keep-alive connection is closed and the process exits', async () => {
  const server = start(['serve', '--port', '0']);
  const url = await server.ready;
  const socket = net.connect(new URL(url).port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.on('error', () => {});
  const closedByServer = new Promise((resolve) => socket.once('close', resolve));
  server.child.kill('SIGTERM');
  // Both events, whatever the machine's speed; a shutdown held up by the socket would never exit.
  await closedByServer;
  assert.equal((await server.exit).code, 0);
});

test('--credentials ID:SECRET: unsigned requests and wrong secrets are refused, the right secret gets through', async () => {
  const server = start(['serve', '--port', '0', '--credentials', 'AKIDLOCAL:s3cr/et+key', '--credentials', 'ci:other']);
  const url = await server.ready;
  const response = await post(url, 'ListTables', {});
  assert.equal((await response.json()).__type, 'com.amazon.coral.service#MissingAuthenticationTokenException');
  for (const [accessKeyId, secretAccessKey] of [['AKIDLOCAL', 's3cr/et+key'], ['ci', 'other']]) {
    const client = new DynamoDBClient(sdkConfig(url, { credentials: { accessKeyId, secretAccessKey } }));
    assert.deepEqual((await client.send(new ListTablesCommand({}))).TableNames, []);
    client.destroy();
  }
  const wrong = new DynamoDBClient(sdkConfig(url, { credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'guess' } }));
  await assert.rejects(wrong.send(new ListTablesCommand({})), { name: 'InvalidSignatureException' });
  wrong.destroy();
  server.child.kill('SIGTERM');
  const { code, stderr } = await server.exit;
  assert.equal(code, 0);
  assert.doesNotMatch(stderr, /warning/);
});

test('--cors-origin and --allow-host reach the server', async () => {
  const server = start(['serve', '--port', '0', '--cors-origin', 'http://localhost:5173', '--allow-host', 'db.proxy.example']);
  const url = await server.ready;
  const fromPage = await rawRequest(url, { headers: dynamoHeaders('ListTables', { origin: 'http://localhost:5173' }), body: '{}' });
  assert.equal(fromPage.status, 200);
  assert.equal(fromPage.headers['access-control-allow-origin'], 'http://localhost:5173');
  assert.equal((await rawRequest(url, { headers: dynamoHeaders('ListTables', { origin: 'http://evil.example' }), body: '{}' })).status, 403);
  assert.equal((await rawRequest(url, { headers: dynamoHeaders('ListTables', { host: 'db.proxy.example' }), body: '{}' })).status, 200);
  assert.equal((await rawRequest(url, { headers: dynamoHeaders('ListTables', { host: 'evil.example' }), body: '{}' })).status, 403);
  server.child.kill('SIGTERM');
  assert.equal((await server.exit).code, 0);
});

test('--host 0.0.0.0 without --credentials: a warning on stderr that anyone who can reach the port can change the database', async () => {
  const server = start(['serve', '--port', '0', '--host', '0.0.0.0']);
  await server.ready;
  server.child.kill('SIGTERM');
  const { code, stderr } = await server.exit;
  assert.equal(code, 0);
  assert.match(stderr, /pocketdynamo: warning: listening on 0\.0\.0\.0, beyond this machine, without --credentials: anyone who can reach this port can read and change the database/);
});

test('no exposure warning on loopback, nor beyond it with --credentials; one for --cors-origin * without credentials', async () => {
  for (const [args, warned] of [
    [[], false],
    [['--host', '0.0.0.0', '--credentials', 'id:secret'], false],
    [['--cors-origin', '*'], true],
  ]) {
    const server = start(['serve', '--port', '0', ...args]);
    await server.ready;
    server.child.kill('SIGTERM');
    const { stderr } = await server.exit;
    if (warned) assert.match(stderr, /warning: --cors-origin \* without --credentials: any web page/, args.join(' '));
    else assert.doesNotMatch(stderr, /warning/, args.join(' '));
  }
});

test('serve --dir: the data is still there after a restart, and a second server on the directory is refused', async () => {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pd-serve-')), 'data');
  try {
    const first = start(['serve', '--port', '0', '--dir', dir]);
    const url = await first.ready;
    assert.equal((await post(url, 'CreateTable', usersTable)).status, 200);
    const item = { UserId: { S: 'u1' }, Email: { S: 'a@example.com' }, Name: { S: 'Ada' } };
    assert.equal((await post(url, 'PutItem', { TableName: 'Users', Item: item })).status, 200);
    const second = await start(['serve', '--port', '0', '--dir', dir]).exit;
    assert.equal(second.code, 1);
    assert.match(second.stderr, /cannot open .*: the folder is in use by another PocketDynamo server or app \(process \d+ on .*\)\. Stop that one first, or give this server another --dir/);
    assert.doesNotMatch(second.stderr, /tab|lock: 'wait'/);
    first.child.kill('SIGTERM');
    assert.equal((await first.exit).code, 0);

    const again = start(['serve', '--port', '0', '--dir', dir]);
    const url2 = await again.ready;
    const got = await (await post(url2, 'GetItem', { TableName: 'Users', Key: { UserId: { S: 'u1' }, Email: { S: 'a@example.com' } } })).json();
    assert.deepEqual(got.Item, item);
    again.child.kill('SIGINT');
    assert.equal((await again.exit).code, 0);
  } finally {
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  }
});

const refusals = [
  [['serve', '--dir', ''], /--dir needs a directory/],
  [['serve', '--dir', './data', '--in-memory'], /cannot be used together/],
  [['serve', '--port', 'eighty'], /--port must be a number/],
  [['serve', '--port', '70000'], /--port must be a number/],
  [['serve', '--verbose'], /Unknown option '--verbose'/],
  [['serve', '--access-key-ids', 'local,ci'], /--access-key-ids is no longer accepted: it checked the access key id, never the signature.*--credentials ID:SECRET/],
  [['serve', '--credentials', 'nocolon'], /--credentials needs ACCESS_KEY_ID:SECRET_ACCESS_KEY, not "nocolon"/],
  [['serve', '--credentials', ':secret'], /--credentials needs ACCESS_KEY_ID:SECRET_ACCESS_KEY/],
  [['serve', '--credentials', 'id:'], /--credentials needs ACCESS_KEY_ID:SECRET_ACCESS_KEY/],
  [['serve', '--credentials', 'id:a', '--credentials', 'id:b'], /--credentials: access key id "id" is given twice with different secrets/],
  [['serve', '--cors-origin', 'http://localhost:5173/app'], /--cors-origin must be an origin/],
  [['serve', '--allow-host', 'db.example:8000'], /--allow-host needs a host name without port/],
  [['serve', '--body-timeout', '0'], /--body-timeout must be a positive number of seconds/],
  [['start'], /unknown command "start"/],
  [[], /no command/],
];
for (const [args, message] of refusals) {
  test(`pocketdynamo ${args.join(' ')}: exit code 2 and a clear message`, async () => {
    const { code, stderr } = await start(args).exit;
    assert.equal(code, 2);
    assert.match(stderr, message);
  });
}

test('--help prints the usage and exits 0', async () => {
  const { code } = await start(['--help']).exit;
  assert.equal(code, 0);
});

test('--version (and -v) prints the package version and exits 0', async () => {
  const { version } = JSON.parse(fs.readFileSync(new URL('../../web/package.json', import.meta.url), 'utf8'));
  for (const flag of ['--version', '-v']) {
    const { code, stdout } = await start([flag]).exit;
    assert.equal(code, 0);
    assert.equal(stdout, `${version}\n`);
  }
});

test('a port in use: exit code 1 and why', async () => {
  const blocker = net.createServer();
  await new Promise((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  try {
    const { code, stderr } = await start(['serve', '--port', String(blocker.address().port)]).exit;
    assert.equal(code, 1);
    assert.match(stderr, /cannot listen: .*EADDRINUSE/);
  } finally {
    blocker.close();
  }
});
