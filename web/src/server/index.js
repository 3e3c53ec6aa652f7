// pocketdynamo/server: a DynamoDB HTTP endpoint in Node (never imported by the browser entry).
export { createServer, startServer, closeServer } from './server.js';
export { MAX_BODY_BYTES } from './http-protocol.js';
export { main } from './cli.js';
