/**
 * Apache Kafka 3.x broker (server.log): partitions, logs and segments, group coordinator,
 * controller and replica fetchers, with the `[Component key=value]` prefixes the broker puts
 * inside its messages. Content is the message after `[date] LEVEL ` and without the trailing
 * `(logger.name)` that the log4j layout appends.
 */
import { again, ev, keep, mostly, num, type ProbeFamily, type Slot } from './family.ts';
import type { Rng } from './rng.ts';

const TOPICS = ['orders', 'payments', 'inventory-updates', 'clickstream.raw', 'audit_log', '__consumer_offsets', 'shipments'];
const GROUPS = ['billing-service', 'fraud-detector', 'search-indexer', 'analytics-loader', 'connect-s3-sink'];
const DIRS = ['/var/lib/kafka/data-0', '/var/lib/kafka/data-1'];
const BROKERS = ['0', '1', '2', '3', '4'];

const tp: Slot = (r) => {
  const t = r.skewed(TOPICS, 0.9);
  return `${t}-${r.int(0, t === '__consumer_offsets' ? 49 : 11)}`;
};
const broker: Slot = (r) => r.sticky('self', () => r.pick(BROKERS), 1, 1);
const other: Slot = (r) => r.pick(BROKERS);
const dir: Slot = (r) => r.skewed(DIRS);
const offset: Slot = (r) => String(r.logInt(1, 900_000_000));
const isr: Slot = (r) => r.subset(BROKERS, 1, 3).join(',');
const offsetsTp: Slot = (r) => `__consumer_offsets-${r.int(0, 49)}`;
const group: Slot = (r) => r.skewed(GROUPS);
const generation: Slot = (r) => String(r.int(1, 400));
const memberId = (r: Rng): string => `consumer-${r.skewed(GROUPS)}-${r.int(1, 9)}-${r.uuid()}`;
const segment = (r: Rng): string => {
  const base = r.logInt(1, 900_000_000);
  const ts = 1715400000000 + r.int(0, 99_999_999);
  return `LogSegment(baseOffset=${base}, size=${r.logInt(1000, 1073741824)}, lastModifiedTime=${ts}, largestRecordTimestamp=Some(${ts - r.int(0, 999)}))`;
};
const ms = (hi: number): Slot => (r) => String(r.logInt(1, hi + 1) - 1);
const partitions: Slot = (r) => Array.from({ length: r.int(1, 4) }, () => tp(r)).join(',');
const nodeDesc = (r: Rng): string => {
  const id = r.pick(BROKERS);
  return `kafka-${id}.kafka-headless.streaming.svc.cluster.local:9092 (id: ${id} rack: ${r.pick(['eu-west-1a', 'eu-west-1b', 'null'])})`;
};
const file = (ext: string): Slot => (r) => `${dir(r)}/${tp(r)}/${String(r.logInt(1, 900_000_000)).padStart(20, '0')}.${ext}.deleted`;
const epoch: Slot = (r) => String(r.int(0, 60));
const list = (r: Rng): string => `[${r.subset(BROKERS, 1, 3).join(', ')}]`;

