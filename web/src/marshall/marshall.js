// Whole-record marshall/unmarshall, as in @aws-sdk/util-dynamodb.
import { convertToAttr } from './convert-to-attr.js';
import { convertToNative } from './convert-to-native.js';

/**
 * JS value -> AttributeValue; a top-level object or array becomes the bare map/list (an item)
 * unless options.convertTopLevelContainer is set.
 * @param {unknown} data
 * @param {import('../index.js').marshallOptions} [options]
 */
export function marshall(data, options) {
  const attributeValue = convertToAttr(data, options);
  if (typeof data !== 'object' || data === null) return attributeValue; // not a map or list
  const [key, value] = Object.entries(attributeValue)[0];
  if ((key === 'M' || key === 'L') && !options?.convertTopLevelContainer) return value;
  return attributeValue;
}

/**
 * Item (map of AttributeValues) -> plain object; with options.convertWithoutMapWrapper, one
 * AttributeValue -> its JS value.
 * @param {Record<string, import('../index.js').AttributeValue> | import('../index.js').AttributeValue} data
 * @param {import('../index.js').unmarshallOptions} [options]
 */
export const unmarshall = (data, options) => convertToNative(options?.convertWithoutMapWrapper ? data : { M: data }, options);
