// (b) Our marshaller against @aws-sdk/util-dynamodb: the same inputs must give the same results,
// or the same errors (class and message), for every type, nesting, option and error.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as ours from 'pocketdynamo';
import * as sdk from '@aws-sdk/util-dynamodb';

const libs = [
  { name: 'pocketdynamo', ...ours, NumberValue: ours.NumberValue },
  { name: 'util-dynamodb', ...sdk, NumberValue: sdk.NumberValueImpl },
];

// Each library's NumberValue is its own class: compare them by content.
function comparable(value, NumberValue, seen = new Map()) {
  if (value instanceof NumberValue) return { NumberValue: value.value };
  if (typeof value !== 'object' || value === null) return value;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof Blob) return value;
  if (value instanceof Set) return new Set([...value].map((item) => comparable(item, NumberValue)));
  if (Array.isArray(value)) return value.map((item) => comparable(item, NumberValue));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, comparable(item, NumberValue)]));
}

function outcome(lib, fn, makeArgs) {
  try {
    return { result: comparable(lib[fn](...makeArgs(lib.NumberValue)), lib.NumberValue) };
  } catch (error) {
    return { error: { class: error.constructor.name, message: error.message } };
  }
}

function same(fn, label, makeArgs) {
  test(`${fn}: ${label}`, () => {
    const [mine, theirs] = libs.map((lib) => outcome(lib, fn, makeArgs));
    assert.deepStrictEqual(mine, theirs);
  });
}

class Point {
  constructor() { this.x = 1; this.y = 'two'; }
  get sum() { return 3; }
  method() { return 0; }
}
const bytes = new Uint8Array([0, 1, 2, 255]);
const shared = { a: 1 };

// Values marshalled alone and with each option (and all of them).
const values = {
  'a string': () => 'hello',
  'an empty string': () => '',
  'a string with an emoji': () => 'x😀y',
  'zero': () => 0,
  'negative zero': () => -0,
  'a negative fraction': () => -1.5,
  'a tiny number': () => 1e-130,
  'a large float': () => 1e21,
  'MAX_SAFE_INTEGER': () => Number.MAX_SAFE_INTEGER,
  'MAX_SAFE_INTEGER + 1': () => Number.MAX_SAFE_INTEGER + 1,
  'MIN_SAFE_INTEGER - 1': () => Number.MIN_SAFE_INTEGER - 1,
  'NaN': () => NaN,
  'Infinity': () => Infinity,
  '-Infinity': () => -Infinity,
  'a bigint': () => 12345678901234567890123n,
  'a negative bigint': () => -5n,
  'true': () => true,
  'false': () => false,
  'null': () => null,
  'undefined': () => undefined,
  'a Number object': () => new Number(42), // eslint-disable-line no-new-wrappers
  'a String object': () => new String('boxed'), // eslint-disable-line no-new-wrappers
  'an empty String object': () => new String(''), // eslint-disable-line no-new-wrappers
  'a Boolean object': () => new Boolean(false), // eslint-disable-line no-new-wrappers
  'a function': () => function named() { return 1; },
  'a Date': () => new Date(0),
  'a RegExp': () => /x/,
  'a class instance': () => new Point(),
  'a null-prototype object': () => Object.assign(Object.create(null), { a: 1, b: 'x' }),
  'a Uint8Array': () => bytes,
  'an empty Uint8Array': () => new Uint8Array(0),
  'an ArrayBuffer': () => bytes.buffer,
  'an empty ArrayBuffer': () => new ArrayBuffer(0),
  'a Buffer': () => Buffer.from('hi'),
  'an Int16Array': () => new Int16Array([1, -1]),
  'a Float64Array': () => new Float64Array([1.5]),
  'a BigInt64Array': () => new BigInt64Array([1n]),
  'a DataView': () => new DataView(bytes.buffer, 1, 2),
  'a Blob': () => new Blob(['x']),
  'a NumberValue': (NV) => new NV('1234567890123456789012345678901234567.8'),
  'a NumberValue from an AttributeValue': (NV) => NV.from({ N: '-0.5' }),
  'a string set': () => new Set(['a', 'b']),
  'a string set with an empty string': () => new Set(['', 'b']),
  'a number set': () => new Set([1, 2.5, -3]),
  'a number set with NaN': () => new Set([1, NaN]),
  'a number set past MAX_SAFE_INTEGER': () => new Set([1, 2 ** 60]),
  'a bigint set': () => new Set([1n, 2n ** 70n]),
  'a NumberValue set': (NV) => new Set([new NV('1'), new NV('99999999999999999999')]),
  'a binary set': () => new Set([new Uint8Array([1]), Buffer.from('b'), new ArrayBuffer(2)]),
  'an empty set': () => new Set(),
  'a set with undefined': () => new Set(['a', undefined]),
  'a set of only undefined': () => new Set([undefined]),
  'a set of booleans': () => new Set([true]),
  'a set of objects': () => new Set([{}]),
  'a set of nulls': () => new Set([null]),
  'a mixed set (string first)': () => new Set(['a', 1]),
  'a mixed set (number first)': () => new Set([1, 'a']),
  'a list of everything': (NV) => [1, 'a', null, true, bytes, new Set(['s']), [2], { m: 1 }, new NV('7'), 3n],
  'an empty list': () => [],
  'a list with undefined': () => [1, undefined, 2],
  'a list with a function': () => [1, () => 2, 3],
  'a sparse list': () => [1, , 3], // eslint-disable-line no-sparse-arrays
  'an empty object': () => ({}),
  'an object with undefined': () => ({ a: 1, b: undefined }),
  'an object with a function': () => ({ a: 1, f() { return 2; } }),
  'an object with empty members': () => ({ s: '', b: new Uint8Array(0), set: new Set(), l: [], m: {} }),
  'a nested item': (NV) => ({
    id: 'x', n: 5, list: [{ deep: { deeper: [1, { deepest: new Set([1, 2]) }] } }], bin: bytes,
    map: new Map([['k', 'v'], ['n', new NV('3')]]), big: 2n ** 64n,
  }),
  'a Map': () => new Map([['a', 1], ['b', [true]]]),
  'a Map with non-string keys': () => new Map([[1, 'one'], [true, 'yes']]),
  'a Map with undefined': () => new Map([['a', undefined], ['b', 1]]),
  'a Map with a function': () => new Map([['a', () => 1], ['b', 1]]),
  'an object with a class instance': () => ({ p: new Point() }),
  'an object with a Date': () => ({ when: new Date(0) }),
  'an object with a symbol member': () => ({ [Symbol('s')]: 1, a: 2 }),
  'the same object twice (not a cycle)': () => ({ one: shared, two: shared, list: [shared, shared] }),
  'deep nesting (40 levels)': () => Array.from({ length: 40 }).reduce((inner) => ({ inner }), 'bottom'),
};

