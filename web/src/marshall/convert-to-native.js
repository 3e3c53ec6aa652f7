// DynamoDB AttributeValue -> JS value, with @aws-sdk/util-dynamodb's rules and error texts.
import { NumberValue } from './number-value.js';

/**
 * @param {import('../index.js').AttributeValue} data
 * @param {import('../index.js').unmarshallOptions} [options]
 * @returns {any}
 */
export function convertToNative(data, options) {
  // The first member that is not undefined names the type.
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined) continue;
    switch (key) {
      case 'NULL': return null;
      case 'BOOL': return Boolean(value);
      case 'N': return convertNumber(value, options);
      case 'B': return value;
      case 'S': return value;
      case 'L': return value.map((item) => convertToNative(item, options));
      case 'M': return convertMap(value, options);
      case 'NS': return new Set(value.map((item) => convertNumber(item, options)));
      case 'BS': return new Set(value.map((item) => item));
      case 'SS': return new Set(value.map((item) => item));
      default: throw new Error(`Unsupported type passed: ${key}`);
    }
  }
  throw new Error(`No value defined: ${JSON.stringify(data)}`);
}

function convertMap(map, options) {
  const result = {};
  for (const [key, value] of Object.entries(map)) result[key] = convertToNative(value, options);
  return result;
}

/** A number's text -> what unmarshall makes of it (number, bigint, or per options.wrapNumbers). */
export function convertNumber(text, options) {
  if (typeof options?.wrapNumbers === 'function') return options.wrapNumbers(text);
  if (options?.wrapNumbers) return NumberValue.from(text);
  const num = Number(text);
  // Integers past 2^53 come back exact as bigint; other numbers as the nearest double.
  if ((num > Number.MAX_SAFE_INTEGER || num < Number.MIN_SAFE_INTEGER) && num !== Infinity && num !== -Infinity) {
    try {
      return BigInt(text);
    } catch {
      throw new Error(`${text} can't be converted to BigInt. Set options.wrapNumbers to get string value.`);
    }
  }
  return num;
}
