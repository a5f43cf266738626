// The bundled static server (scripts/server.mjs): GET and HEAD only, the security headers on every
// answer (errors too), nothing served from outside the root, even through a symbolic link, and text
// sent gzipped to a client that takes it.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { startServer } from '../../scripts/server.mjs';

let server;
// node:http, since these tests run with node's fetch turned off (TOOLCHAIN.md).
const get = (path, method = 'GET', headers = {}) =>
  new Promise((resolve, reject) => {
    const { port } = server.address();
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
const dir = mkdtempSync(join(tmpdir(), 'evexport-server-'));
before(async () => {
  mkdirSync(join(dir, 'site'));
  writeFileSync(join(dir, 'site', 'index.html'), '<!doctype html><title>x</title>');
  writeFileSync(join(dir, 'secret.txt'), 'secret');
  symlinkSync(join(dir, 'secret.txt'), join(dir, 'site', 'leak.txt'));
  server = await startServer({ root: join(dir, 'site'), port: 0 });
});
after(() => {
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('headers on every answer, errors included', async () => {
  for (const path of ['/', '/missing']) {
    const r = await get(path);
    assert.equal(r.headers['x-content-type-options'], 'nosniff', path);
    assert.equal(r.headers['referrer-policy'], 'no-referrer', path);
    assert.match(r.headers['permissions-policy'], /camera=\(\)/, path);
    assert.match(r.headers['content-security-policy'], /default-src 'self'/, path);
  }
});

test('only GET and HEAD', async () => {
  for (const method of ['POST', 'PUT', 'DELETE']) {
    const r = await get('/', method);
    assert.equal(r.status, 405, method);
    assert.equal(r.headers.allow, 'GET, HEAD');
  }
  assert.equal((await get('/', 'HEAD')).status, 200);
});

test('nothing from outside the root, even through a symbolic link', async () => {
  assert.equal((await get('/leak.txt')).status, 403);
  assert.notEqual((await get('/../secret.txt')).status, 200);
  assert.notEqual((await get('/%2e%2e/secret.txt')).status, 200);
});

test('gzipped to a client that takes it, as it is to one that does not', async () => {
  const plain = await get('/');
  assert.equal(plain.headers['content-encoding'], undefined);
  const zipped = await get('/', 'GET', { 'Accept-Encoding': 'gzip, deflate' });
  assert.equal(zipped.headers['content-encoding'], 'gzip');
  assert.equal(zipped.headers.vary, 'Accept-Encoding');
  assert.equal(Number(zipped.headers['content-length']), zipped.body.length);
  assert.deepEqual(gunzipSync(zipped.body), plain.body);
  // A file changed since it was first compressed is compressed again.
  writeFileSync(join(dir, 'site', 'index.html'), '<!doctype html><title>changed, and longer</title>');
  const again = await get('/', 'GET', { 'Accept-Encoding': 'gzip' });
  assert.match(gunzipSync(again.body).toString(), /changed, and longer/);
});
