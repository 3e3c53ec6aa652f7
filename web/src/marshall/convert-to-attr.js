// JS value -> DynamoDB AttributeValue. The rules, their order and the error texts are those of
// @aws-sdk/util-dynamodb's convertToAttr (so code moving between the two behaves the same); the one
// addition is cycle detection, where util-dynamodb overflows the stack.
import { binariesAsBase64, binaryToWire } from '../wire.js';
import { NumberValue } from './number-value.js';

const UNDEFINED_ERROR = 'Pass options.removeUndefinedValues=true to remove undefined values from map/array/set.';

// Constructor names util-dynamodb treats as binary (by name, so other realms' arrays count too).
const BINARY_TYPES = new Set([
  'ArrayBuffer', 'Blob', 'Buffer', 'DataView', 'File', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray',
  'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array',
  'BigInt64Array', 'BigUint64Array',
]);

/**
 * @param {unknown} data
 * @param {import('../index.js').marshallOptions} [options]
 * @returns {import('../index.js').AttributeValue}
 */
export function convertToAttr(data, options) {
  // The commonest values (keys, expression values) take toAttr's own branches for them, without
  // the cycle-detection set a container needs.
  if (typeof data === 'string' && (data.length > 0 || !options?.convertEmptyValues)) return { S: data };
  if (typeof data === 'number') return numberAttr(data, options);
  return toAttr(data, options, new Set());
}

function toAttr(data, options, ancestors) {
  if (data === undefined) {
    throw new Error(UNDEFINED_ERROR);
  } else if (data === null && typeof data === 'object') {
    return { NULL: true };
  } else if (Array.isArray(data)) {
    return nested(data, ancestors, () => listAttr(data, options, ancestors));
  } else if (data?.constructor?.name === 'Set') {
    return setAttr(data, options);
  } else if (data?.constructor?.name === 'Map') {
    return nested(data, ancestors, () => mapAttrFromEntries(data, options, ancestors));
  } else if (data?.constructor?.name === 'Object' || (!data.constructor && typeof data === 'object')) {
    return nested(data, ancestors, () => mapAttrFromProps(data, options, ancestors));
  } else if (isBinary(data)) {
    if (data.length === 0 && options?.convertEmptyValues) return { NULL: true };
    return { B: options?.[binariesAsBase64] ? binaryToWire(data) : data };
  } else if (typeof data === 'boolean' || data?.constructor?.name === 'Boolean') {
    return { BOOL: data.valueOf() };
  } else if (typeof data === 'number' || data?.constructor?.name === 'Number') {
    return numberAttr(data, options);
  } else if (data instanceof NumberValue) {
    return data.toAttributeValue();
  } else if (typeof data === 'bigint') {
    return { N: data.toString() };
  } else if (typeof data === 'string' || data?.constructor?.name === 'String') {
    if (data.length === 0 && options?.convertEmptyValues) return { NULL: true };
    return { S: data.toString() };
  } else if (options?.convertClassInstanceToMap && typeof data === 'object') {
    return nested(data, ancestors, () => mapAttrFromProps(data, options, ancestors));
  }
  throw new Error(`Unsupported type passed: ${data}. Pass options.convertClassInstanceToMap=true to marshall typeof object as map attribute.`);
}

// Converts a container while it is on the current path, so a value that contains itself is an
// error instead of endless recursion.
function nested(container, ancestors, convert) {
  if (ancestors.has(container)) {
    throw new Error('Cannot marshall a circular structure: an object or array contains itself.');
  }
  ancestors.add(container);
  const attr = convert();
  ancestors.delete(container);
  return attr;
}

const keep = (value, options) => typeof value !== 'function' && (value !== undefined || !options?.removeUndefinedValues);

const listAttr = (data, options, ancestors) => ({
  L: data.filter((item) => keep(item, options)).map((item) => toAttr(item, options, ancestors)),
});

function mapAttrFromEntries(data, options, ancestors) {
  const map = {};
  for (const [key, value] of data) {
    if (keep(value, options)) map[key] = toAttr(value, options, ancestors);
  }
  return { M: map };
}

function mapAttrFromProps(data, options, ancestors) {
  const map = {};
  for (const key in data) {
    const value = data[key];
    if (keep(value, options)) map[key] = toAttr(value, options, ancestors);
  }
  return { M: map };
}

function setAttr(set, options) {
  const values = options?.removeUndefinedValues ? new Set([...set].filter((value) => value !== undefined)) : set;
  if (!options?.removeUndefinedValues && values.has(undefined)) throw new Error(UNDEFINED_ERROR);
  if (values.size === 0) {
    if (options?.convertEmptyValues) return { NULL: true };
    throw new Error('Pass a non-empty set, or options.convertEmptyValues=true.');
  }
  // The first member decides the set's type, as in util-dynamodb.
  const first = values.values().next().value;
  if (first instanceof NumberValue) return { NS: Array.from(values, (value) => value.toString()) };
  if (typeof first === 'number') return { NS: Array.from(values, (value) => numberAttr(value, options).N) };
  if (typeof first === 'bigint') return { NS: Array.from(values, (value) => value.toString()) };
  if (typeof first === 'string') return { SS: Array.from(values, (value) => value.toString()) };
  if (isBinary(first)) return { BS: options?.[binariesAsBase64] ? Array.from(values, binaryToWire) : Array.from(values) };
  throw new Error('Only Number Set (NS), Binary Set (BS) or String Set (SS) are allowed.');
}

function numberAttr(num, options) {
  const text = num.toString();
  if (text === 'NaN' || text === 'Infinity' || text === '-Infinity') {
    throw new Error(`Special numeric value ${text} is not allowed`);
  } else if (!options?.allowImpreciseNumbers) {
    // Past 2^53 a JS number is already rounded: ask for an exact representation instead.
    if (Number(num) > Number.MAX_SAFE_INTEGER) {
      throw new Error(`Number ${text} is greater than Number.MAX_SAFE_INTEGER. Use NumberValue from @aws-sdk/lib-dynamodb.`);
    } else if (Number(num) < Number.MIN_SAFE_INTEGER) {
      throw new Error(`Number ${text} is lesser than Number.MIN_SAFE_INTEGER. Use NumberValue from @aws-sdk/lib-dynamodb.`);
    }
  }
  return { N: text };
}

/** True for the values util-dynamodb marshalls as B (decided by constructor name). */
export const isBinary = (data) => (data?.constructor ? BINARY_TYPES.has(data.constructor.name) : false);
