/**
 * A DynamoDB number kept as its exact decimal string, for values a JS number cannot hold
 * (beyond MAX_SAFE_INTEGER, or more than ~15 significant digits). Same API as the AWS SDK's
 * NumberValue from @aws-sdk/lib-dynamodb; it does no arithmetic and no validation.
 */
export class NumberValue {
  /** @param {number | bigint | string | { N: string }} value */
  constructor(value) {
    this.value = typeof value === 'object' && 'N' in value ? String(value.N) : String(value);
    // Refuse a JS number that has already lost precision: the digits would be wrong.
    const number = typeof value.valueOf() === 'number' ? value.valueOf() : 0;
    if (number > Number.MAX_SAFE_INTEGER || number < Number.MIN_SAFE_INTEGER
      || Math.abs(number) === Infinity || Number.isNaN(number)) {
      throw new Error(`NumberValue should not be initialized with an imprecise number=${number}. Use a string instead.`);
    }
  }

  /** @param {number | bigint | string | { N: string }} value */
  static from(value) {
    return new NumberValue(value);
  }

  toAttributeValue() {
    return { N: this.toString() };
  }

  toBigInt() {
    return BigInt(this.toString());
  }

  toString() {
    return String(this.value);
  }

  valueOf() {
    return this.toString();
  }
}
