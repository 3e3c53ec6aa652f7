// The options a DocumentClient's subscribe/streamRecords pass on to its database: records in
// the plain-JS shape, unmarshalled with the client's own unmarshallOptions unless overridden.
export function documentStreamOptions(client, translateConfig, options) {
  if (typeof client?.subscribe !== 'function') {
    throw new TypeError('Streams need a DocumentClient made from a PocketDynamo database');
  }
  const unmarshallOptions = { ...translateConfig?.unmarshallOptions, ...options?.unmarshallOptions };
  return { shape: 'document', ...options, unmarshallOptions };
}
