// The SigV4 arithmetic the server checks signatures with, against AWS's published example (the
// IAM ListUsers request of "Create a signed AWS API request") and the canonical forms' rules.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  canonicalHeaders, canonicalPath, canonicalQuery, canonicalRequest, formatAmzDate, parseAmzDate, sameSignature,
  signatureOf, signingKey, stringToSign,
} from '../../web/src/server/sigv4.js';

test('AWS\'s worked example: canonical request, signing key and signature', () => {
  const canonical = canonicalRequest({
    method: 'GET',
    path: '/',
    query: 'Action=ListUsers&Version=2010-05-08',
    rawHeaders: ['Host', 'iam.amazonaws.com', 'Content-Type', 'application/x-www-form-urlencoded; charset=utf-8', 'X-Amz-Date', '20150830T123600Z'],
    signedHeaders: 'content-type;host;x-amz-date',
    body: new Uint8Array(),
  });
  assert.equal(canonical, [
    'GET', '/', 'Action=ListUsers&Version=2010-05-08',
    'content-type:application/x-www-form-urlencoded; charset=utf-8\nhost:iam.amazonaws.com\nx-amz-date:20150830T123600Z\n',
    'content-type;host;x-amz-date',
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  ].join('\n'));
  const key = signingKey('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', '20150830', 'us-east-1', 'iam');
  assert.equal(key.toString('hex'), 'c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9');
  const toSign = stringToSign('20150830T123600Z', '20150830/us-east-1/iam/aws4_request', canonical);
  assert.equal(toSign.split('\n')[3], 'f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59');
  assert.equal(signatureOf(key, toSign), '5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7');
});

test('canonical path: dot segments resolved, each segment encoded once more', () => {
  assert.equal(canonicalPath('/'), '/');
  assert.equal(canonicalPath(''), '/');
  assert.equal(canonicalPath('/a/./b/../c/'), '/a/c/');
  assert.equal(canonicalPath('//a//b'), '/a/b');
  assert.equal(canonicalPath('/a%20b/ü'), '/a%2520b/%C3%BC');
});

test('canonical query: decoded, encoded by RFC 3986, sorted by name then value', () => {
  assert.equal(canonicalQuery(''), '');
  assert.equal(canonicalQuery('b=2&a=1&a=0'), 'a=0&a=1&b=2');
  assert.equal(canonicalQuery('x=a%20b&y=c+d&z'), 'x=a%20b&y=c%2Bd&z=');
  assert.equal(canonicalQuery('k=%7E-_.*'), 'k=~-_.%2A');
});

test('canonical headers: lower-case names, values trimmed with inner spaces collapsed, repeats joined by commas', () => {
  const raw = ['X-Amz-Date', ' 20240101T000000Z ', 'X-Custom', 'a   b', 'x-custom', 'c', 'Host', 'h:1'];
  assert.equal(canonicalHeaders(raw, ['host', 'x-amz-date', 'x-custom', 'x-absent']),
    'host:h:1\nx-amz-date:20240101T000000Z\nx-custom:a b,c\nx-absent:\n');
});

test('X-Amz-Date is read strictly and written back the same', () => {
  const time = parseAmzDate('20240229T235959Z');
  assert.equal(formatAmzDate(time), '20240229T235959Z');
  for (const bad of ['20230229T000000Z', '20240101T000000', '2024-01-01T00:00:00Z', '20241301T000000Z', '']) {
    assert.ok(Number.isNaN(parseAmzDate(bad)), bad);
  }
});

test('signatures are compared whole: same text only', () => {
  assert.ok(sameSignature('abc', 'abc'));
  assert.ok(!sameSignature('abc', 'abd'));
  assert.ok(!sameSignature('abc', 'ab'));
  assert.ok(!sameSignature('abc', ''));
});
