/**
 * HashiCorp Consul agents and servers (hclog style): the named logger and message, then
 * key=value pairs. Content is the text after the `date [LEVEL] ` header; the logger name
 * (`agent.server.raft:`) is printed as part of the message.
 */
import { ev, mostly, num, type ProbeFamily, type Slot } from './family.ts';
import type { Rng } from './rng.ts';
import { goDuration } from './values.ts';

const SERVICES = ['web-3f9a1c', 'api-gateway', 'payments-7b2e', 'redis-cache', 'search-indexer', 'ledger-04', 'mail-relay'];
const NODES = ['consul-server-0', 'consul-server-1', 'consul-server-2', 'ip-10-0-4-17', 'ip-10-0-4-23', 'ip-10-0-5-8', 'build-agent-12', 'edge-lb-1'];
const SERVERS = ['10.0.1.21', '10.0.1.22', '10.0.1.23'];

const service: Slot = (r) => r.skewed(SERVICES, 0.9);
const check: Slot = (r) => r.weighted([[`service:${service(r)}`, 5], [`service:${service(r)}:${r.int(1, 3)}`, 2], ['serfHealth', 1], [`_nomad-check-${r.hex(40)}`, 1]] as const);
const node: Slot = (r) => r.skewed(NODES, 0.7);
const nodeIp = (r: Rng): string => `10.0.${r.int(1, 5)}.${r.int(8, 60)}`;
const server = (r: Rng): string => `${r.pick(SERVERS)}:8300`;
const client = (r: Rng): string => `${r.chance(0.7) ? '127.0.0.1' : nodeIp(r)}:${r.int(32768, 60999)}`;
const nodeId = (r: Rng): string => r.sticky('nodeid', () => r.uuid(), 3, 0.9);
const raftIndex: Slot = (r) => String(1_840_000 + Math.floor((r.clock - Date.UTC(2024, 4, 13)) / 900) + r.int(0, 40));
const url: Slot = (r) =>
  r.weighted([
    [`/v1/health/service/${service(r)}?index=${r.int(100000, 999999)}&passing=1&wait=60000ms`, 5],
    [`/v1/kv/config/${service(r)}/feature-flags?index=${r.int(100000, 999999)}`, 3],
    [`/v1/agent/check/update/${check(r)}`, 2],
    ['/v1/status/leader', 1],
    [`/v1/catalog/service/${service(r)}?dc=dc1&stale=`, 1],
  ] as const);

