#!/usr/bin/env node
// Counts the connect() calls in an strace log by where they went and which program made
// them. The log comes from
//   strace -f -qq -e trace=connect,socket,execve,clone,clone3,fork,vfork -o FILE …
// (clone and execve tell which program each thread belongs to; socket() tells UDP from TCP).
// Loopback (127.0.0.0/8, ::1, ::ffff:127.x), AF_UNIX and AF_UNSPEC stay on this computer;
// --allow ADDR (repeatable) names an address a test reaches on purpose; anything else is
// outbound. With --browser-probe, Chromium's IPv6 reachability probe is reported apart
// (see BROWSER_PROBE). Exits 1 on an outbound attempt, or when --expect-allowed is given
// and no allowed attempt was seen (the trace would then be blind); 2 on bad usage.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Chromium asks "is IPv6 reachable?" before every host resolution, IP literals such as the
 * test host's 127.0.0.1 included (net/dns/host_resolver_manager.cc,
 * StartIPv6ReachabilityCheck, cached for a second): it connect()s a UDP socket to Google's
 * public DNS on port 443 and only reads back the local address the kernel picked. A UDP
 * connect() sends no packet, and no switch or feature of Chromium turns it off, so it is
 * counted apart, and only in exactly this shape: from the test browser, UDP, this address.
 */
export const BROWSER_PROBE = { address: '2001:4860:4860::8888', port: 443, programs: /^(chromium|chrome|headless_shell)$/ };

const isLoopback = (address) =>
  /^127\.\d+\.\d+\.\d+$/.test(address) || address === '::1' || /^::ffff:127\.\d+\.\d+\.\d+$/i.test(address) || address === '0:0:0:0:0:0:0:1';

/** One finished system call per entry: strace splits calls that other threads interrupt into "<unfinished ...>" and "<... resumed>". */
function* calls(text) {
  const pending = new Map();
  for (const raw of text.split('\n')) {
    const head = /^(\d+)(?:<[^>]*>)?\s+(.*)$/.exec(raw);
    if (!head) continue;
    const tid = Number(head[1]);
    let rest = head[2];
    if (rest.endsWith('<unfinished ...>')) {
      pending.set(tid, rest.slice(0, -'<unfinished ...>'.length).trimEnd());
      continue;
    }
    const resumed = /^<\.\.\. \w+ resumed>(.*)$/.exec(rest);
    if (resumed) {
      rest = (pending.get(tid) ?? '') + resumed[1];
      pending.delete(tid);
    }
    const call = /^(\w+)\((.*)\)\s+=\s+(-?\d+|\?)(.*)$/.exec(rest);
    if (call) yield { tid, name: call[1], args: call[2], result: call[3] === '?' ? NaN : Number(call[3]), tail: call[4] };
  }
}

/**
 * Counts a trace's connect() calls. `allow`: addresses reached on purpose; `browserProbe`:
 * whether Chromium's IPv6 reachability probe is counted apart rather than as outbound.
 */
