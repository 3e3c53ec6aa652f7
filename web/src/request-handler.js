// A request handler for the AWS SDK v3 (smithy's HttpHandler interface): give it to
// `new DynamoDBClient({ requestHandler: db.requestHandler(), ... })` and every command the SDK
// sends runs on the local engine, with no network request. The SDK still serializes, signs and
// deserializes as it does against DynamoDB; only the transport is replaced. No AWS import: the
// response is the plain shape the SDK's deserializers read (statusCode, headers, body bytes).
import { executeBody, notUtf8Body, operationOfTarget, signedRegion, statusOf, utf8OrNull } from './http-exchange.js';
import { newMetadata } from './metadata.js';

const encoder = new TextEncoder();

export class PocketDynamoRequestHandler {
  #execute;
  #config = {};

  /** @param {(operation: string, bodyText: string, region?: string) => Promise<{ ok: boolean, body: string }>} execute */
  constructor(execute) {
    this.#execute = execute;
  }

  /** The SDK reads this to know which protocol the handler speaks. */
  get metadata() {
    return { handlerProtocol: 'http/1.1' };
  }

  /**
   * @param {{ headers: Record<string, string>, body?: string | Uint8Array | ArrayBuffer | ArrayBufferView }} request
   * @param {{ abortSignal?: { aborted: boolean } }} [options]
   */
  async handle(request, options = {}) {
    throwIfAborted(options.abortSignal);
    const operation = operationOfTarget(headerOf(request.headers, 'x-amz-target'));
    const requestText = bodyText(request.body);
    const region = signedRegion(headerOf(request.headers, 'authorization'));
    const answer = requestText === null ? notUtf8Body() : await executeBody(this.#execute, operation, requestText, region);
    throwIfAborted(options.abortSignal);
    const body = encoder.encode(answer.body);
    return {
      response: {
        statusCode: statusOf(answer),
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'content-length': String(body.byteLength),
          'x-amzn-requestid': newMetadata().requestId,
        },
        body,
      },
    };
  }

  // The SDK passes its http settings (timeouts, logger) here; nothing of them applies in process.
  updateHttpClientConfig(key, value) {
    this.#config[key] = value;
  }

  httpHandlerConfigs() {
    return { ...this.#config };
  }

  destroy() {}
}

function headerOf(headers, name) {
  if (!headers) return undefined;
  if (name in headers) return headers[name];
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

// The body as text; null for bytes that are not UTF-8.
function bodyText(body) {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof ArrayBuffer) return utf8OrNull(new Uint8Array(body));
  if (ArrayBuffer.isView(body)) return utf8OrNull(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
  throw new TypeError('PocketDynamo request handler: the request body must be a string or bytes (DynamoDB requests have no streaming bodies)');
}

function throwIfAborted(signal) {
  if (!signal?.aborted) return;
  const error = new Error('Request aborted');
  error.name = 'AbortError';
  throw error;
}
