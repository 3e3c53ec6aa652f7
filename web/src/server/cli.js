// `pocketdynamo serve`: parses the command line, opens the database, starts the endpoint, prints
// its URL, and on SIGINT/SIGTERM closes the server and then the database.
import { mkdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { PocketDynamo } from '../open.js';
import { isLoopback } from './access.js';
import { secretsOf } from './auth.js';
import { startServer } from './server.js';

const USAGE = `Usage: pocketdynamo serve [--port 8000] [--host 127.0.0.1] [--in-memory | --dir DIR]
                         [--credentials ID:SECRET]... [--cors-origin ORIGIN]...
                         [--allow-host NAME]... [--body-timeout SECONDS]

  --port            port to listen on (0 picks a free one); default 8000
  --host            address to listen on; default 127.0.0.1 (this machine only)
  --in-memory       keep the data in memory until the server stops (the default)
  --dir DIR         keep the data in DIR (created if missing); a write is answered once it
                    is on disk, and one server at a time may use DIR
  --credentials ID:SECRET
                    accept only requests signed (AWS SigV4) with this access key id and
                    secret access key; repeat for more keys (default: any request, signed
                    or not, as DynamoDB Local)
  --cors-origin ORIGIN
                    let web pages of ORIGIN (like http://localhost:5173, or * for any page)
                    call the endpoint; repeatable (default: no page may)
  --allow-host NAME also accept requests whose Host header names NAME (at any port), as
                    behind a proxy; repeatable (default: only the address it listens on,
                    and localhost when that is this machine)
  --body-timeout SECONDS
                    how long a request body may take to arrive; default 60

       pocketdynamo --version   prints the package's version
       pocketdynamo --help      prints this`;

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'in-memory': { type: 'boolean' },
  dir: { type: 'string' },
  credentials: { type: 'string', multiple: true },
  'cors-origin': { type: 'string', multiple: true },
  'allow-host': { type: 'string', multiple: true },
  'body-timeout': { type: 'string' },
  // Refused with a pointer to --credentials (it checked the key id, never the signature).
  'access-key-ids': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
};

/**
 * Runs the command line; resolves to the exit code once the server has shut down
 * (2 for a usage error, 1 when it could not start).
 */
