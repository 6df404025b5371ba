/**
 * Apache Cassandra 4.x system.log: flushes, compactions, GC pauses, gossip and repair. Content is
 * the text after the `LEVEL [thread] date File.java:line - ` header.
 */
import { again, ev, keep, mostly, num, type ProbeFamily, type Slot } from './family.ts';
import type { Rng } from './rng.ts';
import { ipIn } from './values.ts';

const KEYSPACES = ['shop', 'shop', 'shop', 'telemetry', 'system', 'system_auth'];
const TABLES: Record<string, string[]> = {
  shop: ['orders', 'order_items', 'carts', 'customers_by_email', 'product_views'],
  telemetry: ['events_by_device', 'rollups_1h'],
  system: ['peers_v2', 'local', 'size_estimates', 'compaction_history'],
  system_auth: ['roles', 'role_permissions'],
};
const NODES = ['10.0.1.11', '10.0.1.12', '10.0.1.13', '10.0.1.14', '10.0.2.21', '10.0.2.22'];

const ks = (r: Rng): string => r.skewed(KEYSPACES, 0.6);
const ksTable = (r: Rng): [string, string] => {
  const k = ks(r);
  return [k, r.skewed(TABLES[k])];
};
const table: Slot = (r) => ksTable(r)[1];
const peer: Slot = (r) => `/${r.pick(NODES)}:7000`;
const peers: Slot = (r) => r.subset(NODES, 2, 3).map((n) => `/${n}:7000`).join(', ');
const tableId = (r: Rng, name: string): string => r.sticky(`tid-${name}`, () => r.hex(32), 1, 1);
const sstable: Slot = (r) => {
  const [k, t] = ksTable(r);
  return `/var/lib/cassandra/data/${k}/${t}-${tableId(r, t)}/nb-${r.logInt(1, 9000)}-big-Data.db`;
};
const mib = (lo: number, hi: number): Slot => (r) => `${r.fixed(lo, hi, 3)}MiB`;
const kib = (lo: number, hi: number): Slot => (r) => `${r.fixed(lo, hi, 3)}KiB`;
const size: Slot = (r) => (r.chance(0.4) ? kib(1, 1023)(r) : mib(1, 900)(r));
const pct: Slot = (r) => `${r.skewed([0, 1, 2, 3, 5, 8, 12, 20])}%`;
const gcMs: Slot = (r) => `${r.logInt(200, 4000)}ms`;
const token = (r: Rng): string => `${r.chance(0.5) ? '-' : ''}${r.int(1, 9)}${Array.from({ length: r.int(16, 17) }, () => r.int(0, 9)).join('')}`;
/** A keyspace slot and a table slot of that keyspace, as two arguments. */
const ksKept: Slot = keep('ks', ks);
const tableOfKs: Slot = (r) => r.skewed(TABLES[again('ks')(r)]);
const repairId: Slot = (r) => r.sticky('repair', () => r.uuid(), 3, 0.8);
const query: Slot = (r) => {
  const [k, t] = ksTable(r);
  return `SELECT * FROM ${k}.${t} WHERE ${r.pick(['customer_id', 'device_id', 'cart_id'])} = ${r.int(1000, 999999)} LIMIT ${r.pick(['100', '5000'])}`;
};
const poolLine: Slot = (r) => {
  const eden = r.logInt(100_000_000, 4_000_000_000);
  const old = r.logInt(200_000_000, 6_000_000_000);
  const parts = [`G1 Eden Space: ${eden} -> 0`, `G1 Old Gen: ${old} -> ${old - r.int(0, 50_000_000)}`];
  if (r.chance(0.6)) parts.push(`G1 Survivor Space: ${r.logInt(1_000_000, 90_000_000)} -> ${r.logInt(1_000_000, 90_000_000)}`);
  return parts.join('; ');
};

