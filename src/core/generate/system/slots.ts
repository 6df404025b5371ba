/**
 * The shared vocabulary of system-log slots: addresses, ids, names, sizes and times in the shapes
 * real software prints them. Values are varied on purpose – host and user names are words the
 * masking keeps, so the model must see many of them to learn that they carry no label.
 */
import type { Rng } from '../random.ts';
import type { SlotSpec, SystemSlot } from './family.ts';

const hex = (rng: Rng, length: number): string => {
  let out = '';
  for (let i = 0; i < length; i++) out += '0123456789abcdef'[rng.int(0, 15)];
  return out;
};
const pad = (value: number, width: number): string => String(value).padStart(width, '0');
const skewed = (rng: Rng, mean: number): number => Math.floor(-Math.log(1 - rng.next()) * mean);
const letters = (rng: Rng, min: number, max: number): string => {
  let out = '';
  const length = rng.int(min, max);
  for (let i = 0; i < length; i++) out += 'abcdefghijklmnopqrstuvwxyz'[rng.int(0, 25)];
  return out;
};

export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
/**
 * Web sites users and programs reach, in the domains reserved for examples (RFC 2606, RFC 6761) and
 * private names: the generated lines read like real traffic without the app's code naming any
 * real remote host.
 */
export const PUBLIC_SITES = ['www.example.com', 'login.example.com', 'mail.example.org', 'api.example.net', 'cdn.example.net', 'updates.example.com', 'mirror.example.org', 'registry.example.org', 'packages.example.net', 'chat.example.com', 'meet.example.net', 'wiki.example.org', 'news.example.net', 'intranet.corp.local', 'files.example.com', 'shop.example.net', 'status.example.org', 'git.example.com', 'app.internal.test', 'portal.campus.example'];
/** The domains of those sites and of the services devices call home to. */
export const PUBLIC_DOMAINS = ['example.com', 'example.net', 'example.org', 'cdn.example', 'updates.example', 'telemetry.example', 'cloud.example', 'ads.example'];

