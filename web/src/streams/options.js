// The options shared by db.subscribe and db.streamRecords, checked once, up front.
const POSITIONS = ['LATEST', 'TRIM_HORIZON'];
const SHAPES = ['dynamodb', 'document'];

/**
 * @param {string} method for error messages
 * @param {unknown} tableName
 * @param {{ startingPosition?: string, shape?: string, unmarshallOptions?: object, onError?: Function }} [options]
 */
export function readOptions(method, tableName, options = {}) {
  if (typeof tableName !== 'string') throw new TypeError(`${method}: tableName must be a string`);
  if (options === null || typeof options !== 'object') throw new TypeError(`${method}: options must be an object`);
  const { startingPosition = 'LATEST', shape = 'dynamodb', unmarshallOptions, onError } = options;
  if (!POSITIONS.includes(startingPosition)) {
    throw new TypeError(`${method}: startingPosition must be 'LATEST' or 'TRIM_HORIZON', not ${JSON.stringify(startingPosition)}`);
  }
  if (!SHAPES.includes(shape)) {
    throw new TypeError(`${method}: shape must be 'dynamodb' or 'document', not ${JSON.stringify(shape)}`);
  }
  if (onError !== undefined && typeof onError !== 'function') throw new TypeError(`${method}: onError must be a function`);
  return { startingPosition, shape, unmarshallOptions, onError };
}
