import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addressClass, redirectProblem } from '../../main/core/security/redirect-policy.js';

describe('address classes, by the hostname new URL() leaves', () => {
  test('each spelling lands in its class', () => {
    const table: Array<[string, string]> = [
      ['127.0.0.1', 'loopback'],
      ['127.8.9.10', 'loopback'],
      ['2130706433', 'loopback'],
      ['0x7f.1', 'loopback'],
      ['[::1]', 'loopback'],
      ['[::ffff:127.0.0.1]', 'loopback'],
      ['localhost', 'loopback'],
      ['LOCALHOST.', 'loopback'],
      ['api.localhost', 'loopback'],
      ['10.1.2.3', 'private'],
      ['172.16.0.1', 'private'],
      ['172.31.255.255', 'private'],
      ['192.168.1.1', 'private'],
      ['100.64.0.1', 'private'],
      ['[fd12::1]', 'private'],
      ['169.254.169.254', 'link-local'],
      ['[::ffff:169.254.169.254]', 'link-local'],
      ['[fe80::1]', 'link-local'],
      ['0.0.0.0', 'unspecified'],
      ['0', 'unspecified'],
      ['[::]', 'unspecified'],
      ['224.0.0.1', 'other'],
      ['255.255.255.255', 'other'],
      ['172.32.0.1', 'public'],
      ['8.8.8.8', 'public'],
      ['huggingface.co', 'public'],
      ['[2606:4700::1]', 'public'],
    ];
    for (const [host, cls] of table) assert.equal(addressClass(new URL(`https://${host}/`).hostname), cls, host);
  });
});

describe('redirect hops', () => {
  const HF = 'https://huggingface.co/a/b/resolve/main/m.gguf';
  const LOCAL = 'http://127.0.0.1:8080/m.gguf';
  const PRIVATE = 'https://192.168.1.20/m.gguf';
  // [first, from, to, refused because (null: followed)]
  const table: Array<[string, string, string, RegExp | null]> = [
    [HF, HF, 'https://cdn-lfs.huggingface.co/x?sig=1', null],
    [HF, HF, 'https://8.8.8.8/x', null],
    [HF, HF, 'http://cdn-lfs.huggingface.co/x', /plain http is not allowed/],
    [HF, HF, 'http://127.0.0.1/x', /downgrades from https to http/],
    [HF, HF, 'https://127.0.0.1/x', /from a public address to a loopback one/],
    [HF, HF, 'https://localhost:8080/x', /from a public address to a loopback one/],
    [HF, HF, 'https://[::1]/x', /loopback/],
    [HF, HF, 'https://[::ffff:7f00:1]/x', /loopback/],
    [HF, HF, 'https://2130706433/x', /loopback/],
    [HF, HF, 'https://10.0.0.1/x', /to a private one/],
    [HF, HF, 'https://192.168.0.10/x', /to a private one/],
    [HF, HF, 'https://169.254.169.254/latest/meta-data/', /to a link-local one/],
    [HF, HF, 'https://[fe80::1]/x', /to a link-local one/],
    [HF, HF, 'https://0.0.0.0/x', /not a host to download from/],
    [HF, HF, 'https://[::]/x', /not a host to download from/],
    [HF, HF, 'https://user:pw@cdn.example/x', /credentials/],
    [HF, HF, 'ftp://cdn.example/x', /ftp: is not allowed/],
    [HF, HF, 'file:///etc/passwd', /file: is not allowed/],
    [HF, 'https://cdn.example/x', 'https://127.0.0.1/x', /loopback/],
    [LOCAL, LOCAL, 'http://127.0.0.1:9090/other', null],
    [LOCAL, LOCAL, 'http://localhost/other', null],
    [LOCAL, LOCAL, 'https://huggingface.co/x', null],
    [LOCAL, LOCAL, 'https://10.0.0.1/x', /from a loopback address to a private one/],
    [LOCAL, LOCAL, 'http://10.0.0.1/x', /plain http is not allowed/],
    [LOCAL, 'https://cdn.example/x', 'http://127.0.0.1/x', /downgrades/],
    [PRIVATE, PRIVATE, 'https://192.168.1.21/x', null],
    [PRIVATE, PRIVATE, 'https://127.0.0.1/x', /from a private address to a loopback one/],
    [PRIVATE, PRIVATE, 'https://169.254.1.1/x', /link-local/],
  ];
  test('the table', () => {
    for (const [first, from, to, refused] of table) {
      const problem = redirectProblem(new URL(first), new URL(from), new URL(to));
      if (refused === null) assert.equal(problem, null, `${from} → ${to}`);
      else assert.match(problem ?? '(followed)', refused, `${from} → ${to}`);
    }
  });
});
