// Who may call: like DynamoDB Local, a SigV4-signed request is accepted whatever its keys (the
// signature is not checked: the secret keys are unknown here). With an allow-list of access key
// ids, an unsigned request and a request signed with another key id get DynamoDB's errors.

/**
 * @param {import('node:http').IncomingMessage} request
 * @param {Set<string> | undefined} accessKeyIds the allowed ids, or undefined to allow any caller
 * @returns {{ name: string, message: string } | null} the error to answer with, or null
 */
export function authError(request, accessKeyIds) {
  if (!accessKeyIds) return null;
  const keyId = accessKeyIdOf(request);
  if (keyId === undefined) {
    return { name: 'MissingAuthenticationTokenException', message: 'Request is missing Authentication Token' };
  }
  if (!accessKeyIds.has(keyId)) {
    return { name: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' };
  }
  return null;
}

// The access key id from `Authorization: AWS4-HMAC-SHA256 Credential=<id>/<date>/<region>/...`
// or from a presigned URL's X-Amz-Credential; undefined when the request is not signed.
function accessKeyIdOf(request) {
  const header = request.headers.authorization;
  if (typeof header === 'string') {
    if (!header.trim().startsWith('AWS4-')) return undefined;
    const match = /Credential=([^/,\s]*)/.exec(header);
    return match ? match[1] : '';
  }
  const query = new URL(request.url ?? '/', 'http://localhost').searchParams.get('X-Amz-Credential');
  return query === null ? undefined : query.split('/')[0];
}
