/**
 * MongoDB 3.x/4.0 plain-text logs (before the JSON format): connections, slow operations,
 * replication, sharding and WiredTiger. Content is the text after the
 * `date SEVERITY COMPONENT [context] ` header.
 */
import { again, columns, ev, keep, mostly, num, type ProbeFamily, type Slot } from './family.ts';
import type { Rng } from './rng.ts';
import { ephemeralPort } from './values.ts';

const MEMBERS = ['db-1.prod.internal:27017', 'db-2.prod.internal:27017', 'db-3.prod.internal:27017', 'db-arb.prod.internal:27017'];
const NAMESPACES = ['shop.orders', 'shop.orders', 'shop.customers', 'shop.carts', 'shop.sessions', 'analytics.events', 'admin.system.users'];
const USERS = ['app_rw', 'reporting_ro', 'backup', 'etl_loader'];

const clientAddr: Slot = (r) => `10.0.${r.int(2, 6)}.${r.int(2, 250)}:${ephemeralPort(r)}`;
const ns: Slot = (r) => r.skewed(NAMESPACES, 0.8);
const dbOf = (n: string): string => n.split('.')[0];
const collOf = (n: string): string => n.slice(n.indexOf('.') + 1);
const connNo = (r: Rng): number => 1000 + Math.floor((r.clock - Date.UTC(2024, 4, 13)) / 4000) + r.int(0, 30);
const member: Slot = (r) => r.skewed(MEMBERS);
const opMs: Slot = (r) => `${r.logInt(100, 30000)}ms`;
const filter = (r: Rng): string =>
  r.pick([`{ status: "${r.pick(['open', 'paid', 'shipped'])}", customerId: ${r.int(1000, 99999)} }`, `{ _id: ObjectId('${r.hex(24)}') }`, `{ createdAt: { $gte: new Date(${1715000000000 + r.int(0, 999999999)}) } }`, `{ email: "${r.pick(['anna', 'ben', 'tara'])}@example.com" }`]);
const plan = (r: Rng): string => r.weighted([[`IXSCAN { status: 1, customerId: 1 }`, 4], ['COLLSCAN', 2], ['IDHACK', 2], ['IXSCAN { createdAt: -1 }', 1]] as const);
const locks: Slot = (r) =>
  `{ Global: { acquireCount: { r: ${r.int(1, 9)}${r.chance(0.4) ? `, w: ${r.int(1, 4)}` : ''} } }, Database: { acquireCount: { ${r.pick(['r', 'w'])}: ${r.int(1, 4)} } }, Collection: { acquireCount: { ${r.pick(['r', 'w'])}: ${r.int(1, 4)} } } }`;
const small = (hi: number): Slot => (r) => String(r.logInt(1, hi + 1) - 1);
const metadata: Slot = (r) => {
  const driver = r.skewed([
    ['nodejs', '6.5.0'],
    ['PyMongo', '4.6.3'],
    ['mongo-java-driver|sync', '4.11.1'],
    ['mongo-go-driver', 'v1.14.0'],
  ]);
  return `{ driver: { name: "${driver[0]}", version: "${driver[1]}" }, os: { type: "Linux", name: "linux", architecture: "x86_64", version: "${r.pick(['5.15.0-105-generic', '6.1.0-18-amd64'])}" }, platform: "${r.pick(['Node.js v20.12.2, LE', 'CPython 3.11.9.final.0', 'Java/Eclipse Adoptium/17.0.11+9', 'go1.22.2'])}" }`;
};
const chunkVersion = (r: Rng): string => `${r.int(20, 90)}|${r.int(0, 40)}||${r.sticky('epoch', () => r.hex(24), 2, 0.95)}`;

