/**
 * Proxies and VPNs: Squid (access.log and cache.log), HAProxy, Envoy, a desktop proxy client that
 * tunnels programs' connections through an HTTPS/SOCKS proxy, OpenVPN, strongSwan (charon) and
 * WireGuard (kernel module and wg-quick).
 */
import type { Rng } from '../../random.ts';
import type { LogFamily, SystemSlot } from '../family.ts';
import { PUBLIC_SITES } from '../slots.ts';

const hex = (rng: Rng, length: number): string => {
  let out = '';
  for (let i = 0; i < length; i++) out += '0123456789abcdef'[rng.int(0, 15)];
  return out;
};
const two = (value: number): string => String(value).padStart(2, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const site: SystemSlot = (rng) => rng.pick(PUBLIC_SITES);
const target: SystemSlot = (rng) => (rng.int(0, 3) ? rng.pick(PUBLIC_SITES) : `${rng.int(1, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`);
const squidTs: SystemSlot = (_rng, time) => `${time}.${String(_rng.int(0, 999)).padStart(3, '0')}`;
const squidElapsed: SystemSlot = (rng) => String(rng.int(0, 3) ? rng.int(0, 900) : rng.int(900, 120000)).padStart(6, ' ');
const squidUrl: SystemSlot = (rng) =>
  rng.pick([
    `http://${rng.pick(PUBLIC_SITES)}/`,
    `http://${rng.pick(PUBLIC_SITES)}/${rng.pick(['index.html', 'favicon.ico', 'ubuntu/dists/jammy/InRelease', 'simple/requests/', 'generate_204', 'connecttest.txt', 'success.txt'])}`,
    `http://${rng.pick(PUBLIC_SITES)}/${rng.pick(['api', 'static', 'images'])}/${rng.int(1, 99999)}`,
    `http://${rng.int(10, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}/`,
  ]);
const mime: SystemSlot = (rng) => rng.pick(['text/html', 'text/html', 'application/json', 'image/png', 'image/jpeg', 'application/javascript', 'text/css', 'application/octet-stream', 'text/plain', '-']);
const proxyUser: SystemSlot = (rng) => (rng.int(0, 2) ? '-' : rng.pick(['alice', 'bob', 'jsmith', 'mjones', 'kwilson', 'CORP\\priya', 'carol@CORP.LOCAL']));
const squidPre: SystemSlot = (rng, time) => {
  if (rng.int(0, 3) === 0) return '';
  const iso = new Date(time * 1000).toISOString();
  return `${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)} ${iso.slice(11, 19)} kid${rng.int(1, 4)}| `;
};
/** `03/Mar/2024:14:22:01 +0000`, the time of the common log format. */
const clf: SystemSlot = (rng, time) => {
  const date = new Date(time * 1000);
  return `${two(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${date.toISOString().slice(11, 19)} ${rng.pick(['+0000', '+0100', '-0500', '+0800'])}`;
};
const hapDate: SystemSlot = (rng, time) => {
  const date = new Date(time * 1000);
  return `${two(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${date.toISOString().slice(11, 19)}.${String(rng.int(0, 999)).padStart(3, '0')}`;
};
const timers: SystemSlot = (rng) => `${rng.int(0, 3) ? 0 : rng.int(1, 50)}/${rng.int(0, 2)}/${rng.int(0, 5)}/${rng.int(1, 900)}/${rng.int(1, 1000)}`;
const conns: SystemSlot = (rng) => {
  const a = rng.int(1, 800);
  return `${a}/${rng.int(1, a)}/${rng.int(0, 50)}/${rng.int(0, 20)}/0`;
};
const frontend: SystemSlot = (rng) => rng.pick(['fe_http', 'fe_https~', 'http-in', 'https-in~', 'main', 'public', 'www', 'stats', 'api_front']);
const backendName: SystemSlot = (rng) => rng.pick(['be_app', 'be_api', 'app_servers', 'web_backend', 'static', 'api', 'bk_default', 'be_db', 'k8s_ingress', 'legacy']);
const serverName: SystemSlot = (rng) => `${rng.pick(['web', 'app', 'srv', 'node', 'api', 'backend'])}${rng.int(1, 12)}`;
const envoyFlag: SystemSlot = (rng) => rng.pick(['-', '-', '-', '-', 'DC', 'UC']);
const envoyTime: SystemSlot = (rng, time) => `${new Date(time * 1000).toISOString().slice(0, 19)}.${String(rng.int(0, 999)).padStart(3, '0')}Z`;
const envoyHdr: SystemSlot = (rng, time) => `[${new Date(time * 1000).toISOString().slice(0, 19).replace('T', ' ')}.${String(rng.int(0, 999)).padStart(3, '0')}][${rng.int(1, 60)}]`;
const cluster: SystemSlot = (rng) => rng.pick(['outbound|8080||reviews.default.svc.cluster.local', 'service_backend', 'local_service', 'auth_cluster', 'xds_cluster', 'outbound|80||productpage.bookinfo.svc.cluster.local', 'ext_authz', 'rate_limit_service']);
const upstreamAddr: SystemSlot = (rng) => `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(2, 254)}:${rng.pick([8080, 9080, 3000, 50051, 80])}`;
const apiPath: SystemSlot = (rng) => `/${rng.pick(['api', 'v1', 'reviews', 'productpage', 'details', 'ratings', 'grpc.health.v1.Health'])}/${rng.pick(['Check', 'users', 'orders', String(rng.int(1, 9999)), 'status'])}`;
const pxStamp: SystemSlot = (rng, time) => {
  if (rng.int(0, 2) === 0) return '';
  const date = new Date(time * 1000);
  return `[${two(date.getUTCMonth() + 1)}.${two(date.getUTCDate())} ${date.toISOString().slice(11, 19)}] `;
};
const appExe: SystemSlot = (rng) =>
  rng.pick(['chrome.exe', 'chrome.exe', 'firefox.exe', 'msedge.exe', 'OUTLOOK.EXE', 'Teams.exe', 'ms-teams.exe', 'svchost.exe', 'OneDrive.exe', 'Dropbox.exe', 'WINWORD.EXE', 'Code.exe', 'slack.exe', 'git-remote-https.exe', 'ssh.exe', 'putty.exe', 'java.exe', 'python.exe', 'Spotify.exe', 'steam.exe', 'Zoom.exe', 'iexplore.exe', 'SearchApp.exe', 'WeChat.exe']);
const proxyHost: SystemSlot = (rng) => rng.pick(['proxy.corp.local', 'proxy.example.com', 'socks.example.net', '10.0.0.8', '192.168.1.254', 'gw.lab.local', 'proxy-eu.acme.io', '127.0.0.1']);
const proxyPort: SystemSlot = (rng) => String(rng.pick([8080, 3128, 1080, 5070, 8888, 9050, 443]));
const lifetime: SystemSlot = (rng) => (rng.int(0, 3) === 0 ? '<1 sec' : rng.int(0, 4) ? `${two(rng.int(0, 10))}:${two(rng.int(0, 59))}` : `${two(rng.int(0, 5))}:${two(rng.int(0, 59))}:${two(rng.int(0, 59))}`);
const humanBytes: SystemSlot = (rng) => `${(rng.next() * 900).toFixed(rng.int(0, 2))} ${rng.pick(['KB', 'MB', 'GB'])}`;
const dport: SystemSlot = (rng) => String(rng.pick([443, 443, 443, 80, 80, 993, 5222, 22, 8443, 3478, 5228]));
const winsockErr: SystemSlot = (rng) => rng.pick(['10061', '10060', '10065', '10051', '10054']);
const vpnCn: SystemSlot = (rng) =>
  rng.pick([`client${rng.int(1, 40)}`, `${rng.pick(['alice', 'bob', 'jsmith', 'mjones', 'kwilson', 'priya', 'wei'])}-${rng.pick(['laptop', 'phone', 'pc', 'mbp'])}`, rng.pick(['office-gw', 'branch-berlin', 'home-router', 'ci-runner', 'backup-nas']), rng.pick(['alice', 'bob', 'jsmith', 'erin', 'ivan'])]);
const subnetMask: SystemSlot = (rng) => rng.pick([`10.${rng.int(0, 255)}.0.0 255.255.0.0`, `192.168.${rng.int(0, 255)}.0 255.255.255.0`, `172.${rng.int(16, 31)}.0.0 255.255.0.0`]);
const thread: SystemSlot = (rng) => two(rng.int(0, 16));
const conn: SystemSlot = (rng) => rng.pick(['site-to-site', 'rw', 'roadwarrior', 'office', 'aws-vpc', 'azure-tunnel', 'branch1', 'home', 'ikev2-vpn', 'conn-dc2']);
const ikeId: SystemSlot = (rng) => rng.pick(['C=CH, O=strongSwan, CN=moon.strongswan.org', 'vpn.example.com', 'gw.corp.local', `${rng.int(1, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`, 'CN=vpn-gateway', `${rng.pick(['alice', 'bob', 'jsmith'])}@example.com`]);
const spi: SystemSlot = (rng) => hex(rng, 8);
const wgIf: SystemSlot = (rng) => rng.pick(['wg0', 'wg0', 'wg1', 'wg-office', 'wg-home', 'mullvad', 'tailscale0']);

export const SQUID_ACCESS: LogFamily = {
  id: 'squid-access',
  group: 'web',
  weight: 3,
  program: 'squid',
  labelMix: { 'HTTP Status': 88, 'Security Alert': 9, 'System Notification': 3 },
  slots: { squidTs, squidElapsed, squidUrl, mime, proxyUser, site, target, clf },
  templates: [
    { label: 'HTTP Status', text: '{squidTs} {squidElapsed} {ip} TCP_MISS/{httpCode} {bytes} {method} {squidUrl} {proxyUser} HIER_DIRECT/{ip} {mime}', weight: 12 },
    { label: 'HTTP Status', text: '{squidTs} {squidElapsed} {ip} TCP_TUNNEL/200 {bytes} CONNECT {site}:443 {proxyUser} HIER_DIRECT/{ip} -', weight: 12 },
    { label: 'HTTP Status', text: '{squidTs} {squidElapsed} {ip} TCP_HIT/200 {bytes} GET {squidUrl} - HIER_NONE/- {mime}', weight: 4 },
    { label: 'HTTP Status', text: '{squidTs} {squidElapsed} {ip} TCP_MEM_HIT/200 {bytes} GET {squidUrl} - HIER_NONE/- {mime}', weight: 3 },
    { label: 'HTTP Status', text: '{squidTs} {squidElapsed} {ip} TCP_REFRESH_UNMODIFIED/304 {bytes} GET {squidUrl} - HIER_DIRECT/{ip} {mime}', weight: 2 },
    { label: 'HTTP Status', text: '{squidTs} {squidElapsed} {ip} TCP_REFRESH_MODIFIED/200 {bytes} GET {squidUrl} - HIER_DIRECT/{ip} {mime}' },
    { label: 'HTTP Status', text: '{squidTs} {squidElapsed} {ip} TCP_INM_HIT/304 {bytes} GET {squidUrl} - HIER_NONE/- {mime}' },
    { label: 'HTTP Status', text: '{squidTs} {squidElapsed} {ip} TCP_CLIENT_REFRESH_MISS/200 {bytes} GET {squidUrl} - HIER_DIRECT/{ip} {mime}' },
    { label: 'HTTP Status', text: '{squidTs} {squidElapsed} {ip} TCP_MISS_ABORTED/000 0 GET {squidUrl} - HIER_DIRECT/{ip} -', weight: 2 },
    { label: 'HTTP Status', text: '{squidTs} {squidElapsed} {ip} TCP_TUNNEL_ABORTED/200 {bytes} CONNECT {target}:443 - HIER_DIRECT/{ip} -' },
    { label: 'HTTP Status', text: '{squidTs} {squidElapsed} {ip} TCP_MISS/503 {bytes} GET {squidUrl} - HIER_NONE/- text/html', weight: 2 },
    { label: 'HTTP Status', text: '{squidTs} {squidElapsed} {ip} TCP_MISS/200 {bytes} POST {squidUrl} {proxyUser} FIRSTUP_PARENT/{ip} {mime}', weight: 2 },
    { label: 'HTTP Status', text: '{squidTs} {squidElapsed} {ip} TCP_MISS/{httpCode} {bytes} GET {squidUrl} - DEFAULT_PARENT/{ip} {mime}' },
    { label: 'HTTP Status', text: '{squidTs} {squidElapsed} {ip} NONE_NONE/400 {bytes} NONE error:invalid-request - HIER_NONE/- text/html' },
    { label: 'HTTP Status', text: '{squidTs} {squidElapsed} {ip} NONE_NONE/409 {bytes} CONNECT {site}:443 - HIER_NONE/- text/html' },
    { label: 'HTTP Status', text: '{squidTs} {squidElapsed} {ip} TCP_SWAPFAIL_MISS/200 {bytes} GET {squidUrl} - HIER_DIRECT/{ip} {mime}' },
    { label: 'HTTP Status', text: '{squidTs} {squidElapsed} {ip} TCP_MISS/301 {bytes} GET {squidUrl} - HIER_DIRECT/{ip} text/html' },
    { label: 'HTTP Status', text: '{squidTs} {squidElapsed} {ip} TCP_HIT_ABORTED/000 0 GET {squidUrl} - HIER_NONE/- -' },
    { label: 'HTTP Status', text: '{ip} - {proxyUser} [{clf}] "GET {squidUrl} HTTP/1.1" {httpCode} {bytes} "-" "{userAgent}" TCP_MISS:HIER_DIRECT', weight: 3 },
    { label: 'HTTP Status', text: '{ip} - - [{clf}] "CONNECT {site}:443 HTTP/1.1" 200 {bytes} "-" "{userAgent}" TCP_TUNNEL:HIER_DIRECT', weight: 2 },
    { label: 'HTTP Status', text: '{squidTs} {squidElapsed} {ip} TCP_MISS/{httpCode} {bytes} {method} {squidUrl} {proxyUser} HIER_DIRECT/{site} {mime}', weight: 3 },
    { label: 'HTTP Status', text: '{squidTs} {squidElapsed} {ip} TCP_REDIRECT/302 {bytes} GET {squidUrl} - HIER_NONE/- -' },
    { label: 'Security Alert', text: '{squidTs} {squidElapsed} {ip} TCP_DENIED/403 {bytes} {method} {squidUrl} - HIER_NONE/- text/html', weight: 5 },
    { label: 'Security Alert', text: '{squidTs} {squidElapsed} {ip} TCP_DENIED/403 {bytes} CONNECT {target}:{port} - HIER_NONE/- text/html', weight: 3 },
    { label: 'Security Alert', text: '{squidTs} {squidElapsed} {ip} TCP_DENIED/407 {bytes} GET {squidUrl} - HIER_NONE/- text/html', weight: 3 },
    { label: 'Security Alert', text: '{squidTs} {squidElapsed} {ip} TCP_DENIED_REPLY/403 {bytes} GET {squidUrl} {proxyUser} HIER_DIRECT/{ip} text/html' },
    { label: 'Security Alert', text: '{ip} - - [{clf}] "CONNECT {target}:25 HTTP/1.1" 403 {bytes} "-" "-" TCP_DENIED:HIER_NONE' },
    { label: 'System Notification', text: '{squidTs} {squidElapsed} {ip} NONE_NONE/000 0 - error:transaction-end-before-headers - HIER_NONE/- -', weight: 2 },
    { label: 'System Notification', text: '{squidTs} {squidElapsed} {ip} NONE/000 0 NONE error:accept-client-connection - HIER_NONE/- -' },
  ],
};

export const SQUID_CACHE: LogFamily = {
  id: 'squid-cache',
  group: 'web',
  weight: 2,
  program: 'squid',
  labelMix: { 'System Notification': 54, Error: 17, 'Resource Usage': 12, 'Critical Error': 7, 'Security Alert': 7, 'Deprecation Warning': 3 },
  slots: { squidPre, site, squidUrl, helper: ['basic_ncsa_auth', 'negotiate_kerberos_auth', 'ntlm_auth', 'ext_ldap_group_acl', 'squidGuard', 'store-id'], fd: (rng) => String(rng.int(8, 4000)), conn: (rng) => `conn${rng.int(1, 9999999)}` },
  templates: [
    { label: 'System Notification', text: '{squidPre}Starting Squid Cache version 5.{n} for x86_64-pc-linux-gnu...', weight: 2 },
    { label: 'System Notification', text: '{squidPre}Service Name: squid' },
    { label: 'System Notification', text: '{squidPre}Process ID {pid}' },
    { label: 'System Notification', text: '{squidPre}Process Roles: master worker' },
    { label: 'System Notification', text: '{squidPre}Initializing IP Cache...' },
    { label: 'System Notification', text: '{squidPre}DNS Socket created at [::], FD {fd}' },
    { label: 'System Notification', text: '{squidPre}Adding nameserver {ip} from /etc/resolv.conf' },
    { label: 'System Notification', text: '{squidPre}Logfile: opening log daemon:/var/log/squid/access.log' },
    { label: 'System Notification', text: '{squidPre}Logfile: closing log daemon:/var/log/squid/access.log' },
    { label: 'System Notification', text: '{squidPre}Local cache digest enabled; rebuild/rewrite every 3600/3600 sec' },
    { label: 'System Notification', text: '{squidPre}Store logging disabled' },
    { label: 'System Notification', text: '{squidPre}Using Least Load store dir selection' },
    { label: 'System Notification', text: '{squidPre}Set Current Directory to /var/spool/squid' },
    { label: 'System Notification', text: '{squidPre}Finished loading MIME types and icons.' },
    { label: 'System Notification', text: '{squidPre}HTCP Disabled.' },
    { label: 'System Notification', text: '{squidPre}Pinger socket opened on FD {fd}' },
    { label: 'System Notification', text: '{squidPre}Squid plugin modules loaded: 0' },
    { label: 'System Notification', text: '{squidPre}Adaptation support is off.' },
    { label: 'System Notification', text: '{squidPre}Accepting HTTP Socket connections at {conn} local=[::]:3128 remote=[::] FD {fd} flags=9', weight: 2 },
    { label: 'System Notification', text: '{squidPre}storeLateRelease: released 0 objects' },
    { label: 'System Notification', text: '{squidPre}Preparing for shutdown after {count} requests' },
    { label: 'System Notification', text: '{squidPre}Waiting 30 seconds for active connections to finish' },
    { label: 'System Notification', text: '{squidPre}Closing HTTP(S) port [::]:3128' },
    { label: 'System Notification', text: '{squidPre}Squid Cache (Version 5.{n}): Exiting normally.' },
    { label: 'System Notification', text: '{squidPre}Reconfiguring Squid Cache (version 5.{n})...', weight: 2 },
    { label: 'System Notification', text: "{squidPre}helperOpenServers: Starting {n}/{count} '{helper}' processes" },
    { label: 'System Notification', text: '{squidPre}Processing Configuration File: /etc/squid/squid.conf (depth 0)' },
    { label: 'System Notification', text: '{squidPre}Created PID file (/run/squid.pid)' },
    { label: 'System Notification', text: '{squidPre}storeDirWriteCleanLogs: Starting...' },
    { label: 'System Notification', text: '{squidPre}  Finished.  Wrote {count} entries.' },
    { label: 'System Notification', text: '{squidPre}  Took {float} seconds ({float} entries/sec).' },
    { label: 'System Notification', text: '{squidPre}Detected REVIVED Parent: {host}' },
    { label: 'Resource Usage', text: '{squidPre}With {count} file descriptors available', weight: 2 },
    { label: 'Resource Usage', text: '{squidPre}Swap maxSize 0 + {count} KB, estimated {count} objects' },
    { label: 'Resource Usage', text: '{squidPre}Target number of buckets: {count}' },
    { label: 'Resource Usage', text: '{squidPre}Using {count} Store buckets' },
    { label: 'Resource Usage', text: '{squidPre}Max Mem  size: {count} KB' },
    { label: 'Resource Usage', text: '{squidPre}Max Swap size: {count} KB' },
    { label: 'Resource Usage', text: '{squidPre}WARNING: All {n}/{n} {helper} processes are busy.', weight: 2 },
    { label: 'Resource Usage', text: '{squidPre}WARNING: {count} pending requests queued' },
    { label: 'Resource Usage', text: '{squidPre}WARNING! Your cache is running out of filedescriptors' },
    { label: 'Error', text: '{squidPre}WARNING: Forwarding loop detected for:', weight: 2 },
    { label: 'Error', text: '{squidPre}TCP connection to {host}/{port} failed', weight: 2 },
    { label: 'Error', text: '{squidPre}Detected DEAD Parent: {host}' },
    { label: 'Error', text: '{squidPre}idnsSendQuery: FD {fd}: sendto: (101) Network is unreachable' },
    { label: 'Error', text: '{squidPre}WARNING: Closing client connection due to lifetime timeout' },
    { label: 'Error', text: "{squidPre}urlParse: Illegal character in hostname '{name}_{name}'" },
    { label: 'Error', text: '{squidPre}WARNING: HTTP: Invalid Response: Bad header encountered from {squidUrl} AKA {site}/' },
    { label: 'Error', text: '{squidPre}ERROR: failure while accepting a TLS connection on {conn} local={ip}:3129 remote={ip}:{port} FD {fd} flags=1: SQUID_TLS_ERR_ACCEPT+TLS_LIB_ERR=A000418+TLS_IO_ERR=1' },
    { label: 'Error', text: '{squidPre}ERROR: Connection to {ip}:{port} failed with: (110) Connection timed out' },
    { label: 'Error', text: "{squidPre}ipcacheAddEntryFromHosts: Bad IP address '{name}'" },
    { label: 'Error', text: '{squidPre}WARNING: swapfile header inconsistent with available data' },
    { label: 'Security Alert', text: '{squidPre}SECURITY ALERT: Host header forgery detected on {conn} local={ip}:80 remote={ip}:{port} FD {fd} flags=33 (local IP does not match any domain IP)', weight: 3 },
    { label: 'Security Alert', text: '{squidPre}SECURITY ALERT: By user agent: {userAgent}' },
    { label: 'Security Alert', text: '{squidPre}SECURITY ALERT: on URL: {site}:443' },
    { label: 'Security Alert', text: '{squidPre}ERROR: negotiating TLS on FD {fd}: error:0A000086:SSL routines::certificate verify failed (1/-1/0)' },
    { label: 'Critical Error', text: '{squidPre}FATAL: Bungled /etc/squid/squid.conf line {small}: http_port 3128 {name}' },
    { label: 'Critical Error', text: '{squidPre}FATAL: Ipc::Mem::Segment::open failed to shm_open(/squid-cf__metadata.shm): (2) No such file or directory' },
    { label: 'Critical Error', text: '{squidPre}Squid Cache (Version 5.{n}): Terminated abnormally.' },
    { label: 'Critical Error', text: '{squidPre}FATAL: The {helper} helpers are crashing too rapidly, need help!' },
    { label: 'Critical Error', text: '{squidPre}FATAL: Received Segment Violation...dying.' },
    { label: 'Critical Error', text: '{squidPre}assertion failed: store.cc:{count}: "EBIT_TEST(flags, ENTRY_SPECIAL)"' },
    { label: 'Critical Error', text: '{squidPre}commBind: Cannot bind socket FD {fd} to [::]:3128: (98) Address already in use' },
    { label: 'Deprecation Warning', text: "{squidPre}ERROR: Directive '{dns_v4_first|log_icap|ignore_expect_100}' is obsolete." },
    { label: 'Deprecation Warning', text: '{squidPre}dns_v4_first : Remove this line. Squid no longer supports preferential treatment of DNS A records.' },
  ],
};

export const HAPROXY: LogFamily = {
  id: 'haproxy',
  group: 'web',
  weight: 1.5,
  program: 'haproxy',
  headers: ['syslog'],
  labelMix: { 'HTTP Status': 55, 'System Notification': 22, Error: 11, 'Critical Error': 4, 'Security Alert': 3, 'Resource Usage': 3, 'Deprecation Warning': 2 },
  slots: { hapDate, timers, conns, fe: frontend, be: backendName, srv: serverName, site },
  templates: [
    { label: 'HTTP Status', text: '{ip}:{port} [{hapDate}] {fe} {be}/{srv} {timers} {httpCode} {bytes} - - ---- {conns} 0/0 "{method} {urlPath} HTTP/1.1"', weight: 14 },
    { label: 'HTTP Status', text: '{ip}:{port} [{hapDate}] {fe} {be}/{srv} {timers} {httpCode} {bytes} - - --VN {conns} 0/0 {{{site}|{userAgent}}} "{method} {urlPath} HTTP/1.1"', weight: 4 },
    { label: 'HTTP Status', text: '{ip}:{port} [{hapDate}] {fe} {be}/{srv} {timers} {httpCode} {bytes} - - ---- {conns} 0/0 "{method} {urlPath} HTTP/2.0"', weight: 3 },
    { label: 'HTTP Status', text: '{ip}:{port} [{hapDate}] {fe} {be}/<NOSRV> 0/-1/-1/-1/{n} 503 216 - - SC-- {conns} 0/0 "GET {urlPath} HTTP/1.1"', weight: 2 },
    { label: 'HTTP Status', text: '{ip}:{port} [{hapDate}] {fe} {be}/{srv} 0/0/0/-1/{count} 504 194 - - sH-- {conns} 0/0 "{method} {urlPath} HTTP/1.1"', weight: 2 },
    { label: 'HTTP Status', text: '{ip}:{port} [{hapDate}] {fe} {be}/{srv} {timers} -1 0 - - CD-- {conns} 0/0 "GET {urlPath} HTTP/1.1"' },
    { label: 'HTTP Status', text: '{ip}:{port} [{hapDate}] {fe} {fe}/<NOSRV> -1/-1/-1/-1/{n} 400 187 - - CR-- {conns} 0/0 "<BADREQ>"', weight: 2 },
    { label: 'HTTP Status', text: '{ip}:{port} [{hapDate}] {fe} {fe}/<NOSRV> 0/-1/-1/-1/0 301 {n} - - LR-- {conns} 0/0 "GET {urlPath} HTTP/1.1"', weight: 2 },
    { label: 'HTTP Status', text: '{ip}:{port} [{hapDate}] stats stats/<STATS> 0/0/0/0/0 200 {bytes} - - LR-- {conns} 0/0 "GET /haproxy?stats HTTP/1.1"' },
    { label: 'HTTP Status', text: '{ip}:{port} [{hapDate}] {fe} {be}/{srv} {timers} {httpCode} {bytes} - - ---- {conns} 0/0 "{method} {site}{urlPath} HTTP/1.1"' },
    { label: 'System Notification', text: '{ip}:{port} [{hapDate}] {fe} {be}/{srv} {n}/{n}/{count} {bytes} -- {conns} 0/0', weight: 4 },
    { label: 'System Notification', text: 'Connect from {ip}:{port} to {ip}:{port} ({fe}/{HTTP|TCP})', weight: 3 },
    { label: 'System Notification', text: 'Proxy {fe} started.', weight: 2 },
    { label: 'System Notification', text: 'Proxy {be} started.' },
    { label: 'System Notification', text: 'Stopping frontend {fe} in 0 ms.' },
    { label: 'System Notification', text: 'Stopping backend {be} in 0 ms.' },
    { label: 'System Notification', text: 'Proxy {fe} stopped (cumulated conns: FE: {count}, BE: {count}).' },
    { label: 'System Notification', text: 'Loading success.' },
    { label: 'System Notification', text: 'Reexecuting Master process' },
    { label: 'System Notification', text: 'New worker ({pid}) forked' },
    { label: 'System Notification', text: 'Former worker ({pid}) exited with code 0 (Exit)' },
    { label: 'System Notification', text: 'Server {be}/{srv} is UP, reason: Layer7 check passed, code: 200, check duration: {n}ms. {n} active and 0 backup servers online. 0 sessions requeued, 0 total in queue.', weight: 3 },
    { label: 'System Notification', text: "Server {be}/{srv} ('{host}') is UP/READY (resolves again)." },
    { label: 'System Notification', text: 'Health check for server {be}/{srv} succeeded, reason: Layer4 check passed, check duration: 0ms, status: 3/3 UP.' },
    { label: 'System Notification', text: 'Server {be}/{srv} is going DOWN for maintenance. {n} active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.' },
    { label: 'System Notification', text: 'Server {be}/{srv} was DOWN and now enters maintenance.' },
    { label: 'System Notification', text: '{be}/{srv} changed its IP from {ip} to {ip} by DNS cache.' },
    { label: 'Error', text: 'Server {be}/{srv} is DOWN, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms. {n} active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.', weight: 4 },
    { label: 'Error', text: 'Server {be}/{srv} is DOWN, reason: Layer7 wrong status, code: 503, info: "Service Unavailable", check duration: {n}ms. {n} active and 0 backup servers left. {n} sessions active, 0 requeued, 0 remaining in queue.', weight: 2 },
    { label: 'Error', text: 'Server {be}/{srv} is DOWN, reason: Layer4 timeout, check duration: 2001ms. {n} active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.', weight: 2 },
    { label: 'Error', text: 'Server {be}/{srv} is DOWN, reason: Socket error, info: "No route to host", check duration: 0ms. {n} active and 0 backup servers left.' },
    { label: 'Error', text: 'Health check for server {be}/{srv} failed, reason: Layer7 timeout, check duration: 2001ms, status: 2/3 UP.', weight: 2 },
    { label: 'Error', text: "{be}/{srv}: could not resolve address '{host}', disabling server." },
    { label: 'Error', text: '[ALERT]    (1) : sendmsg()/writev() failed in logger #1: No such file or directory (errno=2)' },
    { label: 'Critical Error', text: 'backend {be} has no server available!', weight: 4 },
    { label: 'Critical Error', text: 'Starting frontend {fe}: cannot bind socket (Address already in use) [0.0.0.0:{port}]' },
    { label: 'Critical Error', text: "[ALERT]    (1) : config : parsing [/etc/haproxy/haproxy.cfg:{small}] : unknown keyword '{name}' in 'backend' section" },
    { label: 'Critical Error', text: 'Current worker ({pid}) exited with code 139 (Segmentation fault)' },
    { label: 'Security Alert', text: '{ip}:{port} [{hapDate}] {fe} {fe}/<NOSRV> -1/-1/-1/-1/0 403 212 - - PR-- {conns} 0/0 "GET {urlPath} HTTP/1.1"', weight: 3 },
    { label: 'Resource Usage', text: "Proxy {fe} reached process FD limit (maxsock={count}). Please check 'ulimit-n' and restart." },
    { label: 'Resource Usage', text: "Proxy {fe} reached the configured maximum connection limit. Please check the global 'maxconn' value." },
    { label: 'Resource Usage', text: '[WARNING]  (1) : [haproxy.main()] Cannot raise FD limit to {count}, limit is {count}.' },
    { label: 'Deprecation Warning', text: "[WARNING]  (1) : parsing [/etc/haproxy/haproxy.cfg:{small}] : The '{reqrep|reqadd|rspidel}' directive is not supported anymore since HAProxy 2.1. Use 'http-request replace-path' instead." },
    { label: 'Deprecation Warning', text: "[WARNING]  (1) : parsing [/etc/haproxy/haproxy.cfg:{small}] : 'nbproc' is deprecated and will be removed in version 2.5. Please use 'nbthread' instead." },
  ],
};

export const ENVOY: LogFamily = {
  id: 'envoy',
  group: 'web',
  weight: 1.5,
  program: 'envoy',
  labelMix: { 'HTTP Status': 60, 'System Notification': 20, Error: 9, 'Security Alert': 4, 'Critical Error': 2, 'Resource Usage': 3, 'Deprecation Warning': 2 },
  slots: { envoyTime, envoyHdr, envoyFlag, cluster, upstreamAddr, apiPath, xff: (rng) => `${rng.int(1, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`, svc: ['productpage:9080', 'reviews:9080', 'api.example.com', 'frontend', 'grpc-gateway', 'auth.internal'], cn: (rng) => String(rng.int(0, 99999)), line: (rng) => String(rng.int(40, 1200)) },
  templates: [
    { label: 'HTTP Status', text: '[{envoyTime}] "{method} {apiPath} HTTP/1.1" {httpCode} {envoyFlag} {n} {bytes} {ms} {ms} "{xff}" "{userAgent}" "{uuid}" "{svc}" "{upstreamAddr}"', weight: 12 },
    { label: 'HTTP Status', text: '[{envoyTime}] "{method} {urlPath} HTTP/2" {httpCode} - via_upstream - "-" 0 {bytes} {ms} {ms} "{xff}" "{userAgent}" "{uuid}" "{svc}" "{upstreamAddr}" {cluster} {ip}:{port} {ip}:{port} {ip}:{port} - default', weight: 5 },
    { label: 'HTTP Status', text: '[{envoyTime}] "GET {apiPath} HTTP/1.1" 503 UF,URX upstream_reset_before_response_started{{connection_failure}} - "-" 0 91 {ms} - "{xff}" "{userAgent}" "{uuid}" "{svc}" "{upstreamAddr}" {cluster} - {ip}:{port} {ip}:{port} - default', weight: 3 },
    { label: 'HTTP Status', text: '[{envoyTime}] "GET {apiPath} HTTP/1.1" 503 UH no_healthy_upstream - "-" 0 19 0 - "-" "{userAgent}" "{uuid}" "{svc}" "-"', weight: 2 },
    { label: 'HTTP Status', text: '[{envoyTime}] "GET {urlPath} HTTP/1.1" 404 NR route_not_found - "-" 0 0 0 - "-" "{userAgent}" "{uuid}" "{svc}" "-"', weight: 2 },
    { label: 'HTTP Status', text: '[{envoyTime}] "POST {apiPath} HTTP/2" 504 UT response_timeout - "-" {bytes} 24 15000 - "-" "grpc-go/1.59.0" "{uuid}" "{svc}" "{upstreamAddr}"' },
    { label: 'HTTP Status', text: '[{envoyTime}] "POST /{name}.{name}Service/Get HTTP/2" 200 - via_upstream - "-" {bytes} {bytes} {ms} {ms} "-" "grpc-java-netty/1.58.0" "{uuid}" "{svc}" "{upstreamAddr}"', weight: 2 },
    { label: 'HTTP Status', text: '[{envoyTime}] "GET {apiPath} HTTP/1.1" 429 RL request_rate_limited - "-" 0 18 0 - "{xff}" "{userAgent}" "{uuid}" "{svc}" "-"' },
    { label: 'HTTP Status', text: '[{envoyTime}] "- - -" 0 - - - "-" {bytes} {bytes} {count} - "-" "-" "-" "-" "{upstreamAddr}" {cluster} {ip}:{port} {ip}:{port} {ip}:{port} - -', weight: 2 },
    { label: 'HTTP Status', text: '{{"start_time":"{envoyTime}","method":"{method}","path":"{apiPath}","protocol":"HTTP/1.1","response_code":{httpCode},"response_flags":"-","bytes_received":{n},"bytes_sent":{bytes},"duration":{ms},"upstream_host":"{upstreamAddr}","x_forwarded_for":"{xff}","request_id":"{uuid}"}}', weight: 3 },
    { label: 'System Notification', text: '{envoyHdr}[info][main] [source/server/server.cc:{line}] initializing epoch 0 (base id=0, hot restart version=11.104)' },
    { label: 'System Notification', text: '{envoyHdr}[info][main] [source/server/server.cc:{line}] statically linked extensions:' },
    { label: 'System Notification', text: '{envoyHdr}[info][main] [source/server/server.cc:{line}] starting main dispatch loop', weight: 2 },
    { label: 'System Notification', text: '{envoyHdr}[info][upstream] [source/common/upstream/cluster_manager_impl.cc:{line}] cm init: all clusters initialized', weight: 2 },
    { label: 'System Notification', text: '{envoyHdr}[info][config] [source/server/configuration_impl.cc:{line}] loading {n} cluster(s)' },
    { label: 'System Notification', text: '{envoyHdr}[info][config] [source/server/configuration_impl.cc:{line}] loading {n} listener(s)' },
    { label: 'System Notification', text: '{envoyHdr}[info][runtime] [source/common/runtime/runtime_impl.cc:{line}] RTDS has finished initialization' },
    { label: 'System Notification', text: '{envoyHdr}[info][upstream] [source/common/upstream/cds_api_helper.cc:{line}] cds: added/updated {n} cluster(s), skipped {n} unmodified cluster(s)', weight: 2 },
    { label: 'System Notification', text: "{envoyHdr}[info][upstream] [source/extensions/listener_managers/listener_manager/lds_api.cc:{line}] lds: add/update listener '{name}'", weight: 2 },
    { label: 'System Notification', text: '{envoyHdr}[info][main] [source/server/server.cc:{line}] all clusters initialized. initializing init manager' },
    { label: 'System Notification', text: '{envoyHdr}[debug][pool] [source/common/conn_pool/conn_pool_base.cc:{line}] [C{cn}] creating a new connection (connecting=0)', weight: 2 },
    { label: 'System Notification', text: '{envoyHdr}[debug][connection] [source/common/network/connection_impl.cc:{line}] [C{cn}] closing data_to_write=0 type=1', weight: 2 },
    { label: 'System Notification', text: '{envoyHdr}[debug][http] [source/common/http/conn_manager_impl.cc:{line}] [C{cn}][S{int}] request end stream', weight: 2 },
    { label: 'System Notification', text: '{envoyHdr}[info][main] [source/server/drain_manager_impl.cc:{line}] shutting down parent after drain' },
    { label: 'Error', text: '{envoyHdr}[warning][config] [source/common/config/grpc_stream.h:{line}] StreamAggregatedResources gRPC config stream to xds_cluster closed since {count}s ago: 14, upstream connect error or disconnect/reset before headers. reset reason: connection failure', weight: 3 },
    { label: 'Error', text: "{envoyHdr}[warning][config] [source/extensions/config_subscription/grpc/grpc_subscription_impl.cc:{line}] gRPC config for type.apis.example.com/envoy.config.cluster.v3.Cluster rejected: Error adding/updating cluster(s) {cluster}: LOGICAL_DNS clusters must have a single locality_lb_endpoint" },
    { label: 'Error', text: '{envoyHdr}[debug][router] [source/common/router/router.cc:{line}] [C{cn}][S{int}] upstream reset: reset reason: connection failure, transport failure reason: delayed connect error: 111', weight: 2 },
    { label: 'Error', text: '{envoyHdr}[debug][client] [source/common/http/codec_client.cc:{line}] [C{cn}] protocol error: http/1.1 protocol error: HPE_INVALID_METHOD' },
    { label: 'Security Alert', text: '{envoyHdr}[debug][connection] [source/extensions/transport_sockets/tls/ssl_socket.cc:{line}] [C{cn}] remote address:{ip}:{port},TLS_error:|268435581:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:TLS_error_end' },
    { label: 'Security Alert', text: '{envoyHdr}[debug][rbac] [source/extensions/filters/http/rbac/rbac_filter.cc:{line}] enforced denied, matched policy none' },
    { label: 'Security Alert', text: '[{envoyTime}] "GET {apiPath} HTTP/1.1" 403 UAEX ext_authz_denied - "-" 0 0 {n} - "{xff}" "{userAgent}" "{uuid}" "{svc}" "-"', weight: 2 },
    { label: 'Security Alert', text: '{envoyHdr}[debug][jwt] [source/extensions/filters/http/jwt_authn/filter.cc:{line}] Jwt authentication completed with: Jwt is expired' },
    { label: 'Critical Error', text: "{envoyHdr}[critical][main] [source/server/server.cc:{line}] error initializing configuration '/etc/envoy/envoy.yaml': Protobuf message (type envoy.config.bootstrap.v3.Bootstrap reason INVALID_ARGUMENT:static_resources: Cannot find field.) has unknown fields" },
    { label: 'Critical Error', text: '{envoyHdr}[critical][backtrace] [./source/server/backtrace.h:{line}] Caught Segmentation fault, suspect faulting address 0x0' },
    { label: 'Critical Error', text: "{envoyHdr}[critical][main] [source/server/server.cc:{line}] error initializing config: cannot bind '0.0.0.0:{port}': Address already in use" },
    { label: 'Resource Usage', text: '{envoyHdr}[warning][main] [source/server/server.cc:{line}] there is no configured limit to the number of allowed active connections. Set a limit via the runtime key overload.global_downstream_max_connections' },
    { label: 'Resource Usage', text: '{envoyHdr}[info][main] [source/server/overload_manager_impl.cc:{line}] Overload action envoy.overload_actions.{stop_accepting_requests|shrink_heap|disable_http_keepalive} became active' },
    { label: 'Deprecation Warning', text: "{envoyHdr}[warning][misc] [source/common/protobuf/message_validator_impl.cc:{line}] Deprecated field: type envoy.config.route.v3.RouteAction Using deprecated option 'envoy.config.route.v3.RouteAction.include_vh_rate_limits' from file route_components.proto. This configuration will be removed from Envoy soon. Please see https://www.envoyproxy.io/docs/envoy/latest/version_history/version_history for details. If continued use of this field is absolutely necessary, see https://www.envoyproxy.io/docs/envoy/latest/configuration/operations/runtime#using-runtime-overrides-for-deprecated-features for how to apply a temporary and highly discouraged override." },
    { label: 'Deprecation Warning', text: "{envoyHdr}[warning][misc] [source/common/protobuf/message_validator_impl.cc:{line}] Deprecated field: type envoy.config.core.v3.HealthCheck Using deprecated option 'envoy.config.core.v3.HealthCheck.HttpHealthCheck.use_http2' from file health_check.proto." },
  ],
};

export const PROXY_CLIENT: LogFamily = {
  id: 'desktop-proxy-client',
  group: 'network',
  weight: 1.2,
  program: 'proxifier',
  labelMix: { 'System Notification': 79, Error: 17, 'Security Alert': 4 },
  slots: { pxStamp, appExe, target, dport, proxyHost, proxyPort, lifetime, humanBytes, winsockErr, site, pproto: ['HTTPS', 'HTTPS', 'SOCKS5', 'SOCKS4'], bits: ['', '', ' *64'] },
  templates: [
    { label: 'System Notification', text: '{pxStamp}{appExe}{bits} - {target}:{dport} open through proxy {proxyHost}:{proxyPort} {pproto}', weight: 14 },
    { label: 'System Notification', text: '{pxStamp}{appExe}{bits} - {target}:{dport} close, {bytes} bytes sent, {bytes} bytes received, lifetime {lifetime}', weight: 14 },
    { label: 'System Notification', text: '{pxStamp}{appExe}{bits} - {target}:{dport} close, {bytes} bytes ({humanBytes}) sent, {bytes} bytes ({humanBytes}) received, lifetime {lifetime}', weight: 5 },
    { label: 'System Notification', text: '{pxStamp}{appExe} - {target}:{dport} close, 0 bytes sent, 0 bytes received, lifetime <1 sec', weight: 2 },
    { label: 'System Notification', text: '{pxStamp}{appExe} - {target}:{dport} matching {Default|Corporate|Browsers|Work} rule : using proxy {proxyHost}:{proxyPort}', weight: 2 },
    { label: 'System Notification', text: '{pxStamp}{appExe} - {target}:{dport} matching Localhost rule : direct connection' },
    { label: 'System Notification', text: '{pxStamp}{appExe} - {target}:{dport} open directly', weight: 2 },
    { label: 'System Notification', text: '{pxStamp}{appExe} - {site} resolved through proxy {proxyHost}:{proxyPort}', weight: 2 },
    { label: 'System Notification', text: '{pxStamp}{appExe} - DNS request for {site} sent through proxy {proxyHost}:{proxyPort}' },
    { label: 'System Notification', text: '{pxStamp}{appExe} - {site} resolved locally to {ip}' },
    { label: 'System Notification', text: '{pxStamp}Welcome to Proxifier v4.{small}' },
    { label: 'System Notification', text: '{pxStamp}{appExe} - {target}:{dport} open through proxy chain {proxyHost}:{proxyPort} {pproto} -> {proxyHost}:{proxyPort} {pproto}' },
    { label: 'System Notification', text: '{pxStamp}{appExe} - {site} is resolved to a fake address {ip}, the name will be resolved by the proxy' },
    { label: 'Error', text: '{pxStamp}{appExe} - {target}:{dport} error : Could not connect through proxy {proxyHost}:{proxyPort} - connection to the target timed out' },
    { label: 'System Notification', text: '{pxStamp}Profile {name}.ppx loaded' },
    { label: 'System Notification', text: '{pxStamp}Proxy checker: test for {proxyHost}:{proxyPort} passed' },
    { label: 'System Notification', text: '{pxStamp}Name resolution through proxy enabled' },
    { label: 'Error', text: '{pxStamp}{appExe} - {target}:{dport} error : Could not connect to proxy {proxyHost}:{proxyPort} - connection attempt failed with error {winsockErr}', weight: 5 },
    { label: 'Error', text: '{pxStamp}{appExe} - {target}:{dport} error : Could not connect through proxy {proxyHost}:{proxyPort} - Proxy server cannot establish a connection with the target, status code {502|503|504}', weight: 3 },
    { label: 'Error', text: '{pxStamp}{appExe} - {target}:{dport} error : A connection request was canceled before the completion.', weight: 2 },
    { label: 'Error', text: '{pxStamp}{appExe} - {target}:{dport} error : Could not connect through proxy {proxyHost}:{proxyPort} - Proxy closed the connection unexpectedly.', weight: 2 },
    { label: 'Error', text: '{pxStamp}{appExe} - {target}:{dport} error : Could not resolve {proxyHost} error {11001|11004}' },
    { label: 'Error', text: '{pxStamp}{appExe} - {site} DNS request timeout through proxy {proxyHost}:{proxyPort}' },
    { label: 'Error', text: '{pxStamp}{appExe} - {target}:{dport} error : Connection timed out while reading proxy response' },
    { label: 'Security Alert', text: '{pxStamp}{appExe} - {target}:{dport} error : Could not connect through proxy {proxyHost}:{proxyPort} - Proxy server requires authentication (status 407)', weight: 2 },
    { label: 'Security Alert', text: '{pxStamp}{appExe} - {target}:{dport} error : Could not connect through proxy {proxyHost}:{proxyPort} - Proxy authentication failed.' },
    { label: 'Security Alert', text: '{pxStamp}{appExe} - {target}:{dport} error : Proxy server refused the connection: access denied by rule (status 403)' },
  ],
};

export const OPENVPN: LogFamily = {
  id: 'openvpn',
  group: 'network',
  weight: 1,
  program: ['openvpn', 'ovpn-server', 'ovpn-client'],
  headers: ['syslog'],
  labelMix: { 'System Notification': 56, 'User Action': 10, 'Security Alert': 12, Error: 14, 'Critical Error': 3, 'Resource Usage': 2, 'Deprecation Warning': 3 },
  slots: { cn: vpnCn, subnetMask, sid: (rng) => `${hex(rng, 8)} ${hex(rng, 8)}`, vip: (rng) => `10.8.${rng.int(0, 3)}.${rng.int(2, 254)}` },
  templates: [
    { label: 'System Notification', text: 'OpenVPN 2.6.{small} x86_64-pc-linux-gnu [SSL (OpenSSL)] [LZO] [LZ4] [EPOLL] [PKCS11] [MH/PKTINFO] [AEAD] [DCO]' },
    { label: 'System Notification', text: 'library versions: OpenSSL 3.0.{small} 15 Mar 2022, LZO 2.10' },
    { label: 'System Notification', text: 'TUN/TAP device tun{small} opened' },
    { label: 'System Notification', text: 'net_addr_v4_add: 10.8.0.1/24 dev tun0' },
    { label: 'System Notification', text: '/sbin/ip route add {ip}/24 via {ip}', weight: 2 },
    { label: 'System Notification', text: 'net_route_v4_add: {ip}/32 via {ip} dev [NULL] table 0 metric -1', weight: 2 },
    { label: 'System Notification', text: 'UDPv4 link local (bound): [AF_INET][undef]:1194' },
    { label: 'System Notification', text: 'UDPv4 link remote: [AF_INET]{ip}:1194' },
    { label: 'System Notification', text: 'Initialization Sequence Completed', weight: 3 },
    { label: 'System Notification', text: 'MULTI: multi_init called, r=256 v=256' },
    { label: 'System Notification', text: '{cn}/{ip}:{port} TLS: Initial packet from [AF_INET]{ip}:{port}, sid={sid}', weight: 3 },
    { label: 'System Notification', text: '{ip}:{port} TLS: Initial packet from [AF_INET]{ip}:{port}, sid={sid}', weight: 2 },
    { label: 'System Notification', text: '{ip}:{port} VERIFY OK: depth=1, CN=Easy-RSA CA', weight: 2 },
    { label: 'System Notification', text: '{ip}:{port} VERIFY OK: depth=0, CN={cn}', weight: 2 },
    { label: 'System Notification', text: '{ip}:{port} Control Channel: TLSv1.3, cipher TLSv1.3 TLS_AES_256_GCM_SHA384, peer certificate: 2048 bit RSA, signature: RSA-SHA256', weight: 2 },
    { label: 'System Notification', text: '{cn}/{ip}:{port} MULTI: Learn: {vip} -> {cn}/{ip}:{port}', weight: 2 },
    { label: 'System Notification', text: '{cn}/{ip}:{port} MULTI_sva: pool returned IPv4={vip}, IPv6=(Not enabled)', weight: 2 },
    { label: 'System Notification', text: "{cn}/{ip}:{port} SENT CONTROL [{cn}]: 'PUSH_REPLY,route {subnetMask},dhcp-option DNS {ip},route-gateway 10.8.0.1,topology subnet,ping 10,ping-restart 120,ifconfig {vip} 255.255.255.0,peer-id {small},cipher AES-256-GCM' (status=1)", weight: 2 },
    { label: 'System Notification', text: "{cn}/{ip}:{port} PUSH: Received control message: 'PUSH_REQUEST'", weight: 2 },
    { label: 'System Notification', text: "{cn}/{ip}:{port} Data Channel: using negotiated cipher 'AES-256-GCM'" },
    { label: 'System Notification', text: "{cn}/{ip}:{port} Outgoing Data Channel: Cipher 'AES-256-GCM' initialized with 256 bit key" },
    { label: 'System Notification', text: '{cn}/{ip}:{port} SIGTERM[soft,remote-exit] received, client-instance exiting', weight: 2 },
    { label: 'System Notification', text: 'SIGUSR1[soft,ping-restart] received, process restarting' },
    { label: 'System Notification', text: 'Restart pause, {n} second(s)' },
    { label: 'System Notification', text: 'event_wait : Interrupted system call (code=4)' },
    { label: 'System Notification', text: 'Closing TUN/TAP interface' },
    { label: 'System Notification', text: 'WARNING: this configuration may cache passwords in memory -- use the auth-nocache option to prevent this' },
    { label: 'System Notification', text: "{ip}:{port} TLS: Username/Password authentication deferred for username '{user}'" },
    { label: 'System Notification', text: 'MANAGEMENT: Client connected from [AF_INET]127.0.0.1:7505' },
    { label: 'System Notification', text: '{cn}/{ip}:{port} Delayed exit in 5 seconds' },
    { label: 'User Action', text: '{ip}:{port} [{cn}] Peer Connection Initiated with [AF_INET]{ip}:{port}', weight: 5 },
    { label: 'User Action', text: "{cn}/{ip}:{port} TLS: Username/Password authentication succeeded for username '{user}'", weight: 3 },
    { label: 'User Action', text: "MANAGEMENT: CMD 'kill {cn}'" },
    { label: 'Security Alert', text: '{cn}/{ip}:{port} TLS Auth Error: Auth Username/Password verification failed for peer', weight: 4 },
    { label: 'Security Alert', text: '{ip}:{port} VERIFY ERROR: depth=0, error=certificate has expired: CN={cn}, serial={count}', weight: 2 },
    { label: 'Security Alert', text: '{ip}:{port} VERIFY ERROR: depth=0, error=certificate revoked: CN={cn}, serial={count}' },
    { label: 'Security Alert', text: '{ip}:{port} TLS Error: tls-crypt unwrapping failed from [AF_INET]{ip}:{port}' },
    { label: 'Security Alert', text: 'Authenticate/Decrypt packet error: packet HMAC authentication failed', weight: 2 },
    { label: 'Security Alert', text: 'TLS Error: cannot locate HMAC in incoming packet from [AF_INET]{ip}:{port}', weight: 2 },
    { label: 'Security Alert', text: 'AUTH: Received control message: AUTH_FAILED', weight: 2 },
    { label: 'Security Alert', text: '{ip}:{port} WARNING: Bad encapsulated packet length from peer ({count}), which must be > 0 and <= 1627 -- please ensure that --tun-mtu or --link-mtu is equal on both peers -- this condition could also indicate a possible active attack on the TCP link -- [Attempting restart...]' },
    { label: 'Error', text: '{ip}:{port} TLS Error: TLS key negotiation failed to occur within 60 seconds (check your network connectivity)', weight: 3 },
    { label: 'Error', text: '{ip}:{port} TLS Error: TLS handshake failed', weight: 3 },
    { label: 'Error', text: '{cn}/{ip}:{port} Inactivity timeout (--ping-restart), restarting', weight: 2 },
    { label: 'Error', text: '[{fqdn}] Inactivity timeout (--ping-restart), restarting' },
    { label: 'Error', text: '{cn}/{ip}:{port} Connection reset, restarting [0]' },
    { label: 'Error', text: '{cn}/{ip}:{port} SIGUSR1[soft,tls-error] received, client-instance restarting' },
    { label: 'Error', text: 'RESOLVE: Cannot resolve host address: {fqdn}:1194 (Name or service not known)' },
    { label: 'Error', text: 'write UDPv4: Network is unreachable (code=101)' },
    { label: 'Error', text: 'read UDPv4 [ECONNREFUSED]: Connection refused (code=111)' },
    { label: 'Error', text: '{cn}/{ip}:{port} MULTI: bad source address from client [{ip}], packet dropped' },
    { label: 'Error', text: 'ERROR: Linux route add command failed: external program exited with error status: 2' },
    { label: 'Error', text: '{ip}:{port} TLS_ERROR: BIO read tls_read_plaintext error' },
    { label: 'Critical Error', text: 'Exiting due to fatal error', weight: 2 },
    { label: 'Critical Error', text: 'Cannot open TUN/TAP dev /dev/net/tun: No such file or directory (errno=2)' },
    { label: 'Critical Error', text: 'TCP/UDP: Socket bind failed on local address [AF_INET][undef]:1194: Address already in use (errno=98)' },
    { label: 'Critical Error', text: "Options error: --ca fails with '/etc/openvpn/server/ca.crt': No such file or directory (errno=2)" },
    { label: 'Resource Usage', text: 'IFCONFIG POOL IPv4: base=10.8.0.2 size={count}' },
    { label: 'Resource Usage', text: 'MULTI: new incoming connection would exceed maximum number of clients ({count})' },
    { label: 'Deprecation Warning', text: "DEPRECATED OPTION: --cipher set to 'AES-256-CBC' but missing in --data-ciphers (AES-256-GCM:AES-128-GCM:CHACHA20-POLY1305). OpenVPN ignores --cipher for cipher negotiations." },
    { label: 'Deprecation Warning', text: 'WARNING: --topology net30 support for server configs with IPv4 pools will be removed in a future release. Please migrate to --topology subnet as soon as possible.' },
    { label: 'Deprecation Warning', text: "WARNING: Compression for receiving enabled. Compression has been used in the past to break encryption. Compression support is deprecated and we recommend to disable it completely." },
  ],
};

export const STRONGSWAN: LogFamily = {
  id: 'strongswan-charon',
  group: 'network',
  weight: 0.8,
  program: ['charon', 'charon-systemd'],
  headers: ['syslog'],
  labelMix: { 'System Notification': 62, Error: 15, 'Security Alert': 12, 'User Action': 5, 'Critical Error': 3, 'Deprecation Warning': 2 },
  slots: { th: thread, conn, ikeId, spi, ts: (rng) => rng.pick([`10.${rng.int(0, 255)}.0.0/16`, `192.168.${rng.int(0, 255)}.0/24`, `172.${rng.int(16, 31)}.${rng.int(0, 255)}.0/24`, '0.0.0.0/0']), proposal: ['IKE:AES_CBC_256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048', 'IKE:AES_GCM_16_256/PRF_HMAC_SHA2_384/ECP_384', 'ESP:AES_GCM_16_256/NO_EXT_SEQ', 'IKE:AES_CBC_128/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_1024'] },
  templates: [
    { label: 'System Notification', text: '{th}[NET] received packet: from {ip}[500] to {ip}[500] ({count} bytes)', weight: 4 },
    { label: 'System Notification', text: '{th}[NET] sending packet: from {ip}[4500] to {ip}[4500] ({count} bytes)', weight: 4 },
    { label: 'System Notification', text: '{th}[ENC] parsed IKE_SA_INIT request 0 [ SA KE No N(NATD_S_IP) N(NATD_D_IP) N(FRAG_SUP) N(HASH_ALG) N(REDIR_SUP) ]', weight: 2 },
    { label: 'System Notification', text: '{th}[ENC] generating IKE_SA_INIT response 0 [ SA KE No N(NATD_S_IP) N(NATD_D_IP) CERTREQ N(FRAG_SUP) N(HASH_ALG) N(CHDLESS_SUP) N(MULT_AUTH) ]' },
    { label: 'System Notification', text: '{th}[ENC] parsed INFORMATIONAL request {n} [ ]' },
    { label: 'System Notification', text: '{th}[IKE] {ip} is initiating an IKE_SA', weight: 2 },
    { label: 'System Notification', text: '{th}[IKE] initiating IKE_SA {conn}[{n}] to {ip}' },
    { label: 'System Notification', text: '{th}[CFG] selected proposal: {proposal}', weight: 2 },
    { label: 'System Notification', text: '{th}[CFG] looking for peer configs matching {ip}[{ikeId}]...{ip}[{ikeId}]' },
    { label: 'System Notification', text: "{th}[CFG] selected peer config '{conn}'" },
    { label: 'System Notification', text: "{th}[IKE] authentication of '{ikeId}' with pre-shared key successful", weight: 2 },
    { label: 'System Notification', text: "{th}[IKE] authentication of '{ikeId}' (myself) with RSA_EMSA_PKCS1_SHA2_256 successful" },
    { label: 'System Notification', text: '{th}[IKE] IKE_SA {conn}[{n}] established between {ip}[{ikeId}]...{ip}[{ikeId}]', weight: 4 },
    { label: 'System Notification', text: '{th}[IKE] CHILD_SA {conn}{{{n}}} established with SPIs {spi}_i {spi}_o and TS {ts} === {ts}', weight: 4 },
    { label: 'System Notification', text: '{th}[IKE] scheduling reauthentication in {count}s' },
    { label: 'System Notification', text: '{th}[IKE] maximum IKE_SA lifetime {count}s' },
    { label: 'System Notification', text: '{th}[IKE] reauthenticating IKE_SA {conn}[{n}]' },
    { label: 'System Notification', text: '{th}[IKE] closing CHILD_SA {conn}{{{n}}} with SPIs {spi}_i ({bytes} bytes) {spi}_o ({bytes} bytes) and TS {ts} === {ts}' },
    { label: 'System Notification', text: '{th}[IKE] deleting IKE_SA {conn}[{n}] between {ip}[{ikeId}]...{ip}[{ikeId}]', weight: 2 },
    { label: 'System Notification', text: '{th}[IKE] IKE_SA deleted' },
    { label: 'System Notification', text: '{th}[IKE] received DELETE for IKE_SA {conn}[{n}]' },
    { label: 'System Notification', text: '{th}[IKE] sending DPD request', weight: 2 },
    { label: 'System Notification', text: '{th}[IKE] local host is behind NAT, sending keep alives' },
    { label: 'System Notification', text: '{th}[IKE] remote host is behind NAT' },
    { label: 'System Notification', text: '{th}[IKE] peer requested virtual IP %any' },
    { label: 'System Notification', text: "{th}[IKE] assigning virtual IP 10.10.{n}.{small} to peer '{ikeId}'" },
    { label: 'System Notification', text: '{th}[DMN] Starting IKE charon daemon (strongSwan 5.9.{small}, Linux {version}-generic, x86_64)' },
    { label: 'System Notification', text: '{th}[LIB] loaded plugins: charon aesni aes rc2 sha2 sha1 md5 mgf1 random nonce x509 revocation constraints pubkey pkcs1 pkcs7 pkcs8 pkcs12 pgp dnskey sshkey pem openssl fips-prf gmp agent xcbc hmac gcm drbg attr kernel-netlink resolve socket-default connmark stroke updown eap-mschapv2 xauth-generic counters' },
    { label: 'System Notification', text: '{th}[CFG] loaded IKE secret for %any' },
    { label: 'System Notification', text: "{th}[CFG] added configuration '{conn}'" },
    { label: 'System Notification', text: '{th}[JOB] spawning 16 worker threads' },
    { label: 'System Notification', text: '{th}[CFG] received proposals: {proposal}' },
    { label: 'System Notification', text: '{th}[IKE] peer supports MOBIKE' },
    { label: 'System Notification', text: '{th}[IKE] EAP method EAP_MSCHAPV2 succeeded, MSK established' },
    { label: 'User Action', text: "{th}[IKE] authentication of '{user}' with EAP successful", weight: 3 },
    { label: 'Security Alert', text: '{th}[IKE] received AUTHENTICATION_FAILED notify error', weight: 4 },
    { label: 'Security Alert', text: "{th}[IKE] tried {n} shared key for '{ikeId}' - '{ikeId}', but MAC mismatched", weight: 3 },
    { label: 'Security Alert', text: "{th}[IKE] EAP method EAP_MSCHAPV2 failed for peer '{user}'", weight: 2 },
    { label: 'Security Alert', text: '{th}[CFG] no matching peer config found', weight: 2 },
    { label: 'Security Alert', text: '{th}[ENC] generating IKE_AUTH response 1 [ N(AUTH_FAILED) ]' },
    { label: 'Security Alert', text: '{th}[CFG] certificate was revoked on {date}, reason: key compromise' },
    { label: 'Security Alert', text: '{th}[CFG] no issuer certificate found for "CN={ikeId}"' },
    { label: 'Security Alert', text: "{th}[IKE] constraint check failed: peer not authenticated by CA 'CN=VPN Root CA'" },
    { label: 'Error', text: '{th}[IKE] giving up after {n} retransmits', weight: 3 },
    { label: 'Error', text: '{th}[IKE] retransmit {n} of request with message ID {n}', weight: 2 },
    { label: 'Error', text: '{th}[IKE] no IKE config found for {ip}...{ip}, sending NO_PROPOSAL_CHOSEN', weight: 2 },
    { label: 'Error', text: '{th}[IKE] received NO_PROPOSAL_CHOSEN notify error' },
    { label: 'Error', text: '{th}[IKE] no acceptable proposal found' },
    { label: 'Error', text: '{th}[IKE] received TS_UNACCEPTABLE notify, no CHILD_SA built' },
    { label: 'Error', text: '{th}[IKE] failed to establish CHILD_SA, keeping IKE_SA' },
    { label: 'Error', text: '{th}[KNL] unable to install source route for {ip}' },
    { label: 'Error', text: '{th}[NET] error writing to socket: Network is unreachable' },
    { label: 'Error', text: '{th}[KNL] received netlink error: Invalid argument (22)' },
    { label: 'Error', text: '{th}[IKE] unable to resolve %any, initiate aborted' },
    { label: 'Error', text: "{th}[CFG] pool '{conn}-pool' is full, unable to assign address" },
    { label: 'Critical Error', text: '{th}[NET] unable to bind socket: Address already in use' },
    { label: 'Critical Error', text: 'charon has died -- restart {n}' },
    { label: 'Critical Error', text: '{th}[LIB] integrity check of libstrongswan failed' },
    { label: 'Deprecation Warning', text: "# deprecated keyword '{pfs|pfsgroup|keyingtries}' in conn '{conn}'" },
  ],
};

export const WIREGUARD: LogFamily = {
  id: 'wireguard',
  group: 'network',
  weight: 0.6,
  program: ['kernel', 'wg-quick'],
  headers: ['syslog'],
  labelMix: { 'System Notification': 70, Error: 17, 'Security Alert': 8, 'Resource Usage': 2, 'Critical Error': 3 },
  slots: { wg: wgIf },
  templates: [
    { label: 'System Notification', text: 'wireguard: WireGuard 1.0.0 loaded. See www.wireguard.com for information.' },
    { label: 'System Notification', text: 'wireguard: Copyright (C) 2015-2019 Jason A. Donenfeld <Jason@zx2c4.com>. All Rights Reserved.' },
    { label: 'System Notification', text: 'wireguard: {wg}: Interface created' },
    { label: 'System Notification', text: 'wireguard: {wg}: Interface destroyed' },
    { label: 'System Notification', text: 'wireguard: {wg}: Peer {n} created' },
    { label: 'System Notification', text: 'wireguard: {wg}: Peer {n} ({ip}:{port}) destroyed' },
    { label: 'System Notification', text: 'wireguard: {wg}: Sending handshake initiation to peer {n} ({ip}:{port})', weight: 4 },
    { label: 'System Notification', text: 'wireguard: {wg}: Receiving handshake response from peer {n} ({ip}:{port})', weight: 3 },
    { label: 'System Notification', text: 'wireguard: {wg}: Receiving handshake initiation from peer {n} ({ip}:{port})', weight: 2 },
    { label: 'System Notification', text: 'wireguard: {wg}: Sending handshake response to peer {n} ({ip}:{port})', weight: 2 },
    { label: 'System Notification', text: 'wireguard: {wg}: Keypair {count} created for peer {n}', weight: 2 },
    { label: 'System Notification', text: 'wireguard: {wg}: Keypair {count} destroyed for peer {n}' },
    { label: 'System Notification', text: 'wireguard: {wg}: Sending keepalive packet to peer {n} ({ip}:{port})', weight: 3 },
    { label: 'System Notification', text: 'wireguard: {wg}: Receiving keepalive packet from peer {n} ({ip}:{port})', weight: 3 },
    { label: 'System Notification', text: "wireguard: {wg}: Zeroing out all keys for peer {n} ({ip}:{port}), since we haven't received a new one in 540 seconds" },
    { label: 'System Notification', text: 'wireguard: {wg}: Receiving cookie response from {ip}:{port}' },
    { label: 'System Notification', text: '[#] ip link add {wg} type wireguard', weight: 2 },
    { label: 'System Notification', text: '[#] wg setconf {wg} /dev/fd/63' },
    { label: 'System Notification', text: '[#] ip -4 address add 10.{small}.0.{n}/24 dev {wg}' },
    { label: 'System Notification', text: '[#] ip link set mtu 1420 up dev {wg}' },
    { label: 'System Notification', text: '[#] resolvconf -a {wg} -m 0 -x' },
    { label: 'System Notification', text: '[#] ip link delete dev {wg}' },
    { label: 'System Notification', text: '[#] iptables -A FORWARD -i {wg} -j ACCEPT; iptables -t nat -A POSTROUTING -o {iface} -j MASQUERADE' },
    { label: 'System Notification', text: '[#] wg set {wg} fwmark 51820' },
    { label: 'Error', text: 'wireguard: {wg}: Handshake for peer {n} ({ip}:{port}) did not complete after 5 seconds, retrying (try {n})', weight: 4 },
    { label: 'Error', text: 'wireguard: {wg}: Handshake for peer {n} ({ip}:{port}) did not complete after 20 attempts, giving up', weight: 2 },
    { label: 'Error', text: 'wireguard: {wg}: Retrying handshake with peer {n} ({ip}:{port}) because we stopped hearing back after 15 seconds', weight: 2 },
    { label: 'Error', text: 'wireguard: {wg}: Packet is neither ipv4 nor ipv6 from peer {n} ({ip}:{port})' },
    { label: 'Error', text: 'wireguard: {wg}: Packet has incorrect size from peer {n} ({ip}:{port})' },
    { label: 'Error', text: 'wireguard: {wg}: No peer has allowed IPs matching {ip}' },
    { label: 'Error', text: "wg-quick: `{wg}' already exists" },
    { label: 'Error', text: "Name or service not known: `{fqdn}:51820'" },
    { label: 'Error', text: 'Configuration parsing error' },
    { label: 'Security Alert', text: 'wireguard: {wg}: Invalid handshake initiation from {ip}:{port}', weight: 3 },
    { label: 'Security Alert', text: 'wireguard: {wg}: Invalid handshake response from {ip}:{port}' },
    { label: 'Security Alert', text: 'wireguard: {wg}: Packet has unallowed src IP ({ip}) from peer {n} ({ip}:{port})', weight: 2 },
    { label: 'Security Alert', text: 'wireguard: {wg}: Invalid MAC of handshake, dropping packet from {ip}:{port}' },
    { label: 'Resource Usage', text: 'wireguard: {wg}: Sending cookie response for denied handshake message for {ip}:{port}' },
    { label: 'Critical Error', text: 'wireguard: {wg}: Could not create IPv4 socket' },
    { label: 'Critical Error', text: 'Unable to access interface: Protocol not supported' },
  ],
};