const FIRST_NAMES = [
  'alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'mallory', 'oscar', 'peggy', 'trent',
  'victor', 'walter', 'maria', 'jose', 'wei', 'li', 'ahmed', 'fatima', 'olga', 'sven', 'kenji', 'yuki', 'priya', 'rahul',
  'tomas', 'anna', 'lucas', 'emma', 'noah', 'mia', 'jsmith', 'mjones', 'kwilson', 'dbrown', 'admin', 'root', 'operator',
];
const SERVICE_ACCOUNTS = ['www-data', 'nobody', 'postgres', 'mysql', 'nginx', 'apache', 'jenkins', 'git', 'hdfs', 'yarn', 'oracle', 'backup', 'deploy', 'ubuntu', 'ec2-user', 'centos', 'svc_app', 'daemon'];
const PROBE_USERS = ['test', 'guest', 'admin', 'user', 'support', 'oracle', 'ftpuser', 'pi', 'ubnt', 'postgres', 'tomcat', 'git', 'webmaster', 'info', 'sales', 'mysql', 'nagios', 'hadoop', 'default', 'administrator', 'usuario', 'test1', 'master'];
const HOST_STEMS = ['web', 'app', 'db', 'node', 'srv', 'worker', 'cache', 'proxy', 'lb', 'mail', 'ns', 'build', 'gpu', 'compute', 'storage', 'edge', 'kafka', 'zk', 'dn', 'nn', 'es', 'k8s-node', 'ip', 'host', 'vm', 'ctl', 'mon'];
const HOST_WORDS = ['atlas', 'orion', 'zeus', 'hermes', 'apollo', 'titan', 'nova', 'vega', 'lyra', 'draco', 'kepler', 'sirius', 'phoenix', 'falcon', 'raven', 'cedar', 'maple', 'birch', 'willow', 'aspen', 'combo', 'bastion', 'jumpbox', 'localhost', 'gateway', 'fw1', 'core-sw'];
const DOMAINS = ['example.com', 'corp.local', 'internal', 'prod.example.net', 'lab.local', 'cluster.local', 'eu-west-1.compute.internal', 'ec2.internal', 'dc1.acme.org', 'home.arpa', 'campus.edu'];
const TLDS = ['com', 'net', 'org', 'io', 'de', 'cn', 'ru', 'br', 'fr', 'co.uk', 'jp', 'in'];
const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'main', 'default', 'primary', 'backup', 'blue', 'green', 'red', 'east', 'west', 'north', 'south', 'core', 'edge', 'batch', 'stream', 'public', 'private', 'shared', 'local', 'remote', 'legacy', 'staging', 'prod', 'dev', 'qa', 'canary'];
const DIRS = ['/var/log', '/var/lib', '/etc', '/usr/lib', '/usr/local/bin', '/opt', '/srv/data', '/home', '/tmp', '/var/cache', '/data/disk1', '/mnt/nfs', '/run', '/var/spool', '/usr/share'];
const FILE_EXTS = ['log', 'conf', 'so', 'jar', 'db', 'json', 'xml', 'yaml', 'pid', 'sock', 'tmp', 'gz', 'dat', 'bin', 'ini', 'properties', 'pem', 'key'];
const FILE_STEMS = ['server', 'app', 'config', 'index', 'data', 'messages', 'access', 'error', 'cache', 'session', 'state', 'module', 'lib', 'core', 'journal', 'manifest', 'settings', 'cert', 'part', 'segment'];
const JAVA_PACKAGES = ['org.apache', 'com.example', 'io.netty', 'org.springframework', 'com.google', 'org.eclipse.jetty', 'org.hibernate', 'io.grpc', 'com.fasterxml.jackson', 'net.sf', 'com.acme.platform'];
const JAVA_CLASS_WORDS = ['Server', 'Client', 'Handler', 'Manager', 'Service', 'Worker', 'Dispatcher', 'Scheduler', 'Connection', 'Session', 'Reader', 'Writer', 'Processor', 'Controller', 'Factory', 'Executor', 'Listener', 'Monitor', 'Coordinator', 'Registry', 'Store', 'Cache', 'Pool', 'Channel', 'Node', 'Leader', 'Follower', 'Replica', 'Protocol', 'Tracker', 'Allocator', 'Container', 'Context', 'Router'];
const EXCEPTIONS = [
  'java.io.IOException', 'java.net.SocketTimeoutException', 'java.net.ConnectException', 'java.lang.NullPointerException',
  'java.lang.IllegalStateException', 'java.lang.IllegalArgumentException', 'java.util.concurrent.TimeoutException',
  'java.io.EOFException', 'java.nio.channels.ClosedChannelException', 'java.lang.InterruptedException',
  'java.net.UnknownHostException', 'java.io.FileNotFoundException', 'org.apache.thrift.TException', 'java.sql.SQLException',
  'java.lang.ClassCastException', 'java.lang.NumberFormatException', 'java.net.NoRouteToHostException', 'java.lang.RuntimeException',
];
const ERRNO_TEXTS = [
  'Connection refused', 'Connection reset by peer', 'No such file or directory', 'Permission denied', 'Broken pipe',
  'Connection timed out', 'No route to host', 'Network is unreachable', 'Resource temporarily unavailable',
  'Input/output error', 'Operation not permitted', 'Device or resource busy', 'Too many open files', 'No space left on device',
  'Address already in use', 'Invalid argument', 'Bad file descriptor', 'Host is down', 'Operation timed out', 'File exists',
];
const SIGNALS = ['SIGTERM', 'SIGKILL', 'SIGHUP', 'SIGINT', 'SIGSEGV', 'SIGABRT', 'SIGUSR1', 'SIGPIPE', 'SIGQUIT'];
const DEVICES = ['sda', 'sdb', 'sdc', 'nvme0n1', 'nvme1n1', 'vda', 'xvda', 'hda', 'md0', 'dm-0', 'mmcblk0'];
const IFACES = ['eth0', 'eth1', 'ens3', 'ens160', 'enp0s3', 'enp3s0f1', 'wlan0', 'wlp2s0', 'bond0', 'br0', 'docker0', 'veth3f2a1b', 'lo', 'tun0', 'em1', 'ib0'];
const PROTOCOLS = ['TCP', 'UDP', 'ICMP'];
const TTYS = ['pts/0', 'pts/1', 'pts/2', 'pts/3', 'tty1', 'tty2', 'ssh', 'console', ':0'];
const CIPHERS = ['aes128-ctr', 'aes256-gcm@openssh.com', 'chacha20-poly1305@openssh.com', 'TLS_AES_256_GCM_SHA384', 'ECDHE-RSA-AES128-GCM-SHA256'];
const KEY_TYPES = ['RSA', 'ED25519', 'ECDSA', 'DSA'];
const HTTP_METHODS = ['GET', 'GET', 'GET', 'GET', 'POST', 'POST', 'PUT', 'DELETE', 'HEAD', 'PATCH', 'OPTIONS'];
const HTTP_CODES = ['200', '200', '200', '200', '200', '201', '204', '301', '302', '304', '400', '401', '403', '404', '404', '405', '408', '409', '413', '429', '500', '502', '503', '504'];
const URL_SEGMENTS = ['api', 'v1', 'v2', 'users', 'orders', 'items', 'login', 'static', 'images', 'assets', 'search', 'health', 'metrics', 'admin', 'wp-login.php', 'index.html', 'favicon.ico', 'cart', 'products', 'servers', 'detail', 'images', 'flavors', 'volumes', 'projects', 'tokens', 'status', 'graphql', 'robots.txt', 'feed'];
const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36',
  'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  'curl/7.88.1', 'Wget/1.21.3', 'python-requests/2.31.0', 'Go-http-client/1.1', 'kube-probe/1.28', 'ExampleBot/2.1 (+http://bot.example.com/)',
  'python-novaclient', 'okhttp/4.9.3', 'Apache-HttpClient/4.5.13 (Java/11.0.20)', 'ELB-HealthChecker/2.0', 'Prometheus/2.48.0',
];
const UNITS_TIME = ['ms', 's'];

