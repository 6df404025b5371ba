/**
 * Postfix MTA (smtpd, cleanup, qmgr, smtp, local, pickup, anvil, master). Content is the text
 * after the syslog `postfix/<daemon>[pid]: ` header, so the daemon name is not part of it.
 */
import { again, columns, ev, keep, mostly, num, type ProbeFamily, type Slot } from './family.ts';
import type { Rng } from './rng.ts';
import { email, monthName, hms, publicIp } from './values.ts';

const LOCAL = ['example.com', 'example.com', 'corp.example.com', 'lists.example.com'];
const REMOTE = ['gmail.com', 'outlook.com', 'example.net', 'yahoo.co.jp', 'partner.example.org', 'web.de'];
const RELAYS: [string, string][] = [
  ['gmail-smtp-in.l.google.com', '142.250.102.27'],
  ['alt1.gmail-smtp-in.l.google.com', '142.251.9.26'],
  ['example-net.mail.protection.outlook.com', '52.101.68.14'],
  ['mx.example.net', '198.51.100.25'],
  ['mx01.partner.example.org', '203.0.113.80'],
];
const CLIENTS: [string, string][] = [
  ['mail-ej1-f45.google.com', '209.85.218.45'],
  ['mail-db8eur05on2061.outbound.protection.outlook.com', '40.107.20.61'],
  ['mx.example.net', '198.51.100.25'],
  ['app-1.int.example.com', '10.0.4.11'],
  ['app-2.int.example.com', '10.0.4.12'],
];

const qid: Slot = (r) => r.sticky('qid', () => r.hex(r.pick([10, 10, 11, 12])).toUpperCase(), 10, 0.65);
/** client host and address, as two arguments: `name[addr]`. */
const clientHost: Slot = keep('cip', (r) => {
  if (r.chance(0.35)) {
    r.memo.set('cip-addr', publicIp(r));
    return 'unknown';
  }
  const [host, ip] = r.skewed(CLIENTS);
  r.memo.set('cip-addr', ip);
  return host;
});
const clientAddr: Slot = again('cip-addr');
const relayHost: Slot = keep('relay', (r) => {
  const [host, ip] = r.skewed(RELAYS);
  r.memo.set('relay-addr', ip);
  return host;
});
const relayAddr: Slot = again('relay-addr');
const localAddr: Slot = (r) => email(r, LOCAL);
const remoteAddr: Slot = (r) => email(r, REMOTE);
const anyAddr: Slot = (r) => (r.chance(0.5) ? localAddr(r) : remoteAddr(r));
const delay: Slot = (r) => r.weighted([[r.fixed(0.1, 9, 2), 10], [String(r.logInt(10, 400000)), 1]] as const);
const part: Slot = (r) => r.weighted([[r.fixed(0, 1, 2), 5], ['0', 2], [r.fixed(1, 30, 1), 1]] as const);
const proto: Slot = (r) => r.skewed(['ESMTP', 'SMTP']);
const helo: Slot = (r) => r.pick(['localhost', 'mail.example.net', 'User', `[${publicIp(r)}]`, 'win-7fq2k1l0.local']);
const phase: Slot = (r) => r.skewed(['EHLO', 'AUTH', 'CONNECT', 'DATA', 'RCPT', 'STARTTLS', 'MAIL']);
const when = (r: Rng): string => {
  const d = r.now(-r.int(0, 600_000));
  return `${monthName(d)} ${d.getUTCDate()} ${hms(d)}`;
};
const tlsProto: Slot = (r) => r.skewed(['TLSv1.3', 'TLSv1.2']);
const tlsCipher: Slot = (r) => r.skewed(['TLS_AES_256_GCM_SHA384', 'ECDHE-RSA-AES256-GCM-SHA384', 'TLS_CHACHA20_POLY1305_SHA256', 'ECDHE-RSA-AES128-GCM-SHA256']);
const bits: Slot = (r) => r.skewed(['256', '128']);
/** One delivery outcome per line: its dsn, status word and reply text belong together. */
const outcome = (r: Rng): [string, string, string] => {
  const kept = r.memo.get('outcome');
  if (kept) return JSON.parse(kept) as [string, string, string];
  const [host, ip] = r.skewed(RELAYS);
  const picked: [string, string, string] = r.weighted([
    [['2.0.0', 'sent', `250 2.0.0 OK ${Math.floor(r.clock / 1000)} ${r.alnum(12)}.${r.int(10, 999)} - gsmtp`], 5],
    [['2.6.0', 'sent', `250 2.6.0 <${r.hex(16)}@example.com> [InternalId=${r.int(10 ** 9, 10 ** 10)}] Queued mail for delivery`], 3],
    [['2.0.0', 'sent', 'delivered to mailbox'], 2],
    [['4.4.1', 'deferred', `connect to ${host}[${ip}]:25: Connection timed out`], 1],
    [['5.1.1', 'bounced', `host ${host}[${ip}] said: 550 5.1.1 <${remoteAddr(r)}>: Recipient address rejected: User unknown (in reply to RCPT TO command)`], 0.5],
  ] as const) as [string, string, string];
  r.memo.set('outcome', JSON.stringify(picked));
  return picked;
};
const dsn: Slot = (r) => outcome(r)[0];
const status: Slot = (r) => outcome(r)[1];
const deliveryText: Slot = (r) => outcome(r)[2];

