/**
 * What a remote LLM is sent: the masked key (masking.ts, unchanged: it is the cache key) redacted
 * by the rules of src/core/llm/redact.ts – e-mail addresses, IPv4/IPv6 and MAC addresses, UUIDs,
 * long hex and base64 tokens, query strings, user@host, and the values of user/host/secret
 * fields – plus the user's own rules.
 */
import { describe, expect, it } from 'vitest';
import { BUILT_IN_REDACTIONS, cleanCustomRedactions, compileRedactor, customRedactionProblem, PLACEHOLDERS } from '../../../src/core/llm/redact.ts';
import { maskMessage } from '../../../src/core/message-key.ts';

const redact = compileRedactor();
/** A raw log line as a remote LLM gets it. */
const sent = (line: string) => redact(maskMessage(line));

describe('redaction of what leaves the machine', () => {
  it('masking itself is unchanged: it is the cache key and what the model was trained on', () => {
    expect(maskMessage('Neighbour fe80::1ff:fe23:4567:890a unreachable')).toBe('Neighbour fe<*>::<*>ff:fe<*>:<*>:<*>a unreachable');
    expect(maskMessage('Password reset mailed to jane.doe@example.com')).toBe('Password reset mailed to jane.doe@example.com');
  });

  it('hides e-mail addresses', () => {
    expect(sent('Password reset mailed to jane.doe@example.com')).toBe('Password reset mailed to <email>');
    expect(sent('From: John.Smith+billing@mail2.corp-example.co.uk, cc ops@example.org')).toBe('From: <email>, cc <email>');
    expect(sent('Owner 42bob@example.io')).toBe('Owner <email>');
  });

  it('hides whole IPv4 (masking does) and IPv6 addresses (as masking leaves them)', () => {
    expect(sent('Blocked 203.0.113.9 and 10.0.0.1:8443')).toBe('Blocked <*> and <*>');
    expect(sent('Neighbour fe80::1ff:fe23:4567:890a unreachable')).toBe('Neighbour <ip> unreachable');
    expect(sent('Peer 2001:0db8:85a3:0000:0000:8a2e:0370:7334 up')).toBe('Peer <ip> up');
    expect(sent('Listening on [::1]:8080 and ::ffff:c000:280 and 2001:db8::ff00:42:8329')).toBe('Listening on [<ip>]:<*> and <ip> and <ip>');
    expect(sent('Route fe80::/10 via dead:beef::cafe')).toBe('Route <ip>/<*> via <ip>');
  });

  it('hides MAC addresses, UUIDs (masking does) and long hex or base64 tokens', () => {
    expect(sent('DHCP lease for 00:1a:2b:3c:4d:5e renewed')).toBe('DHCP lease for <mac> renewed');
    expect(sent('Port 00-1A-2B-3C-4D-5E and aa:bb:cc:dd:ee:ff')).toBe('Port <mac> and <mac>');
    expect(sent('Job 3f2504e0-4f89-11d3-9a0c-0305e82c3301 done')).toBe('Job <*> done');
    expect(sent('Fingerprint deadbeefcafebabefeedface accepted')).toBe('Fingerprint <token> accepted');
    expect(sent('Webhook signed with kT9xQ2mVbR7wL4pZs8Nd refused')).toBe('Webhook signed with <token> refused');
    expect(sent('JWT eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c')).toBe(
      'JWT <token>.<token>.<token>',
    );
  });

  it('hides query strings, credentials in URLs and after an authorization scheme', () => {
    expect(sent('Callback https://shop.example.com/cb?order=12&session=ab12cd failed')).toBe('Callback https:/<*>?<query> failed');
    expect(sent('GET /api/v2/users?id=5&email=a@b.co 200')).toBe('GET <*>?<query> <*>');
    expect(sent('Connecting to postgres://app:Hunter2@db.internal failed')).toBe('Connecting to postgres://<user>@db.internal failed');
    expect(sent('Authorization: Bearer eyJhbGciOiJIUzI1NiJ9 rejected')).toBe('Authorization: Bearer <secret> rejected');
  });

  it('hides user and host names in user@host and in user, uid, email, host, token, password and session fields', () => {
    expect(sent('Accepted publickey for root@build-07')).toBe('Accepted publickey for <user>@<host>');
    expect(sent('ssh admin@10.1.2.3 ok')).toBe('ssh <user>@<host> ok');
    expect(sent('Access denied for user=jsmith (uid: 1001, email=jsmith)')).toBe('Access denied for user=<user> (uid: <user>, email=<user>)');
    expect(sent('Sync failed, host=fileserver-paris hostname: nas01')).toBe('Sync failed, host=<host> hostname: <host>');
    expect(sent('Login retry with password=Winter2024! token=abc session: xyzzy')).toBe('Login retry with password=<secret> token=<secret> session: <secret>');
    expect(sent('{"username": "bob", "db_password": "x y z", "X-Auth-Token":"t0k"}')).toBe('{"username": <user>, "db_password": <secret>, "X-Auth-Token":<secret>}');
  });

  it('leaves ordinary messages as masking left them', () => {
    for (const line of [
      'User User12 logged in.',
      'Workflow WF-1234 halted in stage Approval',
      'SOAP interface LeadService is deprecated',
      'Backup completed in 12:30:45, version 3.2.1',
      'Log4jConfigurationFactory started; ERR_CONNECTION_REFUSED',
      'Session timeout: user logged out after 30 minutes',
      'std::vector<int> resized to 1024',
      'Disk usage at 91% on /var/lib/postgres',
    ]) {
      expect(sent(line), line).toBe(maskMessage(line));
    }
  });

  it('every built-in rule’s example, as the LLM panel shows it, is changed', () => {
    for (const rule of BUILT_IN_REDACTIONS) {
      const masked = maskMessage(rule.example);
      expect(redact(masked), rule.id).not.toBe(masked);
      expect(PLACEHOLDERS.some((p) => redact(masked).includes(p)), rule.id).toBe(true);
    }
  });

  it('runs in linear time on hostile text', () => {
    const pieces = ['a', 'A', '1', '.', ':', '-', '@', '/', '?', '=', '<*>', '_', '+', '%', ' ', '"', 'f', 'password', '::', 'Bearer ', 'a.', 'a@', 'fe:', '<*>a'];
    const t0 = performance.now();
    for (const x of pieces) for (const y of pieces) redact((x + y).repeat(Math.ceil(20_000 / (x + y).length)));
    expect(performance.now() - t0).toBeLessThan(20_000);
  });
});

