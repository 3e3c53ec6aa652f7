// The engine's own tables (Engine.protocol(), from core/api/operation_table.cpp and
// core/model/error_kinds.cpp, written into dist/protocol.js by the build), so that the package
// keeps no list of its own: which operations exist, which API each belongs to and which may
// write, and how DynamoDB writes each error (namespace, message key, HTTP status).
import protocol from '../dist/protocol.js';

const operations = new Map(protocol.operations.map((entry) => [entry.name, entry]));

/** The DynamoDB operations (db.putItem, PutItemCommand, ...), in the engine's order. */
export const DYNAMODB_OPERATIONS = Object.freeze(protocol.operations.filter((entry) => entry.api === 'DynamoDB').map((entry) => entry.name));

/** { name, api: 'DynamoDB' | 'DynamoDBStreams' | 'PocketDynamo', writes, changesCatalog, partiql? }, or undefined. */
export const operationInfo = (operation) => operations.get(operation);

/** A request that cannot change an item (so it adds no stream record): a known non-writing operation. */
export function neverWrites(operation) {
  const info = operationInfo(operation);
  return info !== undefined && !info.writes;
}

/** ExecuteStatement, BatchExecuteStatement, ExecuteTransaction: answered by the PartiQL module (partiql-module.js). */
export const answeredByPartiql = (operation) => operationInfo(operation)?.partiql === true;

/** { namespace, messageKey: 'message' | 'Message', status } of an error type. */
export function errorKind(type) {
  return Object.hasOwn(protocol.errors, type) ? protocol.errors[type] : protocol.ordinaryError;
}