export const kafka: ProbeFamily = {
  system: 'Kafka',
  about: 'Apache Kafka broker server.log; Content is the log4j message without the date, level and trailing logger name.',
  events: [
    ev(1.5, '[Partition <*> broker=<*>] Shrinking ISR from <*> to <*>. Leader: (highWatermark: <*>, endOffset: <*>). Out of sync replicas: <*>.', tp, broker, keep('isr', (r) => r.subset(BROKERS, 2, 4).join(',')),
      (r) => again('isr')(r).split(',').slice(0, -1).join(','), keep('hw', offset), (r) => String(Number(again('hw')(r)) + r.logInt(1, 5000)),
      (r) => Array.from({ length: r.int(1, 2) }, () => `(brokerId: ${other(r)}, endOffset: ${offset(r)}, lastCaughtUpTimeMs: ${1715500000000 + r.int(0, 9_999_999)})`).join(' ')),
    ev(1.5, '[Partition <*> broker=<*>] Expanding ISR from <*> to <*>', tp, broker, (r) => {
      const full = r.subset(BROKERS, 2, 4);
      r.memo.set('isr', full.join(','));
      return full.slice(0, -1).join(',');
    }, again('isr')),
    ev(2.5, '[Partition <*> broker=<*>] ISR updated to <*> and version updated to <*>', tp, broker, isr, num(1, 900)),
    ev(10, '[LocalLog partition=<*>, dir=<*>] Rolled new log segment at offset <*> in <*> ms.', tp, dir, offset, ms(40)),
    ev(2, '[UnifiedLog partition=<*>, dir=<*>] Deleting segment <*> due to log retention time <*> breach based on the largest record timestamp in the segment', tp, dir, segment, mostly('604800000ms', '86400000ms', '259200000ms')),
    ev(2, '[UnifiedLog partition=<*>, dir=<*>] Incremented log start offset to <*> due to <*>', tp, dir, offset, mostly('SegmentDeletion', 'LeaderOffsetIncremented', 'ClientRecordDeletion')),
    ev(2, '[LocalLog partition=<*>, dir=<*>] Deleting segment files <*>', tp, dir, (r) => Array.from({ length: r.int(1, 3) }, () => segment(r)).join(',')),
    ev(1, 'Deleted log <*>.', file('log')),
    ev(1, 'Deleted offset index <*>.', file('index')),
    ev(1, 'Deleted time index <*>.', file('timeindex')),
    ev(8, '[ProducerStateManager partition=<*>] Wrote producer snapshot at offset <*> with <*> producer ids in <*> ms.', tp, offset, ms(40), ms(30)),
    ev(2, '[GroupCoordinator <*>]: Preparing to rebalance group <*> in state <*> with old generation <*> (<*>) (reason: <*>)', broker, group, mostly('PreparingRebalance', 'Stable', 'CompletingRebalance'), generation, offsetsTp,
      (r) => r.pick([`Adding new member ${memberId(r)} with group instance id None; client reason: need to re-join with the given member-id: ${memberId(r)}`, `Leader ${memberId(r)} re-joining group during Stable; client reason: cached metadata has changed`, `removing member ${memberId(r)} on LeaveGroup; client reason: the consumer is being closed`])),
    ev(2, '[GroupCoordinator <*>]: Stabilized group <*> generation <*> (<*>) with <*> members', broker, group, generation, offsetsTp, num(1, 12)),
    ev(2, '[GroupCoordinator <*>]: Assignment received from leader <*> for group <*> for generation <*>. The group has <*> members, <*> of which are static.', broker, memberId, group, generation, num(1, 12), mostly('0', '1')),
    ev(1.5, '[GroupCoordinator <*>]: Dynamic member with unknown member id joins group <*> in <*> state. Created a new member id <*> and request the member to rejoin with this id.', broker, group, mostly('Stable', 'Empty', 'PreparingRebalance'), memberId),
    ev(0.8, '[GroupCoordinator <*>]: Member <*> in group <*> has failed, removing it from the group', broker, memberId, group),
    ev(0.5, '[GroupCoordinator <*>]: Group <*> with generation <*> is now empty (<*>)', broker, group, generation, offsetsTp),
    ev(6, '[GroupMetadataManager brokerId=<*>] Removed <*> expired offsets in <*> milliseconds.', broker, ms(20), ms(30)),
    ev(1, '[Controller id=<*>] Processing automatic preferred replica leader election', broker),
    ev(0.5, '[Controller id=<*>] Starting replica leader election (<*>) for partitions <*> triggered by <*>', broker, mostly('PREFERRED', 'UNCLEAN', 'OFFLINE'), partitions, mostly('AutoTriggered', 'AdminClientTriggered', 'ZkTriggered')),
    ev(0.8, '[ReplicaFetcher replicaId=<*>, leaderId=<*>, fetcherId=<*>] Error sending fetch request (sessionId=<*>, epoch=<*>) to node <*>:', broker, other, mostly('0', '1'), (r) => String(r.int(10 ** 8, 2 * 10 ** 9)), (r) => String(r.int(1, 90000)), other),
    ev(0.4, '[ReplicaFetcher replicaId=<*>, leaderId=<*>, fetcherId=<*>] Truncating partition <*> with TruncationState(offset=<*>, completed=<*>) due to leader epoch and offset EpochEndOffset(errorCode=<*>, partition=<*>, leaderEpoch=<*>, endOffset=<*>)',
      broker, other, mostly('0', '1'), tp, offset, mostly('true', 'false'), mostly('0'), num(0, 11), epoch, offset),
    ev(1.5, '[ReplicaFetcherManager on broker <*>] Removed fetcher for partitions <*>', broker, (r) => `Set(${Array.from({ length: r.int(1, 4) }, () => tp(r)).join(', ')})`),
    ev(1.5, '[ReplicaFetcherManager on broker <*>] Added fetcher to broker <*> for partitions <*>', broker, keep('leader', other),
      (r) => `HashMap(${Array.from({ length: r.int(1, 3) }, () => `${tp(r)} -> InitialFetchState(Some(${r.alnum(22)}),BrokerEndPoint(id=${again('leader')(r)}, host=kafka-${again('leader')(r)}.kafka-headless.streaming.svc.cluster.local:9092),${epoch(r)},${offset(r)})`).join(', ')})`),
    ev(1.5, '[SocketServer listenerType=<*>, nodeId=<*>] Failed authentication with <*> (channelId=<*>) (<*>)', mostly('ZK_BROKER', 'BROKER'), broker, (r) => `/10.0.${r.int(2, 9)}.${r.int(2, 250)}`,
      (r) => `10.0.1.${r.int(10, 14)}:9093-10.0.${r.int(2, 9)}.${r.int(2, 250)}:${r.int(32768, 60999)}-${r.int(0, 900)}`, mostly('SSL handshake failed', 'Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512', 'Unexpected Kafka request of type METADATA during SASL handshake.')),
    ev(0.2, '[KafkaApi-<*>] Auto creation of topic <*> with <*> partitions and replication factor <*> is successful', broker, (r) => r.pick(['orders-dlq', 'payments.retry', 'tmp-load-test']), mostly('1', '3', '12'), mostly('3', '1')),
    ev(1, '[TransactionCoordinator id=<*>] Initialized transactionalId <*> with producerId <*> and producer epoch <*> on partition <*>', broker, (r) => `${r.pick(['billing-tx', 'connect-cluster-offsets', 'orders-processor'])}-${r.int(0, 11)}`, (r) => String(r.int(1000, 999999)), epoch, (r) => `__transaction_state-${r.int(0, 49)}`),
    ev(1, '[Partition <*> broker=<*>] Log loaded for partition <*> with initial high watermark <*>', keep('tp', tp), broker, again('tp'), offset),
    ev(0.5, '[LogLoader partition=<*>, dir=<*>] Loading producer state till offset <*> with message format version <*>', tp, dir, offset, mostly('2')),
    ev(0.1, '[BrokerToControllerChannelManager id=<*> name=<*>] Recorded new controller, from now on will use node <*>', broker, mostly('forwarding', 'alterPartition', 'heartbeat'), nodeDesc),
    ev(0.05, '[KafkaServer id=<*>] started', broker),
    ev(0.05, '[KafkaServer id=<*>] shutting down', broker),
    ev(0.05, '[KafkaServer id=<*>] shut down completed', broker),
    ev(0.1, '[Controller id=<*>] New broker startup callback for <*>', broker, (r) => r.subset(BROKERS, 1, 2).join(',')),
    ev(0.1, '[Controller id=<*>] Broker failure callback for <*>', broker, (r) => r.subset(BROKERS, 1, 2).join(',')),
    ev(0.1, '[RequestSendThread controllerId=<*>] Controller <*> connected to <*> for sending state change requests', broker, broker, nodeDesc),
    ev(1.5, '[Broker id=<*>] Leader <*> with topic id <*> starts at leader epoch <*> from offset <*> with partition epoch <*>, high watermark <*>, ISR <*>, adding replicas <*> and removing replicas <*>. Previous leader epoch was <*>.',
      broker, tp, (r) => `Some(${r.alnum(22)})`, epoch, offset, epoch, offset, list, (r) => (r.chance(0.85) ? '[]' : `[${other(r)}]`), (r) => (r.chance(0.9) ? '[]' : `[${other(r)}]`), epoch),
    ev(1.5, '[Broker id=<*>] Follower <*> starts at leader epoch <*> from offset <*> with partition epoch <*> and high watermark <*>. Current leader is <*>. Previous leader epoch was <*>.', broker, tp, epoch, offset, epoch, offset, other, epoch),
    ev(0.5, '[LogLoader partition=<*>, dir=<*>] Producer state recovery took <*> for snapshot load and <*> for segment recovery from offset <*>', tp, dir, (r) => `${r.logInt(1, 400) - 1}ms`, (r) => `${r.logInt(1, 4000) - 1}ms`, offset),
    ev(0.05, '[SocketServer listenerType=<*>, nodeId=<*>] Created data-plane acceptor and processors for endpoint : <*>', mostly('ZK_BROKER', 'BROKER'), broker, mostly('ListenerName(PLAINTEXT)', 'ListenerName(SASL_SSL)', 'ListenerName(INTERNAL)')),
    ev(0.3, '[TransactionStateManager brokerId=<*>] Finished loading <*> transaction metadata from <*> in <*> milliseconds, of which <*> milliseconds was spent in the scheduler.', broker, ms(40), (r) => `__transaction_state-${r.int(0, 49)}`, ms(900), ms(20)),
    ev(0.6, '[GroupMetadataManager brokerId=<*>] Finished loading offsets and group metadata from <*> in <*> milliseconds for epoch <*>, of which <*> milliseconds was spent in the scheduler.', broker, offsetsTp, ms(900), epoch, ms(20)),
  ],
};
