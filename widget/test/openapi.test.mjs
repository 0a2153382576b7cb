// The OpenAPI document the server publishes at /openapi.json is valid OpenAPI 3.1, by a real
// validator (@readme/openapi-parser: the official OAS 3.1 JSON schema plus the rules a schema
// cannot say, such as undeclared path parameters or duplicate operationIds). That it tells the
// truth about each endpoint is checked in Java (OpenApiTest) against the running server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validate } from '@readme/openapi-parser';

const baseUrl = process.env.ATLAS_URL;
if (!baseUrl) {
  throw new Error('ATLAS_URL is not set: run the widget tests with ./atlas test, which starts a server for them');
}

async function served() {
  const res = await fetch(`${baseUrl}/openapi.json`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/vnd.oai.openapi+json;version=3.1');
  return res.json();
}

test('the served document is valid OpenAPI 3.1', async () => {
  const doc = await served();
  assert.equal(doc.openapi, '3.1.0');
  assert.equal(doc.servers[0].url, baseUrl, 'servers[0] is this server');
  const result = await validate(structuredClone(doc));
  assert.deepEqual(result.errors ?? [], [], 'no validation error');
  assert.equal(result.valid, true);
});

test('the validator refuses what a broken document would be', async () => {
  // guards against a validator that accepts anything: an undeclared path parameter, a wrong type
  const doc = await served();
  const broken = structuredClone(doc);
  broken.paths['/api/indicators/{indicator}'].get.parameters = [];
  assert.equal((await validate(broken)).valid, false, 'undeclared path parameter');
  const wrongType = structuredClone(doc);
  wrongType.paths['/fonts'].get.responses = 'none';
  assert.equal((await validate(wrongType)).valid, false, 'responses must be an object');
});

test('the OGC landing page links the document as its service description', async () => {
  const landing = await (await fetch(`${baseUrl}/ogc`)).json();
  const desc = landing.links.filter((l) => l.rel === 'service-desc');
  assert.deepEqual(desc.map((l) => [l.href, l.type]),
    [[`${baseUrl}/openapi.json`, 'application/vnd.oai.openapi+json;version=3.1']]);
});
