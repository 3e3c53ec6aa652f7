// What a failed remote request means for sync: retry it (throttling, 5xx, the network), set the
// item aside (a 4xx that is about the item: it will never succeed as it is), or stop the round
// (any other 4xx, such as bad credentials: nothing is wrong with the items).
const RETRIED = new Set([
  'ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded', 'LimitExceededException',
  'InternalServerError', 'InternalFailure', 'ServiceUnavailable', 'TransactionConflictException', 'TransactionInProgressException',
  'TransactionCanceledException', // reached only when no item was refused or conflicted: a clash to retry
]);
const ABOUT_THE_ITEM = new Set(['ValidationException', 'ItemCollectionSizeLimitExceededException', 'SerializationException']);

/** No HTTP answer at all: refused, reset, DNS, offline. */
export const isNetworkError = (error) => !(error?.$metadata?.httpStatusCode > 0) && !error?.$fault && !RETRIED.has(error?.name);

export function isRetryable(error) {
  return RETRIED.has(error?.name) || error?.$metadata?.httpStatusCode >= 500 || error?.$fault === 'server' || isNetworkError(error);
}

export const isAboutTheItem = (error) => ABOUT_THE_ITEM.has(error?.name);

export const isConditionFailure = (error) => error?.name === 'ConditionalCheckFailedException';

/** The delay before attempt `n` (1 = the first retry): exponential, capped, with full jitter. */
export function backoff(n, { baseMs, maxMs }, random = Math.random) {
  return Math.round(random() * Math.min(maxMs, baseMs * 2 ** (n - 1)));
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