const shortHost: SystemSlot = (rng) => {
  switch (rng.int(0, 5)) {
    case 0:
      return `${rng.pick(HOST_STEMS)}${rng.int(1, 99)}`;
    case 1:
      return `${rng.pick(HOST_STEMS)}-${pad(rng.int(1, 64), 2)}`;
    case 2:
      return rng.pick(HOST_WORDS);
    case 3:
      return `${rng.pick(HOST_STEMS)}-${rng.pick(WORDS)}-${rng.int(1, 9)}`;
    case 4:
      return `ip-${rng.int(10, 172)}-${rng.int(0, 255)}-${rng.int(0, 255)}-${rng.int(1, 254)}`;
    default:
      return `${letters(rng, 3, 8)}${rng.int(0, 1) ? rng.int(1, 20) : ''}`;
  }
};
const ipv4: SystemSlot = (rng) => {
  switch (rng.int(0, 3)) {
    case 0:
      return `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
    case 1:
      return `192.168.${rng.int(0, 255)}.${rng.int(1, 254)}`;
    case 2:
      return `172.${rng.int(16, 31)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
    default:
      return `${rng.int(1, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
  }
};
const ipv6: SystemSlot = (rng) =>
  rng.int(0, 1) ? `fe80::${hex(rng, 4)}:${hex(rng, 2)}ff:fe${hex(rng, 2)}:${hex(rng, 4)}` : `2001:db8:${hex(rng, 4)}:${hex(rng, 3)}::${hex(rng, 2)}`;
const uuid: SystemSlot = (rng) => `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-${'89ab'[rng.int(0, 3)]}${hex(rng, 3)}-${hex(rng, 12)}`;
const port: SystemSlot = (rng) => String(rng.next() < 0.4 ? rng.pick([22, 80, 443, 53, 123, 25, 8080, 3306, 5432, 6379, 9092, 2181, 50010, 8020, 9000]) : rng.int(1024, 65535));
const fqdn: SystemSlot = (rng) => `${shortHost(rng, 0)}.${rng.pick(DOMAINS)}`;
const publicName: SystemSlot = (rng) =>
  rng.int(0, 2) === 0 ? `${rng.int(1, 223)}-${rng.int(0, 255)}-${rng.int(0, 255)}-${rng.int(1, 254)}.${letters(rng, 4, 9)}.${rng.pick(TLDS)}` : `${rng.pick(['mail', 'www', 'static', 'host', 'vps', 'server'])}${rng.int(1, 999)}.${letters(rng, 4, 10)}.${rng.pick(TLDS)}`;
const fileName: SystemSlot = (rng) => `${rng.pick(FILE_STEMS)}${rng.int(0, 2) ? '' : `-${rng.int(1, 99)}`}.${rng.pick(FILE_EXTS)}`;
const path: SystemSlot = (rng) => `${rng.pick(DIRS)}/${rng.int(0, 1) ? `${rng.pick(WORDS)}/` : ''}${fileName(rng, 0)}`;
const javaClass: SystemSlot = (rng) => `${rng.pick(JAVA_PACKAGES)}.${letters(rng, 3, 8)}.${rng.pick(JAVA_CLASS_WORDS)}${rng.int(0, 1) ? rng.pick(JAVA_CLASS_WORDS) : ''}`;
const isoTime = (time: number): string => new Date(time * 1000).toISOString();
const durationMs: SystemSlot = (rng) => String(1 + skewed(rng, 250));
const bytes: SystemSlot = (rng) => String(skewed(rng, rng.pick([500, 5000, 80000, 3000000])));
const sizeHuman: SystemSlot = (rng) => {
  const unit = rng.pick(['KB', 'MB', 'GB', 'K', 'M', 'G', 'KiB', 'MiB', 'GiB', 'kB']);
  return rng.int(0, 1) ? `${rng.int(1, 999)}${unit}` : `${(rng.next() * 900).toFixed(1)} ${unit}`;
};

/** Shared slots; a family's own slots of the same name win. */
export const SHARED_SLOTS: Record<string, SlotSpec> = {
  ip: ipv4,
  ipv6,
  port,
  host: shortHost,
  fqdn,
  remoteHost: publicName,
  mac: (rng) => Array.from({ length: 6 }, () => hex(rng, 2)).join(':'),
  pid: (rng) => String(rng.int(2, 65535)),
  uid: (rng) => String(rng.int(0, 1) ? rng.int(1000, 1100) : rng.pick([0, 33, 48, 100, 999, 65534])),
  user: (rng) => (rng.int(0, 3) === 0 ? rng.pick(SERVICE_ACCOUNTS) : rng.int(0, 4) === 0 ? `${rng.pick(FIRST_NAMES)}${rng.int(1, 99)}` : rng.pick(FIRST_NAMES)),
  probeUser: (rng) => (rng.int(0, 4) === 0 ? letters(rng, 3, 9) : rng.pick(PROBE_USERS)),
  email: (rng) => `${rng.pick(FIRST_NAMES)}${rng.int(0, 1) ? `.${letters(rng, 3, 7)}` : ''}@${rng.pick(['example.com', 'corp.local', 'mail.example.org', 'acme.io'])}`,
  uuid,
  hex8: (rng) => hex(rng, 8),
  hex16: (rng) => hex(rng, 16),
  hex32: (rng) => hex(rng, 32),
  sha: (rng) => hex(rng, rng.pick([7, 12, 40, 64])),
  addr: (rng) => `0x${hex(rng, rng.pick([8, 12, 16]))}`,
  int: (rng) => String(rng.int(0, 100000)),
  small: (rng) => String(rng.int(0, 16)),
  count: (rng) => String(1 + skewed(rng, 200)),
  n: (rng) => String(rng.int(1, 9)),
  pct: (rng) => String(rng.int(1, 100)),
  pctFloat: (rng) => (rng.next() * 100).toFixed(rng.int(1, 2)),
  float: (rng) => (rng.next() * 1000).toFixed(rng.int(1, 4)),
  ms: durationMs,
  seconds: (rng) => (rng.next() * 60).toFixed(rng.int(0, 3)),
  duration: (rng) => `${1 + skewed(rng, 300)}${rng.pick(UNITS_TIME)}`,
  bytes,
  size: sizeHuman,
  kb: (rng) => String(rng.int(4, 64000000)),
  mb: (rng) => String(rng.int(1, 64000)),
  version: (rng) => `${rng.int(0, 12)}.${rng.int(0, 30)}.${rng.int(0, 40)}`,
  path,
  dir: (rng) => `${rng.pick(DIRS)}/${rng.pick(WORDS)}`,
  file: fileName,
  url: (rng) => `http${rng.int(0, 3) ? 's' : ''}://${rng.int(0, 1) ? fqdn(rng, 0) : ipv4(rng, 0)}${rng.int(0, 1) ? `:${port(rng, 0)}` : ''}/${rng.pick(URL_SEGMENTS)}/${rng.pick(URL_SEGMENTS)}`,
  urlPath: (rng) => {
    const parts = Array.from({ length: rng.int(1, 4) }, () => (rng.int(0, 4) === 0 ? String(rng.int(1, 99999)) : rng.pick(URL_SEGMENTS)));
    return `/${parts.join('/')}${rng.int(0, 5) === 0 ? `?${rng.pick(['id', 'page', 'q', 'limit', 'ts'])}=${rng.int(1, 999)}` : ''}`;
  },
  method: (rng) => rng.pick(HTTP_METHODS),
  httpCode: (rng) => rng.pick(HTTP_CODES),
  userAgent: (rng) => rng.pick(USER_AGENTS),
  javaClass,
  exception: (rng) => rng.pick(EXCEPTIONS),
  errno: (rng) => rng.pick(ERRNO_TEXTS),
  signal: (rng) => rng.pick(SIGNALS),
  device: (rng) => rng.pick(DEVICES),
  partition: (rng) => `${rng.pick(DEVICES)}${rng.int(1, 4)}`,
  iface: (rng) => rng.pick(IFACES),
  proto: (rng) => rng.pick(PROTOCOLS),
  tty: (rng) => rng.pick(TTYS),
  cipher: (rng) => rng.pick(CIPHERS),
  keyType: (rng) => rng.pick(KEY_TYPES),
  fingerprint: (rng) => `SHA256:${Array.from({ length: 43 }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'[rng.int(0, 63)]).join('')}`,
  word: (rng) => rng.pick(WORDS),
  name: (rng) => (rng.int(0, 1) ? rng.pick(WORDS) : letters(rng, 4, 10)),
  thread: (rng) => rng.pick([`main`, `worker-${rng.int(1, 32)}`, `pool-${rng.int(1, 9)}-thread-${rng.int(1, 64)}`, `IPC Server handler ${rng.int(0, 63)} on ${rng.int(8000, 9999)}`, `http-nio-8080-exec-${rng.int(1, 200)}`, `Thread-${rng.int(1, 999)}`]),
  isoTime: (_rng, time) => isoTime(time),
  date: (_rng, time) => isoTime(time).slice(0, 10),
  clock: (_rng, time) => isoTime(time).slice(11, 19),
  epoch: (_rng, time) => String(time),
  epochMs: (rng, time) => String(time * 1000 + rng.int(0, 999)),
  jobId: (rng) => `job_${rng.int(1400000000, 1700000000)}${pad(rng.int(0, 999), 3)}_${pad(rng.int(1, 9999), 4)}`,
  cpu: (rng) => String(rng.int(0, 63)),
  core: (rng) => String(rng.int(0, 127)),
  temp: (rng) => String(rng.int(30, 105)),
  rpm: (rng) => String(rng.int(0, 18000)),
  volt: (rng) => (rng.next() * 12).toFixed(2),
  serial: (rng) => `${letters(rng, 2, 3).toUpperCase()}${rng.int(100000, 99999999)}`,
  quoted: (rng) => `"${rng.pick(WORDS)}"`,
};