export function countConnects(text, { allow = [], browserProbe = false } = {}) {
  const all = [...calls(text)];
  // First the family tree, from the whole log: strace may print a new thread's or child's
  // first calls before the clone() that made it returns in the parent.
  const threadParent = new Map(); // thread id → the thread that started it (same process)
  const forkedBy = new Map(); // process id → { parent process, index of the fork }
  const execs = new Map(); // process id → [{ index, program }]
  const group = (tid) => {
    let id = tid;
    for (let seen = 0; threadParent.has(id) && seen < 10_000; seen++) id = threadParent.get(id);
    return id;
  };
  all.forEach((call, index) => {
    if (['clone', 'clone3', 'fork', 'vfork'].includes(call.name) && call.result > 0) {
      if (/CLONE_THREAD/.test(call.args)) threadParent.set(call.result, call.tid);
      else forkedBy.set(call.result, { parentThread: call.tid, index });
    }
  });
  all.forEach((call, index) => {
    if (call.name !== 'execve' || call.result !== 0) return;
    const file = /^"([^"]*)"/.exec(call.args)?.[1];
    // Chromium starts its helpers (renderer, network service) through /proc/self/exe: the same program.
    if (!file || file === '/proc/self/exe') return;
    const pid = group(call.tid);
    execs.set(pid, [...(execs.get(pid) ?? []), { index, program: path.basename(file) }]);
  });
  /** What process `pid` ran at line `index`: its last execve before, else its parent's at the fork. */
  const programAt = (pid, index, depth = 0) => {
    const last = (execs.get(pid) ?? []).filter((e) => e.index < index).pop();
    if (last) return last.program;
    const fork = forkedBy.get(pid);
    if (fork && depth < 1000) return programAt(group(fork.parentThread), fork.index, depth + 1);
    return `pid ${pid}`;
  };

  const sockets = new Map(); // "pid fd" → socket type
  const counts = { connect: 0, loopback: 0, unix: 0, unspec: 0, allowed: 0, browserProbe: 0, outbound: 0 };
  const byProgram = new Map();
  const outbound = [];
  const tally = (program, kind) => {
    const row = byProgram.get(program) ?? { loopback: 0, unix: 0, unspec: 0, allowed: 0, browserProbe: 0, outbound: 0 };
    row[kind] += 1;
    byProgram.set(program, row);
    counts[kind] += 1;
  };

  all.forEach((call, index) => {
    const pid = group(call.tid);
    if (call.name === 'socket' && call.result >= 0) {
      sockets.set(`${pid} ${call.result}`, /SOCK_DGRAM/.test(call.args) ? 'udp' : /SOCK_STREAM/.test(call.args) ? 'tcp' : 'other');
      return;
    }
    if (call.name !== 'connect') return;
    counts.connect += 1;
    const program = programAt(pid, index);
    const fd = /^(\d+),/.exec(call.args)?.[1];
    const family = /sa_family=(AF_[A-Z0-9]+)/.exec(call.args)?.[1];
    const address = /inet_addr\("([^"]+)"\)/.exec(call.args)?.[1] ?? /inet_pton\(AF_INET6, "([^"]+)"/.exec(call.args)?.[1];
    const port = Number(/sin6?_port=htons\((\d+)\)/.exec(call.args)?.[1]);
    if (family === 'AF_UNIX') tally(program, 'unix');
    // connect(AF_UNSPEC) dissolves a UDP socket's association: no packet leaves.
    else if (family === 'AF_UNSPEC') tally(program, 'unspec');
    else if ((family === 'AF_INET' || family === 'AF_INET6') && address !== undefined && isLoopback(address)) tally(program, 'loopback');
    else if (address !== undefined && allow.includes(address)) tally(program, 'allowed');
    else if (
      browserProbe &&
      BROWSER_PROBE.programs.test(program) &&
      address === BROWSER_PROBE.address &&
      port === BROWSER_PROBE.port &&
      sockets.get(`${pid} ${fd}`) === 'udp'
    )
      tally(program, 'browserProbe');
    else {
      // Anywhere else, or a family this check does not know (netlink, packet…): to be looked at.
      tally(program, 'outbound');
      outbound.push(`${program} (pid ${pid}): connect(${call.args}) = ${call.result}${call.tail}`);
    }
  });
  return { counts, byProgram, outbound };
}

function main(args) {
  const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--allow');
  if (!file) {
    console.error('usage: offline-connects.mjs TRACE [--allow ADDR]… [--expect-allowed] [--browser-probe]');
    return 2;
  }
  const allow = args.flatMap((a, i) => (args[i - 1] === '--allow' ? [a] : []));
  const { counts, byProgram, outbound } = countConnects(fs.readFileSync(file, 'utf8'), { allow, browserProbe: args.includes('--browser-probe') });
  console.log(
    `connect() calls: ${counts.connect} (loopback ${counts.loopback}, AF_UNIX ${counts.unix}, AF_UNSPEC ${counts.unspec}, allowed ${counts.allowed}, browser IPv6 probe ${counts.browserProbe})`,
  );
  for (const [program, row] of [...byProgram].sort(([a], [b]) => a.localeCompare(b)))
    console.log(
      `  ${program}: loopback ${row.loopback}, AF_UNIX ${row.unix}, AF_UNSPEC ${row.unspec}, allowed ${row.allowed}, browser IPv6 probe ${row.browserProbe}, outbound ${row.outbound}`,
    );
  console.log(`outbound connect() attempts: ${counts.outbound}`);
  for (const line of outbound.slice(0, 50)) console.log(`  ${line}`);
  if (counts.outbound > 0) return 1;
  if (args.includes('--expect-allowed') && counts.allowed === 0) {
    console.error('the allowed connect() was not seen: the trace missed it, so the count cannot be trusted');
    return 1;
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) process.exit(main(process.argv.slice(2)));
