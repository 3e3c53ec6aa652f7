// The SDK's methods take (input, options?, callback?): with a callback they call it and return
// undefined, else they return the promise. Options (abortSignal, ...) have nothing to act on here.
export function settle(promise, optionsOrCb, cb) {
  const callback = typeof optionsOrCb === 'function' ? optionsOrCb : cb;
  if (typeof callback !== 'function') return promise;
  promise.then((data) => callback(null, data), (error) => callback(error));
  return undefined;
}