export const mongodb: ProbeFamily = {
  system: 'MongoDB',
  about: 'MongoDB 3.x/4.0 text logs; Content is the message after the date, severity, component and [context] header.',
  events: [
    ev(12, 'connection accepted from <*> #<*> (<*> connections now open)', clientAddr, (r) => String(connNo(r)), num(40, 260)),
    ev(12, 'end connection <*> (<*> connections now open)', clientAddr, num(40, 260)),
    ev(10, 'received client metadata from <*> <*>: <*>', clientAddr, (r) => `conn${connNo(r)}`, metadata),
    ev(6, 'Successfully authenticated as principal <*> on <*> from client <*>', (r) => r.skewed(USERS), mostly('admin', 'shop'), clientAddr),
    ev(1, 'SASL <*> authentication failed for <*> on <*> from client <*> ; <*>', mostly('SCRAM-SHA-256', 'SCRAM-SHA-1'), (r) => r.pick([...USERS, 'admin', 'root']), mostly('admin', 'shop'), clientAddr,
      (r) => r.pick(['AuthenticationFailed: SCRAM authentication failed, storedKey mismatch', `UserNotFound: Could not find user "${r.pick(['root', 'test'])}" for db "admin"`])),
    ev(8, 'command <*> command: <*> <*> planSummary: <*> keysExamined:<*> docsExamined:<*> cursorExhausted:<*> numYields:<*> nreturned:<*> reslen:<*> locks:<*> protocol:<*> <*>',
      keep('ns', ns), keep('cmd', mostly('find', 'aggregate', 'count')), (r) => {
        const n = again('ns')(r);
        const cmd = again('cmd')(r);
        const tail = cmd === 'find' ? `filter: ${filter(r)}, limit: ${r.pick(['20', '50', '100'])}` : cmd === 'count' ? `query: ${filter(r)}` : `pipeline: [ { $match: ${filter(r)} }, { $group: { _id: "$status", n: { $sum: 1 } } } ], cursor: {}`;
        return `{ ${cmd}: "${collOf(n)}", ${tail}, $db: "${dbOf(n)}" }`;
      }, plan,
      small(5000), small(90000), mostly('1', '0'), small(300), small(100), (r) => String(r.logInt(100, 900000)), locks, mostly('op_msg', 'op_query'), opMs),
    ev(4, 'update <*> query: <*> planSummary: <*> update: <*> keysExamined:<*> docsExamined:<*> nMatched:<*> nModified:<*> keysInserted:<*> keysDeleted:<*> numYields:<*> locks:<*> <*>',
      ns, filter, plan, (r) => `{ $set: { status: "${r.pick(['paid', 'shipped', 'cancelled'])}", updatedAt: new Date(${1715000000000 + r.int(0, 999999999)}) } }`,
      small(20), small(20), mostly('1', '0'), mostly('1', '0'), small(4), small(4), small(10), locks, opMs),
    ev(1, 'remove <*> query: <*> planSummary: <*> keysExamined:<*> docsExamined:<*> ndeleted:<*> keysDeleted:<*> numYields:<*> locks:<*> <*>', ns, filter, plan, small(9000), small(9000), small(9000), small(30000), small(200), locks, opMs),
    ev(2, 'insert <*> ninserted:<*> keysInserted:<*> numYields:<*> locks:<*> <*>', ns, mostly('1'), num(1, 6), mostly('0'), locks, opMs),
    ev(1, 'getmore <*> query: <*> cursorid:<*> ntoreturn:<*> keysExamined:<*> docsExamined:<*> numYields:<*> nreturned:<*> reslen:<*> locks:<*> <*>', ns, (r) => `{ getMore: ${r.int(10 ** 9, 9 * 10 ** 9)}${r.int(100000000, 999999999)}, collection: "${collOf(ns(r))}" }`,
      (r) => `${r.int(10 ** 9, 9 * 10 ** 9)}${r.int(100000000, 999999999)}`, mostly('0', '1000'), small(90000), small(90000), small(400), small(101), (r) => String(r.logInt(100, 16000000)), locks, opMs),
    ev(2, 'WiredTiger message [<*>:<*>][<*>:<*>], WT_SESSION.checkpoint: Checkpoint ran for <*> seconds and wrote: <*> pages (<*> MB)', (r) => String(Math.floor(r.clock / 1000)), num(0, 999999), (r) => r.sticky('pid', () => String(r.int(800, 9000)), 1, 1), (r) => `0x7f${r.hex(10)}`,
      num(1, 90), (r) => String(r.logInt(10, 90000)), (r) => String(r.logInt(1, 900))),
    ev(0.2, 'transition to <*> from <*>', ...columns('transition', [['PRIMARY', 'SECONDARY'], ['SECONDARY', 'PRIMARY'], ['SECONDARY', 'RECOVERING'], ['SECONDARY', 'STARTUP2']])),
    ev(0.6, 'Member <*> is now in state <*>', member, mostly('SECONDARY', 'PRIMARY', 'RECOVERING', 'ARBITER')),
    ev(0.1, "Starting an election, since we've seen no PRIMARY in the past <*>", mostly('10000ms')),
    ev(0.1, 'conducting a dry run election to see if we could be elected. current term: <*>', num(3, 12)),
    ev(0.1, 'dry election run succeeded, running for election in term <*>', num(3, 12)),
    ev(0.1, 'election succeeded, assuming primary role in term <*>', num(3, 12)),
    ev(0.8, 'Error in heartbeat (requestId: <*>) to <*>, response status: <*>', (r) => String(r.int(100000, 9999999)), member,
      mostly('HostUnreachable: Connection refused', "NetworkInterfaceExceededTimeLimit: Couldn't get a connection within the time limit", 'InvalidReplicaSetConfig: Our replica set configuration is invalid or does not include us')),
    ev(1.5, 'Connecting to <*>', member),
    ev(1.5, 'Successfully connected to <*>, took <*> (<*> connections now open to <*>)', keep('m', member), (r) => `${r.logInt(1, 300)}ms`, num(1, 4), again('m')),
    ev(0.6, 'Ending connection to host <*> due to bad connection status; <*> connections to that host remain open', member, num(0, 3)),
    ev(0.4, 'build index on: <*> properties: <*>', keep('ns', ns), (r) => {
      const field = r.pick(['createdAt', 'customerId', 'status', 'email']);
      return `{ v: 2, key: { ${field}: 1 }, name: "${field}_1", ns: "${again('ns')(r)}", background: true }`;
    }),
    ev(0.4, 'build index done. scanned <*> total records. <*> secs', (r) => String(r.logInt(10, 9000000)), num(0, 400)),
    ev(0.3, 'createCollection: <*> with generated UUID: <*>', ns, (r) => r.uuid()),
    ev(0.2, 'CMD: drop <*>', ns),
    ev(0.2, 'Slow WiredTiger transaction. Lifetime of SnapshotId <*> was <*>', (r) => String(r.int(10 ** 6, 10 ** 9)), opMs),
    ev(0.8, 'Refreshing chunks for collection <*> based on version <*>', ns, chunkVersion),
    ev(0.8, 'Refresh for collection <*> took <*> ms and found version <*>', ns, (r) => String(r.logInt(1, 900)), chunkVersion),
    ev(0.3, 'moveChunk data transfer progress: <*> mem used: <*> documents remaining to clone: <*>', (r) => `{ active: true, sessionId: "rs0_rs1_${r.hex(24)}", ns: "${ns(r)}", from: "rs0/${MEMBERS[0]},${MEMBERS[1]}", state: "${r.pick(['clone', 'catchup', 'steady'])}", counts: { cloned: ${r.int(0, 90000)}, clonedBytes: ${r.int(0, 90000000)}, catchup: 0, steady: 0 }, ok: 1.0 }`, (r) => String(r.logInt(1, 9000000)), (r) => String(r.logInt(1, 90000) - 1)),
    ev(0.3, 'about to log metadata event into changelog: <*>', (r) => `{ _id: "${r.pick(['db-1', 'db-2'])}-${new Date(r.clock).toISOString().slice(0, 19)}.${r.int(100, 999)}+0000-${r.hex(24)}", server: "${r.pick(['db-1', 'db-2'])}", what: "${r.pick(['moveChunk.from', 'moveChunk.start', 'split'])}", ns: "${ns(r)}" }`),
    ev(0.3, 'Marking collection <*> as collection version: <*>', ns, chunkVersion),
    ev(0.3, 'Balancer move <*>: [<*>, <*>), from <*>, to <*>', ns, (r) => `{ customerId: ${r.int(1000, 50000)} }`, (r) => `{ customerId: ${r.int(50001, 99999)} }`, mostly('rs0', 'rs1', 'rs2'), mostly('rs1', 'rs2', 'rs0')),
    ev(0.3, 'Failed to connect to <*> - <*>: <*>', member, ...columns('fail', [['HostUnreachable', 'Connection refused'], ['NetworkTimeout', 'Connection timed out'], ['HostUnreachable', 'No route to host']])),
    ev(0.05, 'Got signal: <*> (<*>).', ...columns('signal', [['15', 'Terminated'], ['2', 'Interrupt']])),
    ev(0.05, 'shutdown: going to close listening sockets...'),
    ev(0.05, 'dbexit: rc: <*>', mostly('0')),
    ev(0.05, 'waiting for connections on port <*>', mostly('27017', '27018')),
    ev(0.05, 'MongoDB starting : pid=<*> port=<*> dbpath=<*> <*>-bit host=<*>', num(800, 9000), mostly('27017'), mostly('/var/lib/mongodb', '/data/db'), mostly('64'), (r) => r.pick(['db-1', 'db-2', 'db-3'])),
    ev(0.05, 'db version v<*>', mostly('4.0.28', '3.6.23')),
    ev(0.3, 'SocketException handling request, closing client connection: <*> socket exception [<*>] server [<*>]', mostly('9001', '6'), mostly('SEND_ERROR', 'CLOSED', 'RECV_TIMEOUT'), clientAddr),
    ev(0.5, 'Error receiving request from client: <*>: <*>. Ending connection from <*> (connection id: <*>)', ...columns('err', [['SSLHandshakeFailed', 'SSL handshake received but server is started without SSL support'], ['ProtocolError', 'Client sent an HTTP request over a native MongoDB connection']]), clientAddr, (r) => String(connNo(r))),
  ],
};
