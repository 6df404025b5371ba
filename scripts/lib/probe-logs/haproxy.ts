/**
 * HAProxy 2.x: HTTP and TCP traffic logs (a custom log-format with captured request headers) and
 * the health-check and proxy messages. Content is the text after the syslog `haproxy[pid]: `
 * header; the accept date inside the traffic line is part of the message.
 */
import { again, columns, ev, keep, mostly, num, oneOf, type ProbeFamily, type Slot } from './family.ts';
import type { Rng } from './rng.ts';
import { ephemeralPort, monthName, pad, publicIp } from './values.ts';

const BACKENDS: Record<string, string[]> = {
  be_app: ['web1', 'web2', 'web3', 'web4'],
  be_api: ['api-a', 'api-b'],
  be_static: ['static1', 'static2'],
  be_grpc: ['grpc-0', 'grpc-1', 'grpc-2'],
};
const HTTP_FRONTENDS = ['fe_https~', 'fe_https~', 'fe_http', 'fe_internal'];
const TCP_BACKENDS: Record<string, string[]> = { be_postgres: ['pg-primary', 'pg-replica'], be_redis: ['redis-0', 'redis-1'], be_smtp: ['mx1', 'mx2'] };

const clientIp = (r: Rng): string => (r.chance(0.7) ? r.sticky('cli', () => publicIp(r), 40, 0.7) : `10.0.${r.int(0, 9)}.${r.int(2, 254)}`);
const acceptDate: Slot = (r) => {
  const d = r.now(-r.int(0, 3000));
  return `${pad(d.getUTCDate())}/${monthName(d)}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
};
const backend: Slot = (r) => r.skewed(Object.keys(BACKENDS), 0.8);
const serverOf = (b: string): Slot => (r) => r.pick(BACKENDS[b] ?? BACKENDS.be_app);
/** Backend and server are separate arguments; the server slot looks at the backend just made. */
const backendRemembered: Slot = keep('backend', backend);
const serverOfLast: Slot = (r) => serverOf(again('backend')(r))(r);
const tcpFrontend: Slot = (r) => `fe_${keep('tcp', (q) => q.skewed(Object.keys(TCP_BACKENDS)))(r).slice(3)}`;
const tcpBackend: Slot = again('tcp');
const tcpServer: Slot = (r) => r.pick(TCP_BACKENDS[again('tcp')(r)]);
const timer = (lo: number, hi: number, pMinus = 0.02): Slot => (r) => (r.chance(pMinus) ? '-1' : String(r.logInt(lo + 1, hi + 1) - 1));
const request: Slot = (r) => {
  const method = r.weighted([['GET', 12], ['POST', 4], ['PUT', 1], ['DELETE', 0.5], ['OPTIONS', 0.5]] as const);
  const path = r.weighted([
    [`/api/v1/orders/${r.int(100000, 999999)}`, 4],
    [`/api/v1/products?category=${r.pick(['shoes', 'bags', 'outdoor'])}&page=${r.int(1, 30)}`, 3],
    ['/', 2],
    [`/static/js/app.${r.sticky('build', () => r.hex(8), 2, 0.95)}.js`, 3],
    ['/healthz', 2],
    [`/cart/${r.uuid()}/items`, 1],
    ['/login', 1],
  ] as const);
  return `${method} ${path} ${r.skewed(['HTTP/1.1', 'HTTP/2.0', 'HTTP/1.0'])}`;
};
const headers: Slot = (r) => `${r.skewed(['shop.example.com', 'api.example.com', 'static.example.com'])}|${r.skewed([
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  'okhttp/4.12.0',
  'curl/8.5.0',
  'kube-probe/1.29',
])}`;
const counts5: Slot[] = [num(0, 900), num(0, 800), num(0, 120), num(0, 40), mostly('0', '1', '2')];

export const haproxy: ProbeFamily = {
  system: 'HAProxy',
  about: 'HAProxy traffic and event logs; Content is the message after the syslog header.',
  events: [
    ev(60, '<*>:<*> [<*>] <*> <*>/<*> <*>/<*>/<*>/<*>/<*> <*> <*> <*> <*>/<*>/<*>/<*>/<*> <*>/<*> {<*>} "<*>"',
      clientIp, ephemeralPort, acceptDate, (r) => r.skewed(HTTP_FRONTENDS), backendRemembered, serverOfLast,
      timer(0, 40), timer(0, 5, 0), timer(0, 30), timer(1, 3000, 0.03), timer(1, 4000, 0),
      (r) => r.weighted([['200', 30], ['304', 5], ['301', 2], ['404', 3], ['401', 1], ['500', 0.5], ['502', 0.5], ['503', 0.5], ['499', 0.3]] as const),
      (r) => String(r.logInt(120, 2_000_000)),
      (r) => r.weighted([['----', 40], ['--NI', 3], ['CD--', 2], ['SD--', 0.5], ['cD--', 1], ['sH--', 0.3]] as const),
      ...counts5, mostly('0', '1'), mostly('0', '3', '12'), headers, request),
    ev(15, '<*>:<*> [<*>] <*> <*>/<*> <*>/<*>/<*> <*> <*> <*>/<*>/<*>/<*>/<*> <*>/<*>',
      clientIp, ephemeralPort, acceptDate, tcpFrontend, tcpBackend, tcpServer,
      timer(0, 10, 0), timer(0, 30), timer(10, 3_600_000, 0), (r) => String(r.logInt(60, 90_000_000)),
      (r) => r.weighted([['--', 20], ['CD', 3], ['sD', 1], ['SC', 0.5]] as const), ...counts5, mostly('0', '1'), mostly('0', '2')),
    ev(0.8, 'Server <*>/<*> is DOWN, reason: <*>, info: "<*>", check duration: <*>. <*> active and <*> backup servers left. <*> sessions active, <*> requeued, <*> remaining in queue.',
      backendRemembered, serverOfLast, mostly('Layer4 connection problem', 'Layer4 timeout', 'Layer6 invalid response'), mostly('Connection refused', 'No route to host', 'SSL handshake failure'),
      (r) => `${r.logInt(1, 2000) - 1}ms`, num(0, 3), mostly('0', '1'), num(0, 40), mostly('0', '2'), mostly('0', '1')),
    ev(0.8, 'Server <*>/<*> is UP, reason: <*>, check duration: <*>. <*> active and <*> backup servers online. <*> sessions requeued, <*> total in queue.',
      backendRemembered, serverOfLast, mostly('Layer7 check passed', 'Layer4 check passed'), (r) => `${r.logInt(1, 500)}ms`, num(1, 4), mostly('0', '1'), mostly('0', '3'), mostly('0', '1')),
    ev(0.2, 'Server <*>/<*> is going DOWN for maintenance. <*> active and <*> backup servers left. <*> sessions active, <*> requeued, <*> remaining in queue.', backendRemembered, serverOfLast, num(0, 3), mostly('0', '1'), num(0, 20), mostly('0', '1'), mostly('0')),
    ev(0.2, 'Server <*>/<*> is UP/READY (leaving forced maintenance).', backendRemembered, serverOfLast),
    ev(0.2, 'backend <*> has no server available!', backend),
    ev(1.2, 'Health check for server <*>/<*> <*>, reason: <*>, code: <*>, info: "<*>", check duration: <*>, status: <*>/<*> <*>.',
      backendRemembered, serverOfLast, ...columns('check', [
        ['failed', 'Layer7 wrong status', '503', 'Service Unavailable'],
        ['succeeded', 'Layer7 check passed', '200', 'OK'],
        ['failed', 'Layer7 wrong status', '500', 'Internal Server Error'],
        ['failed', 'Layer7 wrong status', '404', 'Not Found'],
      ]), (r) => `${r.logInt(1, 2000)}ms`, num(0, 3), mostly('3', '2'), mostly('UP', 'DOWN', 'DRAIN')),
    ev(3, '<*>:<*> [<*>] <*>/<*>: <*>', clientIp, ephemeralPort, acceptDate, mostly('fe_https', 'fe_internal'), mostly('1', 'ipv4', 'ipv6'),
      mostly('SSL handshake failure', 'Connection closed during SSL handshake', 'Timeout during SSL handshake', 'Connection error during SSL handshake')),
    ev(1, 'Connect from <*>:<*> to <*>:<*> (<*>/<*>)', clientIp, ephemeralPort, oneOf('10.0.0.10', '10.0.0.11'), mostly('443', '80', '5432', '6379'), ...columns('listener', [['fe_https', 'HTTP'], ['fe_http', 'HTTP'], ['fe_postgres', 'TCP'], ['fe_internal', 'HTTP'], ['fe_redis', 'TCP']])),
    ev(0.3, '<*>/<*> changed its IP from <*> to <*> by <*>.', backendRemembered, serverOfLast, (r) => `10.0.3.${r.int(2, 254)}`, (r) => `10.0.3.${r.int(2, 254)}`, mostly('DNS cache', 'kube-dns/10.96.0.10:53')),
    ev(0.2, '<*>/<*> administratively READY thanks to valid DNS answer.', backendRemembered, serverOfLast),
    ev(0.05, 'Loading success.'),
    ev(0.05, 'Reexecuting Master process'),
    ev(0.05, 'New worker (<*>) forked', num(1200, 64000)),
    ev(0.05, 'Former worker (<*>) exited with code <*> (<*>)', num(1200, 64000), ...columns('exit', [['0', 'Exit'], ['134', 'Aborted']])),
    ev(0.1, "config : missing timeouts for <*> '<*>'.", ...columns('kind', [['backend', 'be_static'], ['frontend', 'fe_internal'], ['backend', 'be_grpc']])),
    ev(0.05, 'Stopping <*> <*> in <*> ms.', ...columns('stop', [['frontend', 'GLOBAL'], ['frontend', 'fe_http'], ['backend', 'be_app'], ['frontend', 'fe_https'], ['backend', 'be_api']]), mostly('0', '5000')),
    ev(0.05, 'Proxy <*> stopped (cumulated conns: FE: <*>, BE: <*>).', (r) => r.pick(['fe_http', 'be_app', 'be_api']), (r) => String(r.logInt(1, 9_000_000)), (r) => String(r.logInt(1, 9_000_000))),
    ev(0.05, 'Proxy <*> started.', (r) => r.pick(['fe_http', 'fe_https', 'be_app', 'stats'])),
    ev(0.15, 'Server <*>/<*> is DOWN via <*>/<*>. <*> active and <*> backup servers left. <*> sessions active, <*> requeued, <*> remaining in queue.', backendRemembered, serverOfLast, mostly('be_api'), mostly('api-a', 'api-b'), num(0, 3), mostly('0', '1'), num(0, 20), mostly('0', '1'), mostly('0')),
    ev(0.3, 'Server <*>/<*> is stopping, <*> active and <*> backup servers left. <*> sessions active, <*> requeued, <*> remaining in queue.', backendRemembered, serverOfLast, num(0, 3), mostly('0', '1'), num(0, 20), mostly('0', '1'), mostly('0')),
  ],
};
