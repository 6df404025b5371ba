/**
 * Cisco IOS / IOS-XE switches and routers: `%FACILITY-SEVERITY-MNEMONIC: text` messages. Content
 * is the message from the `%` on, after the syslog sequence number, host and timestamp.
 */
import { again, columns, ev, keep, mostly, num, type ProbeFamily, type Slot } from './family.ts';
import type { Rng } from './rng.ts';
import { dayName, hms, monthName, publicIp } from './values.ts';

const LONG = ['GigabitEthernet1/0/', 'GigabitEthernet1/0/', 'TenGigabitEthernet1/1/', 'GigabitEthernet2/0/'];
const SHORT: Record<string, string> = { 'GigabitEthernet1/0/': 'Gi1/0/', 'TenGigabitEthernet1/1/': 'Te1/1/', 'GigabitEthernet2/0/': 'Gi2/0/' };
const NEIGHBORS = ['10.255.0.1', '10.255.0.2', '10.255.0.6', '172.16.10.1', '192.168.100.2'];
const USERS = ['netadmin', 'jdoe', 'noc-ro', 'ansible', 'admin'];

const portNo = (r: Rng, prefix: string): number => (prefix.startsWith('Ten') ? r.int(1, 4) : r.skewed(Array.from({ length: 48 }, (_, i) => i + 1), 0.5));
const iface: Slot = (r) => {
  const p = r.pick(LONG);
  return r.chance(0.1) ? `Vlan${r.skewed(['10', '20', '100', '999'])}` : `${p}${portNo(r, p)}`;
};
const shortIf: Slot = (r) => {
  const p = r.pick(LONG);
  return `${SHORT[p]}${portNo(r, p)}`;
};
const mac: Slot = (r) => `${r.hex(4)}.${r.hex(4)}.${r.hex(4)}`;
const vlan: Slot = (r) => r.skewed(['10', '20', '30', '100', '110', '999']);
const inside = (r: Rng): string => `10.${r.pick(['1', '10', '20'])}.${r.int(0, 30)}.${r.int(2, 250)}`;
const anyIp: Slot = (r) => (r.chance(0.6) ? publicIp(r) : inside(r));
const mgmtIp: Slot = (r) => `10.99.${r.int(0, 3)}.${r.int(2, 60)}`;
const neighbor: Slot = (r) => r.skewed(NEIGHBORS);
const packets: Slot = (r) => {
  const n = r.logInt(1, 400);
  return n === 1 ? '1 packet' : `${n} packets`;
};
const loginTime: Slot = (r) => {
  const d = r.now();
  return `${hms(d)} UTC ${dayName(d)} ${monthName(d)} ${d.getUTCDate()} ${d.getUTCFullYear()}`;
};
const cipher: Slot = (r) => r.skewed(['aes256-ctr', 'aes128-ctr', 'aes256-gcm@openssh.com']);
const hmac: Slot = (r) => r.skewed(['hmac-sha2-256', 'hmac-sha2-512', 'hmac-sha1']);
const sessionId: Slot = (r) => r.sticky('audit', () => `0A${r.hex(2).toUpperCase()}0${r.hex(5).toUpperCase()}${r.hex(8).toUpperCase()}`, 8, 0.5);

