/**
 * Redis 6/7 server logs: persistence (RDB, AOF rewrite), replication, clients and cluster.
 * Content is the text after the `pid:role date level-mark ` header.
 */
import { again, ev, keep, mostly, type ProbeFamily, type Slot } from './family.ts';
import type { Rng } from './rng.ts';
import { ephemeralPort } from './values.ts';

const REPLICAS = ['10.0.1.32', '10.0.1.33', '10.0.2.41'];
const NAMES = ['celery-worker-3', 'api-cache', 'sidekiq-7', 'session-store', 'rate-limiter', 'feed-builder'];
const CMDS = ['get', 'set', 'hgetall', 'expire', 'brpop', 'psubscribe', 'evalsha', 'zadd', 'mget', 'ping'];

const clientAddr = (r: Rng): string => `10.0.${r.int(3, 9)}.${r.int(2, 250)}:${ephemeralPort(r)}`;
const replica: Slot = (r) => `${r.pick(REPLICAS)}:6379`;
const pid: Slot = (r) => String(r.int(20000, 4000000));
const replId = (r: Rng): string => r.sticky('replid', () => r.hex(40), 2, 0.9);
const offset = (r: Rng): string => String(1_204_000_000 + Math.floor((r.clock - Date.UTC(2024, 4, 13)) / 3) + r.int(0, 5000));
const clientInfo = (r: Rng): string => {
  const name = r.skewed(NAMES);
  const sub = name === 'feed-builder' ? 1 : 0;
  return [
    `id=${r.int(10, 90000)}`, `addr=${clientAddr(r)}`, `laddr=10.0.1.31:6379`, `fd=${r.int(8, 4000)}`, `name=${name}`, `age=${r.logInt(1, 900000)}`, `idle=${r.logInt(1, 4000) - 1}`,
    `flags=${r.skewed(['N', 'S', 'P', 'M'])}`, `db=${r.skewed(['0', '1', '2'])}`, `sub=${sub}`, `psub=${sub}`, `multi=-1`, `qbuf=${r.logInt(1, 40000) - 1}`, `qbuf-free=${r.logInt(1, 40000) - 1}`,
    `omem=${r.logInt(1, 900000000) - 1}`, `cmd=${r.skewed(CMDS)}`, `user=${r.skewed(['default', 'app', 'replica-user'])}`, `resp=${r.skewed(['2', '3'])}`,
  ].join(' ');
};
const mb: Slot = (r) => String(r.logInt(1, 900) - 1);
const key = (n: number): Slot => (r) => {
  const s = clientInfo(r).split(' ')[n];
  return s.slice(s.indexOf('=') + 1);
};

