import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countConnects } from '../../scripts/offline-connects.mjs';

/** An strace -f log in its real shape: node starts Chromium, Chromium a helper through /proc/self/exe; threads, interrupted calls. */
const TRACE = [
  '100  execve("/usr/bin/node", ["node", "--test"], 0x7ffc /* 40 vars */) = 0',
  '100  clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM, child_tid=0x7f, parent_tid=0x7f, exit_signal=0, stack=0x7f, stack_size=0x7ffe80, tls=0x7f} => {parent_tid=[101]}, 88) = 101',
  '101  socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK, IPPROTO_IP) = 20',
  '101  connect(20, {sa_family=AF_INET, sin_port=htons(41234), sin_addr=inet_addr("127.0.0.1")}, 16) = -1 EINPROGRESS (Operation now in progress)',
  '100  clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f) = 200',
  '200  execve("/usr/bin/chromium", ["/usr/bin/chromium", "--headless"], 0x56 /* 40 vars */ <unfinished ...>',
  '101  connect(21, {sa_family=AF_UNIX, sun_path="/tmp/tsx-0/1.pipe"}, 110) = 0',
  '200  <... execve resumed>)             = 0',
  '200  clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f) = 300',
  '300  execve("/proc/self/exe", ["/usr/lib/chromium/chromium", "--type=utility"], 0x56 /* 41 vars */) = 0',
  '300  clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM, child_tid=0x7f} => {parent_tid=[301]}, 88) = 301',
  '301  socket(AF_INET6, SOCK_DGRAM, IPPROTO_IP) = 23',
  '301  connect(23, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2001:4860:4860::8888", &sin6_addr), sin6_scope_id=0}, 28) = -1 ENETUNREACH (Network is unreachable)',
  '301  socket(AF_INET6, SOCK_STREAM|SOCK_NONBLOCK, IPPROTO_IP) = 24',
  '301  connect(24, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2001:4860:4860::8888", &sin6_addr), sin6_scope_id=0}, 28) = -1 ENETUNREACH (Network is unreachable)',
  '100  clone(child_stack=NULL, flags=CLONE_VM|CLONE_VFORK|SIGCHLD, child_tidptr=0x7f) = 400',
  '400  execve("/usr/bin/node", ["node", "piper-host.mjs"], 0x56 /* 41 vars */) = 0',
  // The new thread's first calls come before its clone returns in the parent.
  '400  clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM, child_tid=0x7f <unfinished ...>',
  '401  socket(AF_INET, SOCK_DGRAM|SOCK_CLOEXEC|SOCK_NONBLOCK, IPPROTO_IP) = 31',
  '401  connect(31, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.255.255.53")}, 16 <unfinished ...>',
  '100  connect(22, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("203.0.113.7")}, 16) = -1 ENETUNREACH (Network is unreachable)',
  '401  <... connect resumed>)            = -1 ENETUNREACH (Network is unreachable)',
  '400  <... clone3 resumed> => {parent_tid=[401]}, 88) = 401',
  '100  connect(25, {sa_family=AF_UNSPEC, sa_data="\\0\\0\\0\\0"}, 16) = 0',
].join('\n');

test('connect() calls are sorted by where they went and which program made them, threads and helpers included', () => {
  const { counts, byProgram, outbound } = countConnects(TRACE, { allow: ['203.0.113.7'], browserProbe: true });
  assert.deepEqual(counts, { connect: 7, loopback: 1, unix: 1, unspec: 1, allowed: 1, browserProbe: 1, outbound: 2 });
  assert.deepEqual(byProgram.get('chromium'), { loopback: 0, unix: 0, unspec: 0, allowed: 0, browserProbe: 1, outbound: 1 });
  assert.deepEqual(byProgram.get('node'), { loopback: 1, unix: 1, unspec: 1, allowed: 1, browserProbe: 0, outbound: 1 });
  // A TCP connect to the probe address is no probe; the engine host's DNS lookup is outbound, whatever thread made it.
  assert.match(outbound[0] ?? '', /^chromium \(pid 300\): connect\(24, .*2001:4860:4860::8888/);
  assert.match(outbound[1] ?? '', /^node \(pid 400\): connect\(31, .*htons\(53\).*10\.255\.255\.53.* = -1 ENETUNREACH/);
});

test('without --browser-probe the browser probe is outbound like anything else, and an address is allowed only when named', () => {
  const { counts } = countConnects(TRACE);
  assert.equal(counts.browserProbe, 0);
  assert.equal(counts.allowed, 0);
  assert.equal(counts.outbound, 4);
});

test('the probe is excused only from the browser: the same UDP connect from node is outbound', () => {
  const fromNode = [
    '100  execve("/usr/bin/node", ["node"], 0x7ffc /* 40 vars */) = 0',
    '100  socket(AF_INET6, SOCK_DGRAM, IPPROTO_IP) = 23',
    '100  connect(23, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2001:4860:4860::8888", &sin6_addr), sin6_scope_id=0}, 28) = -1 ENETUNREACH (Network is unreachable)',
  ].join('\n');
  assert.equal(countConnects(fromNode, { browserProbe: true }).counts.outbound, 1);
});