export const ciscoIos: ProbeFamily = {
  system: 'CiscoIOS',
  about: 'Cisco IOS/IOS-XE syslog messages; Content is the %FACILITY-SEVERITY-MNEMONIC message after the header.',
  events: [
    ev(10, '%LINK-3-UPDOWN: Interface <*>, changed state to <*>', iface, mostly('down', 'up')),
    ev(10, '%LINEPROTO-5-UPDOWN: Line protocol on Interface <*>, changed state to <*>', iface, mostly('down', 'up')),
    ev(25, '%SEC-6-IPACCESSLOGP: list <*> <*> <*> <*>(<*>) -> <*>(<*>), <*>', mostly('OUTSIDE_IN', '101', 'MGMT-ACL', 'GUEST-FILTER'), mostly('denied', 'permitted'), mostly('tcp', 'udp'), anyIp, (r) => String(r.int(1024, 65535)), inside,
      (r) => r.skewed(['22', '443', '23', '3389', '445', '53', '161', '8080']), packets),
    ev(4, '%SEC-6-IPACCESSLOGDP: list <*> <*> icmp <*> -> <*> (<*>/<*>), <*>', mostly('OUTSIDE_IN', '101'), mostly('denied', 'permitted'), anyIp, inside, mostly('8', '3', '11'), mostly('0', '3', '1'), packets),
    ev(2, '%SEC-6-IPACCESSLOGS: list <*> <*> <*>, <*>', mostly('10', '99', 'SNMP-ALLOWED'), mostly('denied', 'permitted'), anyIp, packets),
    ev(2, '%SYS-5-CONFIG_I: Configured from console by <*> on <*> (<*>)', (r) => r.skewed(USERS), (r) => `vty${r.int(0, 4)}`, mgmtIp),
    ev(2, '%SEC_LOGIN-5-LOGIN_SUCCESS: Login Success [user: <*>] [Source: <*>] [localport: <*>] at <*>', (r) => r.skewed(USERS), mgmtIp, mostly('22', '23'), loginTime),
    ev(1, '%SEC_LOGIN-4-LOGIN_FAILED: Login failed [user: <*>] [Source: <*>] [localport: <*>] [Reason: <*>] at <*>', (r) => r.pick([...USERS, 'root', 'cisco', 'test']), anyIp, mostly('22', '23'), mostly('Login Authentication Failed'), loginTime),
    ev(1.5, "%SSH-5-SSH2_SESSION: SSH2 Session request from <*> (tty = <*>) using crypto cipher '<*>', hmac '<*>' <*>", mgmtIp, num(0, 4), cipher, hmac, mostly('Succeeded', 'Failed')),
    ev(1.5, "%SSH-5-SSH2_USERAUTH: User '<*>' authentication for SSH2 Session from <*> (tty = <*>) using crypto cipher '<*>', hmac '<*>' <*>", (r) => r.skewed(USERS), mgmtIp, num(0, 4), cipher, hmac, mostly('Succeeded', 'Failed')),
    ev(1.2, "%SSH-5-SSH2_CLOSE: SSH2 Session from <*> (tty = <*>) for user '<*>' using crypto cipher '<*>', hmac '<*>' closed", mgmtIp, num(0, 4), (r) => r.skewed(USERS), cipher, hmac),
    ev(1, '%OSPF-5-ADJCHG: Process <*>, Nbr <*> on <*> from <*> to <*>, <*>', mostly('1', '10'), neighbor, iface, ...columns('ospf', [
      ['LOADING', 'FULL', 'Loading Done'],
      ['FULL', 'DOWN', 'Neighbor Down: Dead timer expired'],
      ['FULL', 'DOWN', 'Neighbor Down: Interface down or detached'],
      ['EXSTART', 'DOWN', 'Neighbor Down: Too many retransmissions'],
    ])),
    ev(0.5, '%BGP-5-ADJCHANGE: neighbor <*> Up', neighbor),
    ev(0.5, '%BGP-5-ADJCHANGE: neighbor <*> Down <*>', neighbor, mostly('Peer closed the session', 'BGP Notification sent', 'Interface flap', 'BGP Notification received')),
    ev(0.3, '%BGP-3-NOTIFICATION: received from neighbor <*> <*>/<*> (<*>) <*> bytes', neighbor, ...columns('notif', [['4', '0', 'hold time expired'], ['6', '4', 'administrative reset'], ['6', '2', 'administrative shutdown']]), mostly('0', '2')),
    ev(0.3, '%BGP-3-NOTIFICATION: sent to neighbor <*> <*>/<*> (<*>) <*> bytes', neighbor, ...columns('notif', [['4', '0', 'hold time expired'], ['6', '4', 'administrative reset'], ['6', '2', 'administrative shutdown']]), mostly('0', '2')),
    ev(0.6, '%DUAL-5-NBRCHANGE: EIGRP-IPv4 <*>: Neighbor <*> (<*>) is <*>: <*>', mostly('100', '200'), neighbor, iface, ...columns('eigrp', [['up', 'new adjacency'], ['down', 'holding time expired'], ['down', 'Interface PEER-TERMINATION received'], ['down', 'retry limit exceeded']])),
    ev(2, '%SW_MATM-4-MACFLAP_NOTIF: Host <*> in vlan <*> is flapping between port <*> and port <*>', mac, vlan, shortIf, shortIf),
    ev(0.3, '%SPANTREE-2-BLOCK_BPDUGUARD: Received BPDU on port <*> with BPDU Guard enabled. Disabling port.', shortIf),
    ev(0.4, '%PM-4-ERR_DISABLE: <*> error detected on <*>, putting <*> in err-disable state', mostly('bpduguard', 'psecure-violation', 'link-flap'), keep('if', shortIf), again('if')),
    ev(0.3, '%PM-4-ERR_RECOVER: Attempting to recover from <*> err-disable state on <*>', mostly('bpduguard', 'psecure-violation', 'link-flap'), shortIf),
    ev(0.3, '%PORT_SECURITY-2-PSECURE_VIOLATION: Security violation occurred, caused by MAC address <*> on port <*>.', mac, iface),
    ev(1.5, '%CDP-4-NATIVE_VLAN_MISMATCH: Native VLAN mismatch discovered on <*> (<*>), with <*> <*> (<*>).', iface, vlan, (r) => r.skewed(['sw-access-2.lab', 'sw-core-1', 'ap-3f-east.corp.example.com', 'SEP00A1B2C3D4E5']), iface, vlan),
    ev(1, '%DHCP_SNOOPING-5-DHCP_SNOOPING_UNTRUSTED_PORT: DHCP_SNOOPING drop message on untrusted port, message type: <*>, MAC sa: <*>', mostly('DHCPOFFER', 'DHCPACK', 'DHCPNAK'), mac),
    ev(0.5, '%ILPOWER-7-DETECT: Interface <*>: Power Device detected: <*>', shortIf, mostly('IEEE PD', 'Cisco PD')),
    ev(0.5, '%ILPOWER-5-POWER_GRANTED: Interface <*>: Power granted', shortIf),
    ev(0.4, '%ILPOWER-5-IEEE_DISCONNECT: Interface <*>: PD removed', shortIf),
    ev(0.4, '%HSRP-5-STATECHANGE: <*> Grp <*> state <*> -> <*>', (r) => `Vlan${vlan(r)}`, mostly('1', '10'), mostly('Standby', 'Speak', 'Active', 'Init'), mostly('Active', 'Standby', 'Speak')),
    ev(0.1, '%SYS-6-LOGGINGHOST_STARTSTOP: Logging to host <*> port <*> started - CLI initiated', mostly('10.99.0.10', '10.99.0.11'), mostly('514', '6514')),
    ev(0.05, '%SYS-6-LOGGINGHOST_STARTSTOP: Logging to host <*> port <*> stopped - CLI initiated', mostly('10.99.0.10', '10.99.0.11'), mostly('514', '6514')),
    ev(0.05, '%SYS-5-RESTART: System restarted --'),
    ev(0.05, '%SYS-5-RELOAD: Reload requested by <*> on <*>. Reload Reason: <*>.', (r) => r.skewed(USERS), (r) => `vty${r.int(0, 4)}`, mostly('Reload Command', 'Reload from CLI')),
    ev(0.3, '%NTP-5-PEERSYNC: NTP synced to peer <*>', mostly('10.99.0.1', '10.99.0.2')),
    ev(0.3, '%NTP-4-PEERUNREACH: Peer <*> is unreachable', mostly('10.99.0.2', '10.99.0.1', '192.0.2.123')),
    ev(0.3, '%ENVIRONMENTAL-1-ALERT: <*>, Location: <*>, State: <*>, Reading: <*> Celsius', mostly('Temp: Inlet', 'Temp: Hotspot', 'Temp: Outlet'), mostly('R0', 'P0', 'F0'), mostly('Warning', 'Critical'), num(44, 88)),
    ev(1, '%SNMP-3-AUTHFAIL: Authentication failure for SNMP req from host <*>', anyIp),
    ev(0.3, '%LINK-5-CHANGED: Interface <*>, changed state to <*>', iface, mostly('administratively down', 'reset')),
    ev(0.2, '%IP-4-DUPADDR: Duplicate address <*> on <*>, sourced by <*>', inside, (r) => `Vlan${vlan(r)}`, mac),
    ev(2, "%AUTHMGR-5-START: Starting '<*>' for client (<*>) on Interface <*> AuditSessionID <*>", mostly('dot1x', 'mab'), mac, shortIf, sessionId),
    ev(0.8, '%DOT1X-5-FAIL: Authentication failed for client (<*>) on Interface <*> AuditSessionID <*>', mac, shortIf, sessionId),
    ev(1.5, '%AUTHMGR-5-SUCCESS: Authorization succeeded for client (<*>) on Interface <*> AuditSessionID <*>', mac, shortIf, sessionId),
    ev(1, '%MAB-5-SUCCESS: Authentication successful for client (<*>) on Interface <*> AuditSessionID <*>', mac, shortIf, sessionId),
    ev(0.2, '%EC-5-L3DONTBNDL2: <*> suspended: LACP currently not enabled on the remote port.', shortIf),
    ev(0.2, '%EC-5-BUNDLE: Interface <*> joined port-channel <*>', shortIf, (r) => `Port-channel${r.int(1, 8)}`),
    ev(0.1, '%SYS-3-CPUHOG: Task is running for (<*>)msecs, more than (<*>)msecs (<*>/<*>),process = <*>.', (r) => String(r.int(2001, 9000)), mostly('2000'), num(0, 40), num(0, 9), mostly('Exec', 'SNMP ENGINE', 'IP Input')),
    ev(0.05, '%SYS-2-MALLOCFAIL: Memory allocation of <*> bytes failed from <*>, alignment <*>', (r) => String(r.logInt(100, 9000000)), (r) => `0x${r.hex(8).toUpperCase()}`, mostly('0', '8')),
  ],
};