const options = {
  'no options': undefined,
  'removeUndefinedValues': { removeUndefinedValues: true },
  'convertEmptyValues': { convertEmptyValues: true },
  'convertClassInstanceToMap': { convertClassInstanceToMap: true },
  'convertTopLevelContainer': { convertTopLevelContainer: true },
  'allowImpreciseNumbers': { allowImpreciseNumbers: true },
  'all options': {
    removeUndefinedValues: true, convertEmptyValues: true, convertClassInstanceToMap: true,
    convertTopLevelContainer: true, allowImpreciseNumbers: true,
  },
};

for (const [valueLabel, make] of Object.entries(values)) {
  for (const [optionLabel, option] of Object.entries(options)) {
    for (const fn of ['marshall', 'convertToAttr']) {
      same(fn, `${valueLabel}, ${optionLabel}`, (NV) => [make(NV), option]);
    }
  }
}

same('marshall', 'a symbol (its message cannot be built)', () => [Symbol('s')]);

// AttributeValues -> JS, alone and with each unmarshall option.
const attributeValues = {
  'an item of all ten types': () => ({
    s: { S: 'x' }, n: { N: '1.5' }, b: { B: bytes }, bool: { BOOL: true }, nul: { NULL: true },
    m: { M: { a: { S: 'y' }, l: { L: [{ N: '1' }, { NULL: true }] } } }, l: { L: [{ S: 'z' }] },
    ss: { SS: ['a', 'b'] }, ns: { NS: ['1', '2.25', '-3'] }, bs: { BS: [bytes, new Uint8Array([9])] },
  }),
  'numbers of every size': () => ({
    zero: { N: '0' }, neg: { N: '-0' }, exp: { N: '1e3' }, small: { N: '1E-130' },
    safe: { N: '9007199254740991' }, unsafe: { N: '9007199254740993' }, negUnsafe: { N: '-12345678901234567890' },
  }),
  'a big decimal (not a bigint)': () => ({ n: { N: '123456789012345678901.5' } }),
  'a number past a double': () => ({ n: { N: '1e400' } }),
  'a number set of big integers': () => ({ ns: { NS: ['1', '99999999999999999999'] } }),
  'BOOL given as a string': () => ({ b: { BOOL: 'false' } }),
  'an unsupported type': () => ({ x: { X: 1 } }),
  'an empty AttributeValue': () => ({ x: {} }),
  'an AttributeValue whose first member is undefined': () => ({ x: { S: undefined, N: '5' } }),
  'an AttributeValue with two members': () => ({ x: { S: 'first', N: '5' } }),
  'a map that is null': () => ({ x: { M: null } }),
  'a string set that is a string': () => ({ x: { SS: 'abc' } }),
  'an empty item': () => ({}),
};
const unmarshallOptions = {
  'no options': undefined,
  'wrapNumbers': { wrapNumbers: true },
  'wrapNumbers as a function': { wrapNumbers: (text) => `num:${text}` },
};
for (const [label, make] of Object.entries(attributeValues)) {
  for (const [optionLabel, option] of Object.entries(unmarshallOptions)) {
    same('unmarshall', `${label}, ${optionLabel}`, () => [make(), option]);
    same('convertToNative', `${label} (as a map), ${optionLabel}`, () => [{ M: make() }, option]);
    same('unmarshall', `${label} (convertWithoutMapWrapper), ${optionLabel}`,
      () => [{ M: make() }, { ...option, convertWithoutMapWrapper: true }]);
  }
}