export const cassandra: ProbeFamily = {
  system: 'Cassandra',
  about: 'Apache Cassandra system.log; Content is the message after the level, thread, time and source header.',
  events: [
    ev(8, 'Enqueuing flush of <*>: <*> (<*>) on-heap, <*> (<*>) off-heap', table, size, pct, kib(0, 900), pct),
    ev(7, 'Writing <*>, flushed range = (<*>, <*>]', (r) => {
      const t = table(r);
      return `Memtable-${t}@${r.int(100000000, 2147483647)}(${mib(0.1, 200)(r)} serialized bytes, ${r.logInt(10, 900000)} ops, ${r.int(0, 30)}%/0% of on/off-heap limit)`;
    }, (r) => (r.chance(0.5) ? 'min(-9223372036854775808)' : `min(${token(r)})`), (r) => (r.chance(0.5) ? 'max(9223372036854775807)' : `max(${token(r)})`)),
    ev(7, 'Completed flushing <*> (<*>) for commitlog position CommitLogPosition(segmentId=<*>, position=<*>)', sstable, size, (r) => r.sticky('seg', () => String(1715500000000 + r.int(0, 99999999)), 3, 0.7), (r) => String(r.logInt(100, 33554432))),
    ev(5, 'Compacted (<*>) <*> sstables to [<*>] to level=<*>. <*> to <*> (~<*> of original) in <*>. Read Throughput = <*>, Write Throughput = <*>, Row Throughput = ~<*>. <*> total partitions merged to <*>. Partition merge counts were {<*>}',
      (r) => r.uuid(), num(2, 32), sstable, mostly('0', '1', '2'), mib(1, 900), mib(1, 800), (r) => `${r.int(40, 100)}%`, (r) => `${r.logInt(300, 900000)}ms`, (r) => `${r.fixed(1, 120, 3)}MiB/s`, (r) => `${r.fixed(1, 110, 3)}MiB/s`, (r) => `${r.logInt(10, 900000)}/s`, (r) => String(r.logInt(10, 2000000)), (r) => String(r.logInt(10, 1900000)),
      (r) => Array.from({ length: r.int(1, 4) }, (_, i) => `${i + 1}:${r.logInt(1, 90000)}`).join(', ')),
    ev(5, 'Compacting (<*>) [<*>]', (r) => r.uuid(), (r) => Array.from({ length: r.int(2, 4) }, () => `${sstable(r)}:level=${r.skewed(['0', '1', '2'])}`).join(', ')),
    ev(4, '<*> GC in <*>. <*>', mostly('G1 Young Generation', 'G1 Old Generation'), gcMs, poolLine),
    ev(0.8, 'InetAddress <*> is now DOWN', peer),
    ev(0.8, 'InetAddress <*> is now UP', peer),
    ev(1.5, 'Handshaking version with <*>', peer),
    ev(0.6, 'Node <*> state jump to <*>', peer, mostly('NORMAL', 'shutdown', 'LEAVING')),
    ev(0.3, 'Node <*> has restarted, now UP', peer),
    ev(0.6, 'Updating topology for <*>', peer),
    ev(0.8, 'Redistributing index summaries'),
    ev(0.5, 'Initializing <*>.<*>', ksKept, tableOfKs),
    ev(1.5, 'Read <*> live rows and <*> tombstone cells for query <*> (see tombstone_warn_threshold)', (r) => String(r.logInt(1, 5000)), (r) => String(r.logInt(1001, 90000)), query),
    ev(0.2, "Scanned over <*> tombstones during query '<*>' (last scanned row token was <*> and partion key was (<*>)); query aborted", (r) => String(r.int(100001, 400000)), query, token, (r) => String(r.int(1000, 999999))),
    ev(0.8, 'Writing large partition <*>/<*>:<*> (<*>) to sstable <*>', ksKept, tableOfKs, (r) => String(r.int(1000, 999999)), mib(100, 900), sstable),
    ev(1, 'Maximum memory usage reached (<*>), cannot allocate chunk of <*>', mostly('512.000MiB', '1.000GiB'), mostly('8.000MiB', '1.000MiB')),
    ev(0.7, 'Finished hinted handoff of file <*> to endpoint <*>: <*>', (r) => `${r.uuid()}-${1715500000000 + r.int(0, 99999999)}-${r.int(1, 3)}.hints`, peer, (r) => r.uuid()),
    ev(0.4, '[repair #<*>] session completed successfully', repairId),
    ev(0.4, '[repair #<*>] new session: will sync <*> on range <*> for <*>.[<*>]', repairId, peers,
      (r) => `[(${token(r)},${token(r)}]]`, ks, (r) => r.subset(TABLES.shop, 1, 3).join(', ')),
    ev(0.8, '[repair #<*>] Received merkle tree for <*> from <*>', repairId, table, peer),
    ev(0.8, '[repair #<*>] Endpoints <*> and <*> are consistent for <*>', repairId, peer, peer, table),
    ev(0.4, '[repair #<*>] Endpoints <*> and <*> have <*> range(s) out of sync for <*>', repairId, peer, peer, num(1, 40), table),
    ev(0.05, "Created default superuser role '<*>'", mostly('cassandra')),
    ev(0.05, 'Starting listening for CQL clients on <*> (<*>)...', mostly('/0.0.0.0:9042', '/10.0.1.11:9042'), mostly('unencrypted', 'encrypted')),
    ev(0.05, 'Cassandra version: <*>', mostly('4.1.5', '4.1.4')),
    ev(0.3, 'Not marking nodes down due to local pause of <*> > <*>', (r) => `${r.int(5_000_000_001, 30_000_000_000)}ns`, mostly('5000000000ns')),
    ev(0.3, 'Unexpected exception during request; channel = <*>', (r) => `[id: 0x${r.hex(8)}, L:/${r.pick(NODES)}:9042 - R:/${ipIn(r, '10.0.8.')}:${r.int(32768, 60999)}]`),
    ev(1.5, 'Flushing largest <*> to free up room. Used total: <*>/<*>, live: <*>/<*>, flushing: <*>/<*>, this: <*>/<*>',
      (r) => {
        const [k, t] = ksTable(r);
        return `CFS(Keyspace='${k}', ColumnFamily='${t}')`;
      },
      ...Array.from({ length: 8 }, (): Slot => (r) => r.fixed(0, 0.6, 2))),
    ev(1, 'Deleting sstable: <*>', sstable),
    ev(0.05, 'Stopping gossiper'),
    ev(0.05, 'Stopping native transport'),
    ev(0.05, 'Announcing shutdown'),
    ev(0.05, 'Waiting for gossip to settle...'),
    ev(0.05, 'No gossip backlog; proceeding'),
    ev(0.8, '<*> operations were slow in the last <*> msecs:', num(1, 40), mostly('5000')),
    ev(0.6, 'Validated <*> partitions for <*> (<*>): <*>', (r) => String(r.logInt(1, 900000)), (r) => r.uuid(), (r) => ksTable(r).join('.'), mib(0.1, 900)),
  ],
};
