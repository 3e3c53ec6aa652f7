// The DocumentClient reads (get, query, scan) made in one turn, gathered and run on the engine in
// one call (the binding's executeDocuments) at the end of the turn, or earlier when any other
// request comes first: requests still run in the order they were made, so each read sees exactly
// the writes made before it, and a write made after it is not seen. Each read settles on its
// own: one read's error fails only that read.
import { newMetadata } from '../metadata.js';
import { errorFromBody, statusCodeOf } from '../error-body.js';
import { DynamoDBServiceException } from '../errors.js';
import { documentOutput } from './document-reads.js';

const decoder = new TextDecoder();

export class ReadBatch {
  #pending = [];
  #run;
  #drainNow = () => this.drain();

  /** @param {(entries: object[]) => void} run runs the entries now (Database: #runReads) */
  constructor(run) {
    this.#run = run;
  }

  /** A read to run with the others of this turn: a promise of its DocumentClient output. */
  add(operation, text, outputKeyNodes) {
    return new Promise((resolve, reject) => {
      const entry = { operation, text, outputKeyNodes, $metadata: newMetadata(), resolve, reject };
      if (this.#pending.push(entry) === 1) queueMicrotask(this.#drainNow);
    });
  }

  /** Runs the reads gathered so far (before any other request, and at the end of the turn). */
  drain() {
    if (this.#pending.length === 0) return;
    const entries = this.#pending;
    this.#pending = [];
    this.#run(entries);
  }
}

const encoder = new TextEncoder();
let scratch = new Uint8Array(4096);

/**
 * What the binding's executeDocuments takes: one "<operation> <body>" a line, as UTF-8 bytes
 * (Embind copies bytes in one simple pass; a string it measures and encodes in two, in JS). The
 * bytes are a view of a buffer reused by the next call, which Embind has copied by then.
 */
export function requestLines(entries) {
  let lines = entries[0].operation + ' ' + entries[0].text;
  for (let i = 1; i < entries.length; i++) lines += '\n' + entries[i].operation + ' ' + entries[i].text;
  if (lines.length * 3 > scratch.length) {
    if (lines.length > 65536) return encoder.encode(lines); // big batches: no buffer kept that size
    scratch = new Uint8Array(lines.length * 3);
  }
  return scratch.subarray(0, encoder.encodeInto(lines, scratch).written);
}

/**
 * The executeDocuments answer for `count` requests (a view of UTF-8 bytes in wasm memory: the
 * lone body or the array of bodies, then one kind digit per request), decoded at once:
 * { bodies, kinds } with kinds[i] = form * 2 + ok.
 */
export function decodedAnswers(view, count) {
  const end = view.length - count;
  const kinds = Array.from(view.subarray(end), (digit) => digit - 48);
  const parsed = JSON.parse(decoder.decode(view.subarray(0, end)));
  return { bodies: count === 1 ? [parsed] : parsed, kinds };
}

/** Settles each entry from the engine's answers ({ bodies, kinds }, in the entries' order). */
export function settleReads(entries, { bodies, kinds }) {
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    const kind = kinds[i];
    try {
      if (kind & 1) entry.resolve(documentOutput(bodies[i], kind >> 1, entry.$metadata, entry.outputKeyNodes));
      else entry.reject(withMetadata(errorFromBody(bodies[i], entry.$metadata), entry.$metadata));
    } catch (error) {
      entry.reject(error); // a value unmarshall refuses (a number past 2^53 it cannot make a bigint of)
    }
  }
}

/** Fails an entry with `error`, with the entry's $metadata when it is a DynamoDB error. */
export function failRead(entry, error) {
  entry.reject(withMetadata(error, entry.$metadata));
}

/** The error, with `$metadata` (and its HTTP status) when it is a DynamoDB error. */
export function withMetadata(error, $metadata) {
  if (error instanceof DynamoDBServiceException) {
    $metadata.httpStatusCode = statusCodeOf(error);
    error.$metadata = $metadata;
  }
  return error;
}