// Round trips: marshall then unmarshall gives the same JS values in both libraries.
for (const [label, make] of Object.entries(values)) {
  test(`round trip: ${label}`, () => {
    const [mine, theirs] = libs.map((lib) => {
      try {
        const attr = lib.convertToAttr(make(lib.NumberValue), { convertClassInstanceToMap: true, removeUndefinedValues: true });
        return { result: comparable(lib.convertToNative(attr, { wrapNumbers: true }), lib.NumberValue) };
      } catch (error) {
        return { error: error.message };
      }
    });
    assert.deepStrictEqual(mine, theirs);
  });
}

// NumberValue's own API.
const numberValueCalls = {
  'from a string': (NV) => new NV('12.50').toString(),
  'from a safe number': (NV) => new NV(42).value,
  'from a bigint': (NV) => new NV(2n ** 80n).toBigInt(),
  'from an AttributeValue': (NV) => new NV({ N: '7' }).toAttributeValue(),
  'from() and valueOf()': (NV) => NV.from('3.0').valueOf(),
  'from an unsafe number': (NV) => new NV(2 ** 60),
  'from NaN': (NV) => new NV(NaN),
  'from Infinity': (NV) => new NV(-Infinity),
  'toBigInt of a decimal': (NV) => new NV('1.5').toBigInt(),
  'string concatenation': (NV) => `${new NV('5')}` + new NV('6'),
};
for (const [label, call] of Object.entries(numberValueCalls)) {
  test(`NumberValue ${label}`, () => {
    const [mine, theirs] = libs.map((lib) => {
      try {
        return { result: comparable(call(lib.NumberValue), lib.NumberValue) };
      } catch (error) {
        return { error: { class: error.constructor.name, message: error.message } };
      }
    });
    assert.deepStrictEqual(mine, theirs);
  });
}

test('B values are passed through by identity, like util-dynamodb', () => {
  for (const lib of libs) {
    assert.equal(lib.marshall({ b: bytes }).b.B, bytes);
    assert.equal(lib.unmarshall({ b: { B: bytes } }).b, bytes);
  }
});

// Where we differ on purpose: a value that contains itself overflows util-dynamodb's stack.
test('marshall: a circular object is a clear error, not a stack overflow', () => {
  const item = { a: 1, nested: { list: [] } };
  item.nested.list.push(item);
  assert.throws(() => ours.marshall(item), { name: 'Error', message: /circular structure/ });
  assert.throws(() => sdk.marshall(item), RangeError);
  const list = [1];
  list.push(list);
  assert.throws(() => ours.convertToAttr(list), /circular structure/);
  const map = new Map();
  map.set('self', map);
  assert.throws(() => ours.convertToAttr(map), /circular structure/);
  const instance = new Point();
  instance.self = instance;
  assert.throws(() => ours.marshall(instance, { convertClassInstanceToMap: true }), /circular structure/);
});