export async function main(argv, { stdout = process.stdout, stderr = process.stderr, signals = process } = {}) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    stderr.write(`pocketdynamo: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.version) {
    const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
    stdout.write(`${version}\n`);
    return 0;
  }
  if (positionals.length !== 1 || positionals[0] !== 'serve') {
    stderr.write(`pocketdynamo: ${positionals.length ? `unknown command "${positionals.join(' ')}"` : 'no command'}\n${USAGE}\n`);
    return 2;
  }
  const problem = checkOptions(values);
  if (problem) {
    stderr.write(`pocketdynamo: ${problem}\n`);
    return 2;
  }
  const credentials = values.credentials?.map(credentialOf);
  // Listen for the signals before anything else, so that one arriving at any point stops cleanly.
  const stopped = new Promise((resolve) => {
    const stop = (signal) => {
      signals.off('SIGINT', stop);
      signals.off('SIGTERM', stop);
      resolve(signal);
    };
    signals.on('SIGINT', stop);
    signals.on('SIGTERM', stop);
  });
  let db;
  try {
    db = await openDatabase(values.dir);
  } catch (error) {
    stderr.write(`pocketdynamo: cannot open ${values.dir}: ${openProblem(error)}\n`);
    return 1;
  }
  for (const problem of db.recoveryReport?.problems ?? []) stderr.write(`pocketdynamo: recovery: ${problem}\n`);
  let endpoint;
  try {
    endpoint = await startServer({
      db,
      port: values.port === undefined ? 8000 : Number(values.port),
      host: values.host ?? '127.0.0.1',
      credentials,
      corsOrigins: values['cors-origin'],
      allowHosts: values['allow-host'],
      bodyTimeoutMs: values['body-timeout'] === undefined ? undefined : Number(values['body-timeout']) * 1000,
      onError: (error) => stderr.write(`pocketdynamo: internal error: ${error?.stack ?? error}\n`),
    });
  } catch (error) {
    await db.close();
    stderr.write(`pocketdynamo: cannot listen: ${error.message}\n`);
    return 1;
  }
  const where = values.dir === undefined ? 'in memory' : `data in ${values.dir}`;
  for (const warning of exposureWarnings(endpoint.address, values)) stderr.write(`pocketdynamo: warning: ${warning}\n`);
  stdout.write(`PocketDynamo (DynamoDB API, ${where}) listening on ${endpoint.url}\n`);
  stdout.write(`pocketdynamo: ${await stopped}, shutting down\n`);
  await endpoint.close();
  await db.close();
  return 0;
}

async function openDatabase(dir) {
  const name = 'pocketdynamo-server';
  if (dir === undefined) return PocketDynamo.open({ name, storage: 'memory' });
  await mkdir(dir, { recursive: true });
  return PocketDynamo.open({ name, storage: 'fs', path: dir });
}

// A locked folder is told as a server would: who holds it and what to do, not the API's lock option.
function openProblem(error) {
  if (error?.name !== 'DatabaseLockedError') return error?.message ?? String(error);
  const { pid, hostname } = error.holder ?? {};
  if (hostname !== undefined && hostname !== os.hostname()) return error.message; // says to delete the LOCK by hand
  const who = pid === process.pid ? 'this server' : `process ${pid}${hostname ? ` on ${hostname}` : ''}`;
  return `the folder is in use by another PocketDynamo server or app (${pid === undefined ? 'its LOCK file' : who}). `
    + 'Stop that one first, or give this server another --dir';
}

// "ID:SECRET" (a secret access key has no colon; an id neither) -> { accessKeyId, secretAccessKey }.
function credentialOf(pair) {
  const colon = pair.indexOf(':');
  return { accessKeyId: pair.slice(0, colon), secretAccessKey: pair.slice(colon + 1) };
}

// What a user should know about who can reach the database as started.
function exposureWarnings(address, values) {
  const warnings = [];
  if (!isLoopback(address) && !values.credentials) {
    warnings.push(`listening on ${address}, beyond this machine, without --credentials: anyone who can reach this port `
      + 'can read and change the database. Add --credentials ID:SECRET, or listen on 127.0.0.1');
  }
  if (values['cors-origin']?.includes('*') && !values.credentials) {
    warnings.push('--cors-origin * without --credentials: any web page open in a browser that can reach this port '
      + 'can read and change the database');
  }
  return warnings;
}

function checkOptions(values) {
  if (values.dir !== undefined) {
    if (values['in-memory']) return '--dir and --in-memory cannot be used together';
    if (values.dir === '') return '--dir needs a directory';
  }
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535) return `--port must be a number from 0 to 65535, not "${values.port}"`;
  }
  if (values.host === '') return '--host must not be empty';
  if (values['access-key-ids'] !== undefined) {
    return '--access-key-ids is no longer accepted: it checked the access key id, never the signature, '
      + 'so anyone could get in. Use --credentials ID:SECRET (repeatable) to require requests signed with that key';
  }
  if (values.credentials) {
    for (const pair of values.credentials) {
      const colon = pair.indexOf(':');
      if (colon <= 0 || colon === pair.length - 1) return `--credentials needs ACCESS_KEY_ID:SECRET_ACCESS_KEY, not "${pair}"`;
    }
    try {
      secretsOf(values.credentials.map(credentialOf));
    } catch (error) {
      return `--credentials: ${error.message.replace(/^pocketdynamo server: /, '')}`;
    }
  }
  for (const origin of values['cors-origin'] ?? []) {
    if (origin !== '*' && !/^[a-z][a-z0-9+.-]*:\/\/[^/\s]+$/i.test(origin)) {
      return `--cors-origin must be an origin like http://localhost:5173 (scheme, host, port; no path) or *, not "${origin}"`;
    }
  }
  for (const name of values['allow-host'] ?? []) {
    if (!/^(\[[0-9a-fA-F:.]+\]|[^\s:/[\]]+)$/.test(name)) return `--allow-host needs a host name without port, like myhost.lan, not "${name}"`;
  }
  if (values['body-timeout'] !== undefined && !(Number(values['body-timeout']) > 0)) {
    return `--body-timeout must be a positive number of seconds, not "${values['body-timeout']}"`;
  }
  return '';
}
