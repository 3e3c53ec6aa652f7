// The engine's own tables, read once from the loaded module (Engine.protocol(), written from
// core/api/operation_table.cpp and core/model/error_kinds.cpp), so that the package keeps no
// list of its own: which operations exist, which API each belongs to and which may write, and
// how DynamoDB writes each error (namespace, message key, HTTP status).
let tables = null;

/** Reads the tables from an instantiated engine module (engine-module.js calls it once). */
export function learnProtocol(module) {
  if (tables) return;
  const { operations, errors, ordinaryError } = JSON.parse(module.Engine.protocol());
  tables = { operations: new Map(operations.map((entry) => [entry.name, entry])), errors, ordinaryError };
}

function known() {
  if (!tables) throw new Error('PocketDynamo: the engine module is not loaded yet');
  return tables;
}

/** { name, api: 'DynamoDB' | 'DynamoDBStreams' | 'PocketDynamo', writes, changesCatalog }, or undefined. */
export const operationInfo = (operation) => known().operations.get(operation);

/** A request that cannot change an item (so it adds no stream record): a known non-writing operation. */
export function neverWrites(operation) {
  const info = operationInfo(operation);
  return info !== undefined && !info.writes;
}

/** { namespace, messageKey: 'message' | 'Message', status } of an error type. */
export function errorKind(type) {
  const { errors, ordinaryError } = known();
  return Object.hasOwn(errors, type) ? errors[type] : ordinaryError;
}
