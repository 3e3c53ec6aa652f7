// Sync tests' shared setup: local databases, loopback remotes (pocketdynamo serve, dynalite) on
// ephemeral ports, and AWS SDK v3 clients for them. No network beyond 127.0.0.1.
import * as commands from '@aws-sdk/client-dynamodb';
import { DynamoDB, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { PocketDynamo } from 'pocketdynamo';
import { startServer } from 'pocketdynamo/server';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export { commands };

export const notesTable = (name = 'Notes') => ({
  TableName: name,
  AttributeDefinitions: [{ AttributeName: 'owner', AttributeType: 'S' }, { AttributeName: 'id', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'owner', KeyType: 'HASH' }, { AttributeName: 'id', KeyType: 'RANGE' }],
  BillingMode: 'PAY_PER_REQUEST',
});

export const notesSync = { Notes: { version: 'version', marker: 'updatedAt', tombstone: 'deleted' } };

let opened = 0;
/** A local database with the Notes table ('memory' unless `path` is given: then 'fs'). */
export function openLocal({ path, tables = [notesTable()] } = {}) {
  opened += 1;
  return PocketDynamo.open(path ? { name: 'sync-local', storage: 'fs', path, tables } : { name: `sync-local-${opened}`, storage: 'memory', tables });
}

const sdkConfig = (endpoint) => ({
  region: 'us-east-1', endpoint, credentials: { accessKeyId: 'dummy', secretAccessKey: 'dummy' }, maxAttempts: 1,
});

/** `pocketdynamo serve` on a free loopback port, with the Notes table; `remote` is an aggregated SDK client. */
export async function startServe() {
  const db = await PocketDynamo.open({ name: 'sync-remote', storage: 'memory', tables: [notesTable()] });
  const endpoint = await startServer({ db, port: 0, host: '127.0.0.1' });
  return {
    url: endpoint.url, db, remote: new DynamoDB(sdkConfig(endpoint.url)), bare: new DynamoDBClient(sdkConfig(endpoint.url)),
    close: async () => { await endpoint.close(); await db.close(); },
  };
}

/** dynalite (an independent DynamoDB implementation) on a free loopback port, with the Notes table. */
export async function startDynalite() {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  const remote = new DynamoDB(sdkConfig(url));
  await remote.createTable(notesTable());
  return { url, remote, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** A note item in DynamoDB JSON. */
export function note(owner, id, { version = 1, text = `${owner}/${id}`, updatedAt = Date.now() } = {}) {
  return { owner: { S: owner }, id: { S: id }, version: { N: String(version) }, text: { S: text }, updatedAt: { N: String(updatedAt) } };
}

/** Every item of a table, sorted by key, as plain { owner, id, version, text, deleted? } objects. */
export async function contents(client, table = 'Notes') {
  const items = [];
  let ExclusiveStartKey;
  do {
    const page = await client.scan({ TableName: table, ExclusiveStartKey, ConsistentRead: true });
    items.push(...page.Items);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items.map((item) => ({
    owner: item.owner.S, id: item.id.S, version: Number(item.version?.N), text: item.text?.S, ...(item.deleted ? { deleted: true } : {}),
  })).sort((a, b) => `${a.owner}/${a.id}`.localeCompare(`${b.owner}/${b.id}`));
}

/** Wraps an aggregated client: counts requests by operation, and lets a test fail or hold them. */
export function wrapRemote(remote, { before } = {}) {
  const counts = {};
  const wrapped = {};
  for (const method of ['putItem', 'deleteItem', 'getItem', 'query', 'scan', 'transactWriteItems', 'updateItem']) {
    wrapped[method] = async (input) => {
      counts[method] = (counts[method] ?? 0) + 1;
      if (before) await before(method, input, counts);
      return remote[method](input);
    };
  }
  return { remote: wrapped, counts };
}

/**
 * A fault-injecting HTTP proxy in front of an endpoint: `fault(target, attempt)` may answer a
 * request itself with { status, type } (a DynamoDB error body) or 'drop' (the connection is cut),
 * or return a function: the request is forwarded, then the function is called and no answer
 * comes; undefined forwards it. `requests` counts by X-Amz-Target operation.
 */
export async function startFaultProxy(targetUrl, fault) {
  const { default: http } = await import('node:http');
  const requests = {};
  const server = http.createServer(async (request, response) => {
    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);
    const operation = String(request.headers['x-amz-target']).split('.').pop();
    requests[operation] = (requests[operation] ?? 0) + 1;
    const injected = fault(operation, requests[operation]);
    if (typeof injected === 'function') { // forwarded (the remote applies it), then never answered
      await fetch(targetUrl, {
        method: 'POST', body: Buffer.concat(chunks),
        headers: { 'content-type': request.headers['content-type'], 'x-amz-target': request.headers['x-amz-target'] },
      });
      injected();
      return;
    }
    if (injected === 'drop') {
      request.socket.destroy();
      return;
    }
    if (injected) {
      response.writeHead(injected.status, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${injected.type}`, message: injected.message ?? injected.type }));
      return;
    }
    const forwarded = await fetch(targetUrl, {
      method: 'POST', body: Buffer.concat(chunks),
      headers: { 'content-type': request.headers['content-type'], 'x-amz-target': request.headers['x-amz-target'] },
    });
    response.writeHead(forwarded.status, { 'content-type': 'application/x-amz-json-1.0' });
    response.end(Buffer.from(await forwarded.arrayBuffer()));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url, requests, remote: new DynamoDB(sdkConfig(url)),
    close: () => new Promise((resolve) => { server.close(resolve); server.closeAllConnections(); }),
  };
}

/** Resolves with the first event of `type` the sync emits. */
export function nextEvent(sync, type) {
  return new Promise((resolve) => {
    const off = sync.on(type, (event) => { off(); resolve(event); });
  });
}

/** A DynamoDBStreams client for an endpoint, in its aggregated form, over fetch (JSON 1.0). */
export function streamsClient(url) {
  const call = async (operation, input) => {
    const response = await fetch(url, {
      method: 'POST', body: JSON.stringify(input),
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `DynamoDBStreams_20120810.${operation}` },
    });
    const body = await response.json();
    if (response.ok) return body;
    throw Object.assign(new Error(body.message), { name: String(body.__type).split('#').pop(), $metadata: { httpStatusCode: response.status } });
  };
  return {
    describeStream: (input) => call('DescribeStream', input),
    getShardIterator: (input) => call('GetShardIterator', input),
    getRecords: (input) => call('GetRecords', input),
  };
}
