// Which members of a request/response hold attribute values, and the walk that (un)marshalls
// exactly those: the same algorithm as @aws-sdk/lib-dynamodb's marshallInput/unmarshallOutput,
// so the same members are converted, functions are dropped and undefined members vanish alike.
import { marshall, unmarshall } from '../marshall/marshall.js';

/** The node itself is a value. */
export const SELF = null;
/** Every member of the object is a value. */
export const ALL_VALUES = {};
/** Every element of the array is a value. */
export const ALL_MEMBERS = [];
const NEXT_LEVEL = '*';

function processObj(obj, processFunc, keyNodes) {
  if (obj === undefined) return undefined;
  if (keyNodes == null) return processFunc(obj);
  const keys = Object.keys(keyNodes);
  const goToNextLevel = keys.length === 1 && keys[0] === NEXT_LEVEL;
  if (keys.length === 0) return processAllKeysInObj(obj, processFunc, SELF);
  if (!goToNextLevel) return processKeysInObj(obj, processFunc, keyNodes);
  // '*': every member, each processed with the nested key nodes.
  return Object.entries(obj ?? {}).reduce((acc, [key, value]) => {
    if (typeof value !== 'function') acc[key] = processObj(value, processFunc, keyNodes[NEXT_LEVEL]);
    return acc;
  }, Array.isArray(obj) ? [] : {});
}

function processKeysInObj(obj, processFunc, keyNodes) {
  let accumulator;
  if (Array.isArray(obj)) {
    accumulator = obj.filter((item) => typeof item !== 'function');
  } else {
    accumulator = {};
    for (const [key, value] of Object.entries(obj)) {
      if (typeof value !== 'function') accumulator[key] = value;
    }
  }
  for (const [nodeKey, nodes] of Object.entries(keyNodes)) {
    if (typeof obj[nodeKey] === 'function') continue;
    const processed = processObj(obj[nodeKey], processFunc, nodes);
    if (processed !== undefined && typeof processed !== 'function') accumulator[nodeKey] = processed;
  }
  return accumulator;
}

function processAllKeysInObj(obj, processFunc, keyNodes) {
  if (Array.isArray(obj)) {
    return obj.filter((item) => typeof item !== 'function').map((item) => processObj(item, processFunc, keyNodes));
  }
  return Object.entries(obj).reduce((acc, [key, value]) => {
    if (typeof value === 'function') return acc;
    const processed = processObj(value, processFunc, keyNodes);
    if (processed !== undefined && typeof processed !== 'function') acc[key] = processed;
    return acc;
  }, {});
}

export const marshallInput = (obj, keyNodes, options) => processKeysInObj(obj, (value) => marshall(value, options), keyNodes);

export const unmarshallOutput = (obj, keyNodes, options) => processKeysInObj(obj, (value) => unmarshall(value, options), keyNodes);
