/**
 * ISC BIND 9 `named`: query logging, zone transfers and notifies, resolver errors, control
 * commands. Content is the text after the syslog `named[pid]: ` header.
 */
import { again, ev, keep, mostly, num, type ProbeFamily, type Slot } from './family.ts';
import { ephemeralPort, publicIp } from './values.ts';

const ZONES = ['example.com', 'corp.example.com', 'example.net', '10.in-addr.arpa', 'shop.example.org'];
const NAMES = ['www', 'api', 'mail', 'vpn', 'cdn', 'intranet', 'git', 'grafana', 'ldap', '_sip._tcp', 'autodiscover'];
const EXTERNAL = ['fonts.gstatic.com', 'login.microsoftonline.com', 'api.github.com', 'ocsp.digicert.com', 'update.code.visualstudio.com', 'time.cloudflare.com', 'tracker.ads-cdn.biz', 'xn--bcher-kva.example'];
const TYPES = ['A', 'AAAA', 'HTTPS', 'MX', 'TXT', 'PTR', 'SRV', 'NS', 'SOA', 'DS', 'DNSKEY'];
const ROOT_SERVERS = ['198.41.0.4#53', '2001:500:200::b#53', '192.33.4.12#53', '2001:500:2::c#53', '199.7.91.13#53', '2001:500:2d::d#53'];

const handle: Slot = (r) => r.sticky('client', () => `0x7f${r.hex(10)}`, 12, 0.5);
const client: Slot = (r) => `10.${r.pick(['20', '20', '30', '0'])}.${r.int(0, 9)}.${r.int(2, 250)}#${ephemeralPort(r)}`;
const zone: Slot = (r) => r.skewed(ZONES);
const qname: Slot = (r) => (r.chance(0.5) ? `${r.skewed(NAMES)}.${r.skewed(ZONES.filter((z) => !z.endsWith('arpa')))}` : r.skewed(EXTERNAL, 0.8));
const qtype: Slot = (r) => r.skewed(TYPES, 1.1);
const klass: Slot = (r) => r.weighted([['IN', 200], ['CH', 1]] as const);
const remote: Slot = (r) => `${publicIp(r)}#53`;
const master: Slot = (r) => r.pick(['10.0.0.53#53', '10.0.0.54#53']);
const serial: Slot = (r) => `2024051${r.int(0, 3)}${String(r.int(1, 99)).padStart(2, '0')}`;
/** The domain a lame or EDNS-troubled name was resolved in: the name's last two labels. */
const external: Slot = keep('ext', (r) => r.skewed(EXTERNAL));
const parentOf: Slot = (r) => again('ext')(r).split('.').slice(-2).join('.');
const secs: Slot = (r) => r.fixed(0.001, 3, 3);