export const redis: ProbeFamily = {
  system: 'Redis',
  about: 'Redis server logs; Content is the message after the pid:role, date and level-mark header.',
  events: [
    ev(15, 'Accepted <*>', clientAddr),
    ev(12, 'Client closed connection id=<*> addr=<*> laddr=<*> fd=<*> name=<*> age=<*> idle=<*> flags=<*> db=<*> sub=<*> psub=<*> multi=<*> qbuf=<*> qbuf-free=<*> omem=<*> cmd=<*> user=<*> resp=<*>',
      ...Array.from({ length: 18 }, (_, i) => key(i))),
    ev(3, '<*> changes in <*> seconds. Saving...', (r) => String(r.logInt(1, 90000)), mostly('60', '300', '3600')),
    ev(3, 'Background saving started by pid <*>', pid),
    ev(3, 'DB saved on disk'),
    ev(3, 'Fork CoW for <*>: current <*> MB, peak <*> MB, average <*> MB', mostly('RDB', 'AOF rewrite'), keep('cur', mb), (r) => String(Number(again('cur')(r)) + r.logInt(1, 40) - 1), (r) => String(Math.floor(Number(again('cur')(r)) * r.next()))),
    ev(3, 'Background saving terminated with success'),
    ev(0.1, 'Background saving error'),
    ev(0.6, 'Background append only file rewriting started by pid <*>', pid),
    ev(0.6, 'AOF rewrite child asks to stop sending diffs.'),
    ev(0.6, 'Parent agreed to stop sending diffs. Finalizing AOF...'),
    ev(0.6, 'Concatenating <*> MB of AOF diff received from parent.', (r) => r.fixed(0, 40, 2)),
    ev(0.6, 'SYNC append only file rewrite performed'),
    ev(0.6, 'Background AOF rewrite terminated with success'),
    ev(0.6, 'Residual parent diff successfully flushed to the rewritten AOF (<*> MB)', (r) => r.fixed(0, 5, 2)),
    ev(0.6, 'Background AOF rewrite finished successfully'),
    ev(0.3, 'Replica <*> asks for synchronization', replica),
    ev(0.2, 'Partial resynchronization request from <*> accepted. Sending <*> bytes of backlog starting from offset <*>.', replica, (r) => String(r.logInt(1, 9000000)), offset),
    ev(0.1, 'Full resync requested by replica <*>', replica),
    ev(0.1, 'Starting BGSAVE for SYNC with target: <*>', mostly('disk', 'replicas sockets')),
    ev(0.2, 'Synchronization with replica <*> succeeded', replica),
    ev(0.2, 'Connection with replica <*> lost.', replica),
    ev(0.3, 'Connecting to MASTER <*>:<*>', (r) => r.skewed(['10.0.1.31', 'redis-0.redis-headless.cache.svc.cluster.local']), mostly('6379', '6380')),
    ev(0.3, 'MASTER <-> REPLICA sync started'),
    ev(0.3, 'Non blocking connect for SYNC fired the event.'),
    ev(0.3, 'Master replied to PING, replication can continue...'),
    ev(0.3, 'Trying a partial resynchronization (request <*>:<*>).', replId, offset),
    ev(0.2, 'Successful partial resynchronization with master.'),
    ev(0.2, 'MASTER <-> REPLICA sync: Master accepted a Partial Resynchronization.'),
    ev(0.1, 'Error condition on socket for SYNC: <*>', mostly('Connection refused', 'Connection reset by peer', 'No route to host')),
    ev(0.1, 'Connection with master lost.'),
    ev(0.1, 'Caching the disconnected master state.'),
    ev(0.05, 'Discarding previously cached master state.'),
    ev(0.05, 'Setting secondary replication ID to <*>, valid up to offset: <*>. New replication ID is <*>', replId, offset, (r) => r.hex(40)),
    ev(0.05, "MASTER MODE enabled (user request from '<*>')", clientInfo),
    ev(1, 'Client <*> scheduled to be closed ASAP for overcoming of output buffer limits.', clientInfo),
    ev(0.05, 'Possible SECURITY ATTACK detected. It looks like somebody is sending POST or Host: commands to Redis. This is likely due to an attacker attempting to use Cross Protocol Scripting to compromise your Redis instance. Connection from <*> aborted.', clientAddr),
    ev(0.3, 'Asynchronous AOF fsync is taking too long (disk is busy?). Writing the AOF buffer without waiting for fsync to complete, this may slow down Redis.'),
    ev(0.05, 'Received SIGTERM scheduling shutdown...'),
    ev(0.05, 'User requested shutdown...'),
    ev(0.05, 'Saving the final RDB snapshot before exiting.'),
    ev(0.05, 'Redis is now ready to exit, bye bye...'),
    ev(0.05, 'Ready to accept connections <*>', mostly('tcp', 'unix')),
    ev(0.05, 'Server initialized'),
    ev(0.05, 'Loading RDB produced by version <*>', mostly('7.2.4', '7.0.15')),
    ev(0.05, 'Done loading RDB, keys loaded: <*>, keys expired: <*>.', (r) => String(r.logInt(1, 9000000)), (r) => String(r.logInt(1, 90000) - 1)),
    ev(0.05, 'DB loaded from disk: <*> seconds', (r) => r.fixed(0, 60, 3)),
    ev(0.2, 'Cluster state changed: <*>', mostly('ok', 'fail')),
    ev(0.1, 'Marking node <*> as failing (quorum reached).', (r) => r.sticky('node', () => r.hex(40), 3, 0.7)),
    ev(0.1, 'Clear FAIL state for node <*>: <*> is reachable again.', (r) => r.sticky('node', () => r.hex(40), 3, 0.7), mostly('replica', 'master without slots')),
    ev(0.6, 'Creating AOF incr file <*> on background rewrite', (r) => `appendonly.aof.${r.int(3, 90)}.incr.aof`),
    ev(0.6, 'Successfully renamed the temporary AOF base file <*> into <*>', mostly('temp-rewriteaof-bg-0.aof'), (r) => `appendonly.aof.${r.int(3, 90)}.base.rdb`),
  ],
};