export const consul: ProbeFamily = {
  system: 'Consul',
  about: 'HashiCorp Consul agent and server logs in hclog format; Content starts at the logger name.',
  events: [
    ev(6, 'agent: Synced node info'),
    ev(8, 'agent: Synced service: service=<*>', service),
    ev(6, 'agent: Synced check: check=<*>', check),
    ev(0.8, 'agent: Deregistered service: service=<*>', service),
    ev(2, 'agent: Check is now critical: check=<*>', check),
    ev(0.5, 'agent: Check is now warning: check=<*>', check),
    ev(18, 'agent.http: Request finished: method=<*> url=<*> from=<*> latency=<*>', mostly('GET', 'PUT', 'DELETE'), url, client, (r) => goDuration(r, 0.02, 61000)),
    ev(1.5, 'agent.http: Request error: method=<*> url=<*> from=<*> error="<*>"', mostly('GET', 'PUT'), url, client, (r) =>
      r.pick(['Unexpected response code: 403 (Permission denied: token with AccessorID \\"anonymous\\" lacks permission \\"service:read\\")', `Unknown check ID \\"${check(r)}\\". Ensure that the check ID is passed, not the check name.`, 'No cluster leader'])),
    ev(0.3, 'agent.server.raft: heartbeat timeout reached, starting election: last-leader-addr=<*> last-leader-id=<*>', server, nodeId),
    ev(0.3, 'agent.server.raft: entering candidate state: node="<*>" term=<*>', (r) => `Node at ${server(r)} [Candidate]`, num(4, 19)),
    ev(0.2, 'agent.server.raft: election won: term=<*> tally=<*>', num(4, 19), mostly('2', '3')),
    ev(0.2, 'agent.server.raft: entering leader state: leader="<*>"', (r) => `Node at ${server(r)} [Leader]`),
    ev(0.3, 'agent.server.raft: entering follower state: follower="<*>" leader-address=<*> leader-id=<*>', (r) => `Node at ${server(r)} [Follower]`, server, nodeId),
    ev(0.3, 'agent.server.raft: added peer, starting replication: peer=<*>', nodeId),
    ev(0.3, 'agent.server.raft: pipelining replication: peer="<*>"', (r) => `{Voter ${nodeId(r)} ${server(r)}}`),
    ev(0.6, 'agent.server.raft: starting snapshot up to: index=<*>', raftIndex),
    ev(0.6, 'agent.server.raft: snapshot complete up to: index=<*>', raftIndex),
    ev(0.6, 'agent.server.raft: compacting logs: from=<*> to=<*>', (r) => String(Number(raftIndex(r)) - 16384 - r.int(0, 50)), raftIndex),
    ev(0.7, 'agent.server.serf.lan: serf: EventMemberJoin: <*> <*>', node, nodeIp),
    ev(0.5, 'agent.server.serf.lan: serf: EventMemberFailed: <*> <*>', node, nodeIp),
    ev(0.3, 'agent.server.serf.lan: serf: EventMemberLeave: <*> <*>', node, nodeIp),
    ev(1.2, 'agent.server.memberlist.lan: memberlist: Suspect <*> has failed, no acks received', node),
    ev(0.5, 'agent.server.memberlist.lan: memberlist: Marking <*> as failed, suspect timeout reached (<*> peer confirmations)', node, mostly('0', '1', '2')),
    ev(0.3, 'agent.server.memberlist.wan: memberlist: Refuting a suspect message (from: <*>)', (r) => `${r.pick(['consul-server-0', 'consul-server-1', 'consul-server-2'])}.${r.pick(['dc1', 'dc2'])}`),
    ev(0.6, 'agent.server: member joined, marking health alive: member=<*> partition=<*>', node, mostly('default')),
    ev(0.4, 'agent.server: member failed, marking health critical: member=<*> partition=<*>', node, mostly('default')),
    ev(1.5, 'agent.client: RPC failed to server: method=<*> server=<*> error="<*>"', mostly('Catalog.Register', 'Health.ServiceNodes', 'KVS.Get', 'Coordinate.Update'), server,
      (r) => r.pick(['rpc error making call: No cluster leader', `rpc error making call: EOF`, `rpc error getting client: failed to get conn: dial tcp ${nodeIp(r)}:0->${server(r)}: i/o timeout`])),
    ev(0.8, 'agent.server.rpc: failed to read byte: conn=from=<*> error="<*>"', client,
      (r) => r.pick([`read tcp ${server(r)}->${client(r)}: read: connection reset by peer`, 'tls: first record does not look like a TLS handshake', 'read: connection timed out'])),
    ev(0.6, 'agent.anti_entropy: failed to sync remote state: error="<*>"', (r) => r.pick(['No cluster leader', 'rpc error making call: rpc error making call: ACL not found', 'failed to get conn: dial tcp: i/o timeout'])),
    ev(3, 'agent: Node info in sync'),
    ev(5, 'agent: Service in sync: service=<*>', service),
    ev(4, 'agent: Check in sync: check=<*>', check),
    ev(10, 'agent.dns: request served from client: name=<*> type=<*> class=<*> latency=<*> client=<*> client_network=<*>',
      (r) => r.weighted([[`${service(r)}.service.consul.`, 6], [`${r.pick(['primary', 'replica'])}.${service(r)}.service.dc1.consul.`, 2], [`${node(r)}.node.consul.`, 1], [`_${service(r)}._tcp.service.consul.`, 2]] as const),
      mostly('A', 'SRV', 'AAAA'), mostly('IN'), (r) => goDuration(r, 0.02, 40), client, mostly('udp', 'tcp')),
    ev(0.5, 'agent.dns: recurse failed: error="<*>"', (r) => `read udp ${nodeIp(r)}:${r.int(32768, 60999)}->${r.pick(['10.0.0.2:53', '1.1.1.1:53'])}: i/o timeout`),
    ev(0.4, 'agent.fsm: snapshot created: duration=<*>', (r) => goDuration(r, 0.1, 900)),
    ev(0.05, 'agent: started state syncer'),
    ev(0.05, 'agent: Consul agent running!'),
    ev(0.05, 'agent: Joining cluster...: cluster=<*>', mostly('LAN', 'WAN')),
    ev(0.05, 'agent: (LAN) joining: lan_addresses=<*>', (r) => `[${r.subset(SERVERS, 1, 3).join(' ')}]`),
    ev(0.05, 'agent: (LAN) joined: number_of_nodes=<*>', num(1, 3)),
    ev(0.05, 'agent: Caught: signal=<*>', mostly('terminated', 'interrupt', 'hangup')),
    ev(0.05, 'agent: Gracefully shutting down agent...'),
    ev(0.2, 'agent.leader: started routine: routine="<*>"', mostly('CA root pruning', 'intermediate cert renew watch', 'federation state anti-entropy', 'metrics for streaming peering resources')),
    ev(0.1, 'agent.leader: stopped routine: routine="<*>"', mostly('CA root pruning', 'intermediate cert renew watch', 'federation state anti-entropy')),
  ],
};