export const bind: ProbeFamily = {
  system: 'Bind',
  about: 'ISC BIND named logs; Content is the message after the syslog header.',
  events: [
    ev(55, 'client @<*> <*> (<*>): query: <*> <*> <*> <*> (<*>)', handle, client, keep('q', qname), again('q'), klass, qtype,
      (r) => r.weighted([['+', 10], ['+E(0)', 8], ['+E(0)K', 6], ['-E(0)DC', 3], ['+ET(0)K', 1], ['-', 2]] as const), mostly('10.0.0.53', '10.0.0.54', '127.0.0.1')),
    ev(2, "client @<*> <*> (<*>): query (cache) '<*>/<*>/<*>' denied", handle, (r) => `${publicIp(r)}#${ephemeralPort(r)}`, keep('q', qname), again('q'), qtype, klass),
    ev(0.3, "client @<*> <*> (<*>): zone transfer '<*>/<*>/<*>' denied", handle, (r) => `${publicIp(r)}#${ephemeralPort(r)}`, keep('z', zone), again('z'), mostly('AXFR', 'IXFR'), klass),
    ev(0.3, "client @<*> <*> (<*>): transfer of '<*>/<*>': <*> started (serial <*>)", handle, client, keep('z', zone), again('z'), klass, mostly('AXFR', 'IXFR'), serial),
    ev(0.3, "client @<*> <*> (<*>): transfer of '<*>/<*>': <*> ended: <*> messages, <*> records, <*> bytes, <*> secs (<*> bytes/sec) (serial <*>)", handle, client, keep('z', zone), again('z'), klass, mostly('AXFR', 'IXFR'),
      num(1, 9), (r) => String(r.logInt(3, 90000)), (r) => String(r.logInt(300, 9000000)), secs, (r) => String(r.logInt(1000, 90000000)), serial),
    ev(1, 'zone <*>/<*>: loaded serial <*>', zone, klass, serial),
    ev(2, 'zone <*>/<*>: sending notifies (serial <*>)', zone, klass, serial),
    ev(0.8, 'zone <*>/<*>: notify from <*>: zone is up to date', zone, klass, master),
    ev(1, 'zone <*>/<*>: notify from <*>: serial <*>', zone, klass, master, serial),
    ev(0.8, 'zone <*>/<*>: Transfer started.', zone, klass),
    ev(0.8, "transfer of '<*>/<*>' from <*>: connected using <*>", zone, klass, master, (r) => `10.0.0.55#${ephemeralPort(r)}`),
    ev(0.8, "transfer of '<*>/<*>' from <*>: Transfer status: <*>", zone, klass, master, mostly('success', 'connection refused', 'timed out')),
    ev(0.8, "transfer of '<*>/<*>' from <*>: Transfer completed: <*> messages, <*> records, <*> bytes, <*> secs (<*> bytes/sec) (serial <*>)", zone, klass, master,
      num(1, 9), (r) => String(r.logInt(3, 90000)), (r) => String(r.logInt(300, 9000000)), secs, (r) => String(r.logInt(1000, 90000000)), serial),
    ev(0.2, 'zone <*>/<*>: refresh: retry limit for master <*> exceeded (source <*>)', zone, klass, master, mostly('0.0.0.0#0', '10.0.0.55#0')),
    ev(0.2, 'zone <*>/<*>: refresh: unexpected rcode (<*>) from master <*> (source <*>)', zone, klass, mostly('SERVFAIL', 'REFUSED', 'NOTAUTH'), master, mostly('0.0.0.0#0')),
    ev(3, "lame server resolving '<*>' (in '<*>'?): <*>", external, parentOf, remote),
    ev(3, "network unreachable resolving '<*>/<*>/<*>': <*>", (r) => (r.chance(0.5) ? '.' : r.skewed(EXTERNAL)), (r) => r.skewed(['NS', 'A', 'AAAA', 'DNSKEY']), klass, (r) => r.pick(ROOT_SERVERS.filter((s) => s.includes('::')))),
    ev(0.8, "host unreachable resolving '<*>/<*>/<*>': <*>", (r) => r.skewed(EXTERNAL), qtype, klass, remote),
    ev(1.5, "timed out resolving '<*>/<*>/<*>': <*>", (r) => r.skewed(EXTERNAL), qtype, klass, remote),
    ev(1, 'DNS format error from <*> resolving <*>/<*> for client <*>: <*>', remote, (r) => r.skewed(EXTERNAL), qtype, client, mostly('reply has no answer', 'invalid response', 'FORMERR resolving with EDNS disabled')),
    ev(1, 'validating <*>/<*>: no valid signature found', (r) => r.skewed(EXTERNAL), qtype),
    ev(0.4, 'validating <*>/<*>: got insecure response; parent indicates it should be secure', (r) => r.skewed(EXTERNAL), mostly('DS', 'SOA', 'NSEC3')),
    ev(0.5, "no valid RRSIG resolving '<*>/<*>/<*>': <*>", (r) => r.skewed(EXTERNAL), mostly('DS', 'DNSKEY', 'A'), klass, remote),
    ev(0.4, "received control channel command '<*>'", mostly('reload', 'flush', 'stats', 'reconfig', 'status')),
    ev(0.1, 'reloading configuration succeeded'),
    ev(0.1, 'reloading zones succeeded'),
    ev(0.1, 'scheduled loading new zones'),
    ev(0.1, 'any newly configured zones are now loaded'),
    ev(0.1, 'all zones loaded'),
    ev(0.05, 'running'),
    ev(0.1, 'listening on IPv4 interface <*>, <*>', mostly('eth0', 'lo', 'ens192'), mostly('10.0.0.53#53', '127.0.0.1#53')),
    ev(0.05, 'listening on IPv6 interface <*>, <*>', mostly('lo', 'eth0'), mostly('::1#53', 'fd00:10::53#53')),
    ev(0.05, 'no longer listening on <*>', mostly('10.0.0.53#53', '::1#53')),
    ev(0.05, 'managed-keys-zone: Key <*> for zone <*> is now trusted (acceptance timer complete)', mostly('20326', '38696'), mostly('.')),
    ev(0.3, 'resolver priming query complete'),
    ev(0.5, 'automatic empty zone: <*>', mostly('10.IN-ADDR.ARPA', '168.192.IN-ADDR.ARPA', 'D.F.IP6.ARPA', '254.169.IN-ADDR.ARPA', 'EMPTY.AS112.ARPA')),
    ev(0.8, "client @<*> <*>: received notify for zone '<*>'", handle, (r) => `10.0.0.53#${ephemeralPort(r)}`, zone),
    ev(0.2, "client @<*> <*> (<*>): update '<*>/<*>' denied", handle, client, keep('z', zone), again('z'), klass),
    ev(0.5, 'client @<*> <*>: error sending response: <*>', handle, client, mostly('host unreachable', 'not enough free resources', 'connection reset')),
    ev(0.05, 'shutting down'),
    ev(0.05, 'stopping command channel on <*>', mostly('127.0.0.1#953')),
    ev(0.05, 'exiting'),
    ev(0.05, 'zone <*>/<*>: journal file is out of date: removing journal file', zone, klass),
    ev(0.3, "success resolving '<*>/<*>' (in '<*>'?) after disabling EDNS", external, qtype, parentOf),
    ev(0.3, "success resolving '<*>/<*>' (in '<*>'?) after reducing the advertised EDNS UDP packet size to 512 octets", external, qtype, parentOf),
  ],
};