describe('the user’s own redaction rules', () => {
  it('run first, on RE2, and replace with the text as written', () => {
    const mine = compileRedactor([{ description: 'customer ids', pattern: 'CUST-<\\*>', replacement: '<customer $1>' }]);
    expect(mine(maskMessage('Invoice for CUST-4411 mailed to jane@example.com'))).toBe('Invoice for <customer $1> mailed to <email>');
    expect(compileRedactor([{ description: '', pattern: 'Project \\w+', replacement: 'Project X' }])('Project Apollo at fe<*>::<*>')).toBe('Project X at <ip>');
  });

  it('are refused with the reason when they cannot be used', () => {
    expect(customRedactionProblem({ description: '', pattern: '', replacement: 'x' })).toMatch(/empty/);
    expect(customRedactionProblem({ description: '', pattern: '(?<=id=)\\w+', replacement: 'x' })).toMatch(/RE2 syntax/);
    expect(customRedactionProblem({ description: '', pattern: 'a*', replacement: 'x' })).toMatch(/matches empty text/);
    expect(customRedactionProblem({ description: '', pattern: '(', replacement: 'x' })).toMatch(/invalid pattern/);
    expect(customRedactionProblem({ description: '', pattern: 'a', replacement: 'two\nlines' })).toMatch(/one line/);
    expect(() => cleanCustomRedactions([{ description: '', pattern: 'ok', replacement: '' }, { description: '', pattern: '(', replacement: '' }])).toThrow(/Redaction rule 2 \(\(\)/);
    expect(cleanCustomRedactions([{ description: ' d ', pattern: 'ok', replacement: '' }])).toEqual([{ description: 'd', pattern: 'ok', replacement: '<redacted>' }]);
  });

  it('cannot hang: a pattern that backtracks badly runs in linear time', () => {
    const mine = compileRedactor([{ description: '', pattern: '(a+)+$', replacement: 'x' }]);
    const t0 = performance.now();
    mine(`${'a'.repeat(50_000)}!`);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});
