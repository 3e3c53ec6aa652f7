// Types for pocketdynamo/server: a DynamoDB HTTP endpoint (JSON 1.0 protocol) in Node.
import type { Server } from 'node:http';
import type { PocketDynamoDatabase } from '../index.js';

export interface ServerOptions {
  /** The database the endpoint serves. The caller closes it after the server. */
  db: PocketDynamoDatabase;
  /**
   * Accept only requests with a valid AWS SigV4 signature (Authorization header) made with one
   * of these keys, dated within 15 minutes of the server's clock. Default: any request, signed
   * or not (as DynamoDB Local).
   */
  credentials?: Iterable<{ accessKeyId: string; secretAccessKey: string }>;
  /**
   * Web page origins (like 'http://localhost:5173', or '*' for any) allowed to call the endpoint
   * (CORS). Default none: no Access-Control-* headers, no preflight, and a request carrying
   * another Origin is refused with 403 AccessDeniedException.
   */
  corsOrigins?: Iterable<string>;
  /**
   * Host header names accepted at any port besides the bound address (and localhost names on a
   * loopback connection); another Host is refused with 403 AccessDeniedException (DNS rebinding).
   */
  allowHosts?: Iterable<string>;
  /** Bodies larger than this get a 413 (default 16 MB, as DynamoDB). */
  maxBodyBytes?: number;
  /** How long a body may take to arrive before a 408 RequestTimeoutException (default 60000). */
  bodyTimeoutMs?: number;
  /** Called with unexpected errors (answered with a 500 InternalServerError). */
  onError?: (error: Error) => void;
}

export interface StartOptions extends ServerOptions {
  /** Default 8000; 0 picks a free port. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
}

export interface RunningServer {
  server: Server;
  /** Like 'http://127.0.0.1:8000'. */
  url: string;
  port: number;
  /** The address it listens on, like '127.0.0.1' or '::'. */
  address: string;
  /** Stops accepting, lets requests in flight finish; does not close the database. */
  close(): Promise<void>;
}

/** An http.Server speaking DynamoDB's protocol, not yet listening. */
export function createServer(options: ServerOptions): Server;
export function startServer(options: StartOptions): Promise<RunningServer>;
export function closeServer(server: Server): Promise<void>;
export const MAX_BODY_BYTES: number;
/** The `pocketdynamo` command line; resolves to the exit code once the server has stopped. */
export function main(argv: string[], io?: { stdout?: NodeJS.WritableStream; stderr?: NodeJS.WritableStream; signals?: NodeJS.EventEmitter }): Promise<number>;
