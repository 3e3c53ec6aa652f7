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
  // Plain loops over Object.keys: this runs twice for every DocumentClient call, and the
  // entries arrays and reduce closures of a functional version were a measurable share of it.
  let accumulator;
  if (Array.isArray(obj)) {
    accumulator = obj.filter((item) => typeof item !== 'function');
  } else {
    accumulator = {};
    for (const key of Object.keys(obj)) {
      const value = obj[key];
      if (typeof value !== 'function') accumulator[key] = value;
    }
  }
  for (const nodeKey of Object.keys(keyNodes)) {
    const member = obj[nodeKey];
    if (typeof member === 'function') continue;
    const processed = processObj(member, processFunc, keyNodes[nodeKey]);
    if (processed !== undefined && typeof processed !== 'function') accumulator[nodeKey] = processed;
  }
  return accumulator;
}

function processAllKeysInObj(obj, processFunc, keyNodes) {
  if (Array.isArray(obj)) {
    return obj.filter((item) => typeof item !== 'function').map((item) => processObj(item, processFunc, keyNodes));
  }
  const accumulator = {};
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if (typeof value === 'function') continue;
    const processed = processObj(value, processFunc, keyNodes);
    if (processed !== undefined && typeof processed !== 'function') accumulator[key] = processed;
  }
  return accumulator;
}

export const marshallInput = (obj, keyNodes, options) => processKeysInObj(obj, (value) => marshall(value, options), keyNodes);

export const unmarshallOutput = (obj, keyNodes, options) => processKeysInObj(obj, (value) => unmarshall(value, options), keyNodes);
