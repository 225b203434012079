// Counts connection attempts outside loopback in an strace log
// (`strace -f -e trace=connect -o FILE …`): `node scripts/count-connects.mjs FILE`.
// Prints each attempt to an address other than 127.0.0.0/8, ::1 or a Unix socket, with
// its process id, and a total; exits 1 when there is any, 2 when the file cannot be read.
import fs from 'node:fs';

const file = process.argv[2];
if (!file) {
  console.error('usage: node scripts/count-connects.mjs STRACE_FILE');
  process.exit(2);
}
let text;
try {
  text = fs.readFileSync(file, 'utf8');
} catch (error) {
  console.error(`cannot read ${file}: ${error.message}`);
  process.exit(2);
}

/** Where one connect() line goes, or undefined when it is not a connect() call. */
function target(line) {
  if (!/\bconnect\(/.test(line)) return undefined;
  const family = /sa_family=(AF_[A-Z0-9]+)/.exec(line)?.[1];
  if (!family) return { family: 'unknown', address: line.trim() };
  if (family === 'AF_UNIX' || family === 'AF_NETLINK' || family === 'AF_UNSPEC') return { family, address: '', local: true };
  const v4 = /inet_addr\("([^"]+)"\)/.exec(line)?.[1];
  const v6 = /inet_pton\(AF_INET6, "([^"]+)"/.exec(line)?.[1];
  const port = /sin6?_port=htons\((\d+)\)/.exec(line)?.[1];
  const address = v4 ?? v6 ?? '?';
  const local = (v4 !== undefined && /^127\./.test(v4)) || (v6 !== undefined && (v6 === '::1' || /^::ffff:127\./i.test(v6)));
  return { family, address: port ? `${address}:${port}` : address, local };
}

let loopback = 0;
const outside = [];
// strace -f splits a call that blocks into "<unfinished ...>" and "resumed>": count the first half only.
for (const line of text.split('\n')) {
  if (/<\.\.\. connect resumed>/.test(line)) continue;
  const found = target(line);
  if (!found) continue;
  if (found.local) loopback += 1;
  else outside.push({ pid: /^(\d+)\s/.exec(line)?.[1] ?? '?', ...found, line: line.trim() });
}
for (const attempt of outside) console.log(`outside loopback: pid ${attempt.pid} ${attempt.family} ${attempt.address}    ${attempt.line.slice(0, 200)}`);
console.log(`${outside.length} connect() attempt(s) outside loopback; ${loopback} to loopback or local sockets`);
process.exit(outside.length === 0 ? 0 : 1);
