#!/usr/bin/env node
// Counts the connect() calls in an `strace -f -e trace=connect -o FILE` log by where
// they went: loopback (127.0.0.0/8, ::1, ::ffff:127.x), AF_UNIX, an allowed address
// (--allow ADDR, repeatable), or outbound (anything else). Prints the counts and every
// outbound line; exits 1 when there is an outbound attempt, or when --expect-allowed is
// given and no allowed attempt was seen (the trace would then be blind).
import fs from 'node:fs';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--allow');
const allowed = new Set(args.flatMap((a, i) => (args[i - 1] === '--allow' ? [a] : [])));
const expectAllowed = args.includes('--expect-allowed');
if (!file) {
  console.error('usage: offline-connects.mjs TRACE [--allow ADDR]… [--expect-allowed]');
  process.exit(2);
}

const isLoopback = (address) =>
  /^127\.\d+\.\d+\.\d+$/.test(address) || address === '::1' || /^::ffff:127\.\d+\.\d+\.\d+$/i.test(address) || address === '0:0:0:0:0:0:0:1';

const counts = { connect: 0, loopback: 0, unix: 0, unspec: 0, allowed: 0, outbound: 0, other: 0 };
const outbound = [];
for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
  // "<... connect resumed>" closes a call whose address was on its "<unfinished ...>" line.
  if (!/\bconnect\(/.test(line) || /resumed>/.test(line)) continue;
  counts.connect += 1;
  const family = /sa_family=(AF_[A-Z0-9]+)/.exec(line)?.[1];
  const address = /inet_addr\("([^"]+)"\)/.exec(line)?.[1] ?? /inet_pton\(AF_INET6, "([^"]+)"/.exec(line)?.[1];
  if (family === 'AF_UNIX') counts.unix += 1;
  // connect(AF_UNSPEC) dissolves a UDP socket's association: no packet leaves.
  else if (family === 'AF_UNSPEC') counts.unspec += 1;
  else if ((family === 'AF_INET' || family === 'AF_INET6') && address !== undefined) {
    if (isLoopback(address)) counts.loopback += 1;
    else if (allowed.has(address)) counts.allowed += 1;
    else {
      counts.outbound += 1;
      outbound.push(line.trim());
    }
  } else {
    // A family this check does not know (netlink, packet…): counted as outbound, to be looked at.
    counts.outbound += 1;
    outbound.push(line.trim());
  }
}

console.log(`connect() calls: ${counts.connect} (loopback ${counts.loopback}, AF_UNIX ${counts.unix}, AF_UNSPEC ${counts.unspec}, allowed ${counts.allowed})`);
console.log(`outbound connect() attempts: ${counts.outbound}`);
for (const line of outbound.slice(0, 50)) console.log(`  ${line}`);
if (counts.outbound > 0) process.exit(1);
if (expectAllowed && counts.allowed === 0) {
  console.error('the allowed probe connect() was not seen: the trace missed it, so the count cannot be trusted');
  process.exit(1);
}
