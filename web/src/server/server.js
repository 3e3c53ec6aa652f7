// A DynamoDB endpoint for a PocketDynamo database: a Node http.Server speaking DynamoDB's JSON
// 1.0 protocol. Requests run one at a time on the engine (it is single-threaded and each request
// is one synchronous call), while the server keeps accepting connections.
import http from 'node:http';
import net from 'node:net';
import { executeRaw } from '../database.js';
import { dynamoDBListener } from './http-protocol.js';

/**
 * @param {{ db: import('../database.js').Database,
 *           credentials?: Iterable<{ accessKeyId: string, secretAccessKey: string }>,
 *           corsOrigins?: Iterable<string>, allowHosts?: Iterable<string>, maxBodyBytes?: number,
 *           bodyTimeoutMs?: number, onError?: (error: Error) => void }} options
 * @returns {http.Server} not yet listening
 */
export function createServer({ db, ...options }) {
  const execute = (operation, text, region) => db[executeRaw](operation, text, region);
  // The listener's body timeout bounds a request's body; headersTimeout still bounds its headers.
  const server = http.createServer({ keepAliveTimeout: 60_000, headersTimeout: 60_000, requestTimeout: 0 },
    dynamoDBListener({ execute, ...options }));
  return server;
}

/**
 * Creates the server and listens (port 0 picks a free port).
 * @returns {Promise<{ server: http.Server, url: string, port: number, address: string, close: () => Promise<void> }>}
 */
export async function startServer({ port = 8000, host = '127.0.0.1', ...options }) {
  // A name given as the host (not an address) is one the endpoint is called by (the Host check).
  const boundName = net.isIP(host) ? undefined : host;
  const server = createServer({ boundName, ...options });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    server, url: `http://${shownHost}:${address.port}`, port: address.port, address: address.address, close: () => closeServer(server),
  };
}

/** Stops accepting, lets requests in flight finish, drops idle keep-alive connections. */
export function closeServer(server) {
  return new Promise((resolve, reject) => {
    server.close((error) => (error && error.code !== 'ERR_SERVER_NOT_RUNNING' ? reject(error) : resolve()));
    server.closeIdleConnections?.();
    // A client that keeps its connection busy past this does not hold the shutdown up.
    setTimeout(() => server.closeAllConnections?.(), 2000).unref();
  });
}