export const postfix: ProbeFamily = {
  system: 'Postfix',
  about: 'Postfix mail server logs; Content is the message after the syslog postfix/<daemon>[pid] header.',
  events: [
    ev(12, 'connect from <*>[<*>]', clientHost, clientAddr),
    ev(10, 'disconnect from <*>[<*>] <*>', clientHost, clientAddr, (r) => {
      const parts = [`ehlo=${r.skewed(['1', '2'])}`];
      if (r.chance(0.6)) parts.push('starttls=1');
      if (r.chance(0.2)) parts.push(`auth=${r.skewed(['0/1', '1'])}`);
      if (r.chance(0.7)) parts.push(`mail=1`, `rcpt=${r.skewed(['1', '0/1', '2', '3/4'])}`, `data=${r.skewed(['1', '0/1'])}`);
      if (r.chance(0.8)) parts.push('quit=1');
      parts.push(`commands=${parts.length}${r.chance(0.2) ? `/${parts.length + 1}` : ''}`);
      return parts.join(' ');
    }),
    ev(8, '<*>: client=<*>[<*>]', qid, clientHost, clientAddr),
    ev(2, '<*>: client=<*>[<*>], sasl_method=<*>, sasl_username=<*>', qid, clientHost, clientAddr, mostly('PLAIN', 'LOGIN'), localAddr),
    ev(9, '<*>: message-id=<<*>>', qid, (r) => r.pick([`${r.hex(16)}@example.com`, `${r.uuid()}@${r.pick(REMOTE)}`, `CAF${r.alnum(20)}@mail.gmail.com`, `${Math.floor(r.clock / 1000)}.${r.int(1000, 99999)}@app-1.int.example.com`])),
    ev(9, '<*>: from=<<*>>, size=<*>, nrcpt=<*> (queue active)', qid, anyAddr, (r) => String(r.logInt(800, 30_000_000)), mostly('1', '2', '3', '12')),
    ev(12, '<*>: to=<<*>>, relay=<*>, delay=<*>, delays=<*>/<*>/<*>/<*>, dsn=<*>, status=<*> (<*>)', qid, anyAddr, (r) => r.weighted([[`${relayHost(r)}[${relayAddr(r)}]:25`, 8], ['local', 2], ['none', 1], ['dovecot', 2]] as const),
      delay, part, part, part, part, dsn, status, deliveryText),
    ev(2, '<*>: to=<<*>>, orig_to=<<*>>, relay=<*>, delay=<*>, delays=<*>/<*>/<*>/<*>, dsn=<*>, status=<*> (<*>)', qid, localAddr, (r) => `${r.pick(['postmaster', 'abuse', 'sales', 'root'])}@${r.pick(LOCAL)}`, mostly('local', 'dovecot'), delay, part, part, part, part, mostly('2.0.0'), mostly('sent', 'deferred'),
      mostly('delivered to mailbox', 'delivered to command: /usr/bin/procmail', 'forwarded as 4F2A31C0B2')),
    ev(8, '<*>: removed', qid),
    ev(0.5, '<*>: sender non-delivery notification: <*>', qid, qid),
    ev(3, '<*>: reject: RCPT from <*>[<*>]: <*> <*> <<*>>: Recipient address rejected: <*>; from=<<*>> to=<<*>> proto=<*> helo=<<*>>', (r) => r.weighted([['NOQUEUE', 9], [qid(r), 1]] as const), clientHost, clientAddr,
      mostly('550', '450', '554'), mostly('5.1.1', '4.2.0', '5.7.1'), localAddr, mostly('User unknown in virtual mailbox table', 'Greylisted, see https://postgrey.schweikert.ch/help/example.com.html', 'Access denied'), remoteAddr, localAddr, proto, helo),
    ev(2, '<*>: reject: RCPT from <*>[<*>]: <*> <*> Service unavailable; Client host [<*>] blocked using <*>; <*>; from=<<*>> to=<<*>> proto=<*> helo=<<*>>', mostly('NOQUEUE'), keep('bad', publicIp), again('bad'),
      mostly('554', '550'), mostly('5.7.1'), again('bad'), keep('rbl', mostly('zen.spamhaus.org', 'bl.spamcop.net', 'b.barracudacentral.org')),
      (r) => ({ 'zen.spamhaus.org': `https://www.spamhaus.org/query/ip/${again('bad')(r)}`, 'bl.spamcop.net': `Blocked - see https://www.spamcop.net/bl.shtml?${again('bad')(r)}` })[again('rbl')(r)] ?? 'Client host blocked using Barracuda Reputation', remoteAddr, localAddr, proto, helo),
    ev(3, 'warning: hostname <*> does not resolve to address <*>: <*>', (r) => `${r.pick(['static', 'dsl', 'host', 'ip'])}-${r.int(1, 254)}-${r.int(1, 254)}.${r.pick(['isp.example.net', 'dyn.example.org', 'cloud.example.io'])}`, publicIp, mostly('Name or service not known', 'No address associated with hostname', 'Temporary failure in name resolution')),
    ev(3, 'warning: <*>[<*>]: SASL <*> authentication failed: <*>', clientHost, clientAddr, mostly('LOGIN', 'PLAIN'), mostly('authentication failure', 'UGFzc3dvcmQ6', 'Invalid authentication mechanism')),
    ev(3, 'lost connection after <*> from <*>[<*>]', phase, clientHost, clientAddr),
    ev(1, 'timeout after <*> from <*>[<*>]', phase, clientHost, clientAddr),
    ev(0.3, 'too many errors after <*> from <*>[<*>]', phase, clientHost, clientAddr),
    ev(0.3, 'improper command pipelining after <*> from <*>[<*>]: <*>', phase, clientHost, clientAddr, (r) => r.pick(['QUIT\\r\\n', `MAIL FROM:<${remoteAddr(r)}>\\r\\nRCPT TO:<${localAddr(r)}>\\r\\n`, 'AUTH LOGIN\\r\\n'])),
    ev(1.5, '<*>: host <*>[<*>] said: <*> (in reply to <*> command)', qid, relayHost, relayAddr,
      (r) => r.pick(['421 4.7.0 Try again later, closing connection.', `550 5.1.1 <${remoteAddr(r)}>: Recipient address rejected: User unknown`, '452 4.2.2 The email account that you tried to reach is over quota.', '451 4.7.500 Server busy. Please try again later.']), mostly('RCPT TO', 'end of DATA', 'MAIL FROM')),
    ev(0.5, '<*>: host <*>[<*>] refused to talk to me: <*>', qid, relayHost, relayAddr, mostly('421 Service not available', '554 5.7.1 Service unavailable; Client host blocked')),
    ev(2.5, 'connect to <*>[<*>]:<*>: <*>', relayHost, relayAddr, mostly('25', '587'), mostly('Connection timed out', 'Connection refused', 'No route to host')),
    ev(0.5, '<*>: lost connection with <*>[<*>] while <*>', qid, relayHost, relayAddr, mostly('receiving the initial server greeting', 'sending RCPT TO', 'sending message body', 'performing the EHLO handshake')),
    ev(0.3, '<*>: conversation with <*>[<*>] timed out while <*>', qid, relayHost, relayAddr, mostly('sending message body', 'receiving the initial server greeting')),
    ev(0.5, 'warning: TLS library problem: <*>', (r) => `error:0A000${r.pick(['126', '10B', '0C1'])}:SSL routines::${r.pick(['unexpected eof while reading', 'wrong version number', 'no shared cipher'])}:ssl/record/rec_layer_s3.c:${r.pick(['303', '354', '1584'])}:`),
    ev(3, '<*> TLS connection established from <*>[<*>]: <*> with cipher <*> (<*>/<*> bits)', mostly('Anonymous', 'Untrusted', 'Trusted'), clientHost, clientAddr, tlsProto, tlsCipher, bits, bits),
    ev(3, '<*> TLS connection established to <*>[<*>]:<*>: <*> with cipher <*> (<*>/<*> bits)', mostly('Trusted', 'Untrusted', 'Verified'), relayHost, relayAddr, mostly('25'), tlsProto, tlsCipher, bits, bits),
    ev(0.3, 'statistics: max connection rate <*>/<*> for (<*>:<*>) at <*>', num(1, 40), mostly('60s'), mostly('smtp', 'submission'), publicIp, when),
    ev(0.3, 'statistics: max connection count <*> for (<*>:<*>) at <*>', num(1, 20), mostly('smtp', 'submission'), publicIp, when),
    ev(0.3, 'statistics: max cache size <*> at <*>', num(1, 90), when),
    ev(0.05, '<*>: enabling PIX workarounds: <*> for <*>[<*>]:<*>', qid, mostly('disable_esmtp delay_dotcrlf'), relayHost, relayAddr, mostly('25')),
    ev(0.05, 'daemon started -- version <*>, configuration <*>', mostly('3.8.6', '3.7.11'), mostly('/etc/postfix')),
    ev(0.05, 'terminating on signal <*>', mostly('15')),
    ev(0.05, 'reload -- version <*>, configuration <*>', mostly('3.8.6', '3.7.11'), mostly('/etc/postfix')),
    ev(1.5, '<*>: uid=<*> from=<<*>>', qid, mostly('33', '0', '1001'), (r) => r.pick(['www-data', 'root', 'deploy', `noreply@${r.pick(LOCAL)}`])),
    ev(0.1, '<*>: expired, returned to sender', qid),
    ev(0.1, '<*>: skipped, still being delivered', qid),
    ev(0.05, 'warning: database <*> is older than source file <*>', ...columns('db', [['/etc/postfix/virtual.db', '/etc/postfix/virtual'], ['/etc/aliases.db', '/etc/aliases']])),
    ev(0.6, '<*>: milter-reject: END-OF-MESSAGE from <*>[<*>]: <*> <*> <*>; from=<<*>> to=<<*>> proto=<*> helo=<<*>>', qid, clientHost, clientAddr, ...columns('milter', [['554', '5.7.1', 'Spam message rejected'], ['451', '4.7.1', 'Try again later'], ['554', '5.7.1', 'Virus found']]), remoteAddr, localAddr, proto, helo),
  ],
};
