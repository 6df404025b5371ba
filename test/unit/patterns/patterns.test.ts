import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../../src/core/errors.ts';
import {
  assign,
  compileMasking,
  defaultRulesChange,
  DEFAULT_MASKING,
  minePatterns,
  MiningSession,
  normalizeTemplate,
  PatternMiner,
  previewMasking,
  validateMasking,
  valueDistributions,
  withMissingDefaults,
  type MaskingConfig,
} from '../../../src/core/patterns/index.ts';
import { dropUnopenedClosers } from '../../../src/core/patterns/render.ts';
import { displayTemplate } from '../../../src/core/patterns/template.ts';

const backups = ['Backup started at 02:00:01', 'Backup started at 03:15:44', 'Backup started at 23:59:59'];
const connections = ['Connection from 10.0.0.1 closed', 'Connection from 10.0.0.2 closed', 'Connection from 192.168.1.20 closed'];
const logins = ['User alice logged in', 'User bob logged in', 'User carol logged in', 'User dave logged in', 'User erin logged in'];

function mine(lines: string[], similarity?: number) {
  const miner = new PatternMiner(similarity === undefined ? {} : { similarity });
  const keys = lines.map((line) => miner.add(line));
  return { miner, patternOf: (i: number) => miner.patterns()[miner.patternIndexOfKey(keys[i])] };
}

/** Each of the miner's patterns as `template xCOUNT`, sorted. */
function shownCounts(miner: PatternMiner): string[] {
  return miner.patterns().map((p) => `${p.template} x${p.count}`).sort();
}

describe('masking', () => {
  const masker = compileMasking(DEFAULT_MASKING);

  it('masks a web access log’s date and a date written with slashes as one value, so an access log over two months is one pattern', () => {
    expect(masker.mask('10.0.0.1 - - [30/Apr/2024:23:59:58 +0200] "GET /a HTTP/1.1" 200 512')).toBe('<*> - - [<*>] "GET <*> HTTP/<*>" <*>');
    expect(masker.mask('2024/05/01 00:00:01 [error] open() failed')).toBe('<*> [error] open() failed');
    const days = ['30/Apr/2024:23:59:58', '01/May/2024:00:00:02', '01/May/2024:00:10:02', '02/May/2024:08:00:00'];
    const { miner } = mine(days.map((day, i) => `10.0.0.${i} - - [${day} +0200] "GET /items/${i} HTTP/1.1" 200 ${512 + i}`));
    expect(miner.patterns().map((p) => `${p.template} x${p.count}`)).toEqual(['<*> - - [<*>] "GET <*> HTTP/<*>" <*> x4']);
  });

  it('masks a quoted user agent as one value, so the lines of one request method are one pattern whatever client sent them', () => {
    const agents = ['curl/8.4.0', 'Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0', 'Go-http-client/1.1', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) Mobile/15E148'];
    const lines = agents.flatMap((agent, i) => ['GET', 'POST'].map((method) => `10.0.0.${i} - ann [01/May/2024:00:00:0${i} +0200] "${method} /items/${i} HTTP/1.1" 200 ${512 + i} "-" "${agent}"`));
    expect(masker.mask(lines[2])).toBe('<*> - ann [<*>] "GET <*> HTTP/<*>" <*> "-" "<*>"');
    expect(shownCounts(mine(lines).miner)).toEqual(['<*> - ann [<*>] "GET <*> HTTP/<*>" <*> "-" "<*>" x4', '<*> - ann [<*>] "POST <*> HTTP/<*>" <*> "-" "<*>" x4']);
    // A quoted text that does not start with a product and its version, or whose quote follows a word, stays.
    expect(masker.mask('said "hello world/1" and x"curl/1" and "curl/x y"')).toBe('said "hello world/<*>" and x"curl/<*>" and "curl/x y"');
  });

  it('masks the usual variables and keeps words that contain digits', () => {
    expect(masker.mask('uid=0 from 10.1.2.3:22 id 0x1f at /var/log/app.log')).toBe('uid=<*> from <*> id <*> at <*>');
    expect(masker.mask('req 123e4567-e89b-12d3-a456-426614174000 node-12 PS/2')).toBe('req <*> node-<*> PS/<*>');
    expect(masker.mask('interface alt0 via ssh2 with 4G')).toBe('interface alt0 via ssh2 with 4G');
    expect(masker.mask('sent 1256 bytes (1.22 KB) in 30 ms')).toBe('sent <*> in <*>');
    // An absolute path of one segment is a path too; a slash inside a word is not.
    expect(masker.mask('Resolved host to /default-rack (TCP/IP, and/or)')).toBe('Resolved host to <*> (TCP/IP, and/or)');
  });

  it('masks the literals true, false and null as values, but not words that start with them', () => {
    expect(masker.mask('enabled=true retry:False parent: null or TRUE; nullable truest true_x')).toBe('enabled=<*> retry:<*> parent: <*> or <*>; nullable truest true_x');
  });

  it('masks the text of a quoted value after key=, key: and "key": – but not of msg or message', () => {
    expect(masker.mask('os: { name: "Ubuntu Linux", "arch":"x86 64" } error="no route" {"msg": "Starting compaction", "message":"Done now"}')).toBe(
      'os: { name: "<*>", "arch":"<*>" } error="<*>" {"msg": "Starting compaction", "message":"Done now"}',
    );
  });

  it('masks a MAC address whole', () => {
    expect(masker.mask('station 3c:22:fb:0a:11:9e joined, adapter 00-1A-2B-3C-4D-5E up')).toBe('station <*> joined, adapter <*> up');
  });

  it('masks a URL whole, scheme to end, but not the punctuation that ends a sentence after it', () => {
    expect(masker.mask('Default file system [hdfs://msra-sa-41:9000] see https://example.com/a?b=1&c=%20d. or git+ssh://git@host/repo.git, ok')).toBe(
      'Default file system [<*>] see <*>. or <*>, ok',
    );
  });

  it('masks an ISO time with its time zone', () => {
    expect(masker.mask('at 2024-05-01T02:00:00.123Z and 2024-05-01T02:00:00+02:00, 2024-05-01 02:00-0500 done')).toBe('at <*> and <*>, <*> done');
  });

  it('masks a hex id of 8 or more digits without 0x, but not a hex-looking word or a short one', () => {
    expect(masker.mask('QuorumServer@33557fe4 node 0ce5131f195c2f24ce268e1964f9b567407697cf mapped ffff3000')).toBe('QuorumServer@<*> node <*> mapped <*>');
    expect(masker.mask('deadbeefcafe decade 3f9a1c2 ab12cd34ef_x')).toBe('deadbeefcafe decade 3f9a1c2 ab12cd34ef_x');
  });

  it('masks a Windows path from its drive letter to the first character that cannot be in one', () => {
    expect(masker.mask('Loaded C:\\Windows\\winsxs\\amd64_x-6.1_none\\cbscore.dll, size 12')).toBe('Loaded <*>, size <*>');
    expect(masker.mask('path C:\\Program Files\\App and jar:file:/D:/x.jar')).toBe('path <*> Files\\App and jar:file:<*>');
  });

  it('masks host names ending in a top-level domain, but not dotted logger or property names', () => {
    expect(masker.mask('via ns1.example.com and redis-0.cache.svc.cluster.local to cdn.web.shop')).toBe('via <*> and <*> to <*>');
    expect(masker.mask('agent.server.raft: reading java.class.path from org.mortbay.log')).toBe('agent.server.raft: reading java.class.path from org.mortbay.log');
  });

  it('joins a run of variables into one', () => {
    expect(masker.tokens('speeds 1 2 3 4 ok')).toEqual(['speeds', '<*>', 'ok']);
  });

  it('previews a user-edited config and reports a broken rule', () => {
    const config: MaskingConfig = {
      rules: [...DEFAULT_MASKING.rules, { id: 'ticket', description: 'ticket ids', pattern: 'TICKET-[A-Z]+', enabled: true }],
    };
    expect(previewMasking(['see TICKET-ABC now'], config)).toEqual([{ line: 'see TICKET-ABC now', masked: 'see <*> now' }]);
    const off = { rules: DEFAULT_MASKING.rules.map((rule) => ({ ...rule, enabled: rule.id !== 'number' })) };
    expect(previewMasking(['retry 3 of 5'], off)[0].masked).toBe('retry 3 of 5');
    const broken = { rules: [{ id: 'bad', description: '', pattern: '(', enabled: true }] };
    expect(validateMasking(broken)[0].reason).toMatch(/invalid pattern/);
    expect(validateMasking({ rules: [{ id: 'empty', description: '', pattern: 'x*', enabled: true }] })[0].reason).toMatch(/empty/);
  });
});

describe('PatternMiner', () => {
  it('keeps one key per message when every line carries a fresh id, and shows an id that never changes', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `session ${((i + 1) * 2654435761 >>> 0).toString(16).padStart(8, '0')}cafe${i % 10}bead opened on node kx7z9 by agent9`);
    const { miner, patternOf } = mine(lines);
    expect(miner.keyCount).toBe(1);
    expect(patternOf(0).template).toBe('session <*> opened on node kx7z9 by agent9');
  });

  it('groups lines of the same shape, with counts, shares and examples', () => {
    const { miner } = mine([...backups, ...connections, 'Backup started at 04:00:00']);
    const patterns = miner.patterns();
    expect(patterns.map((p) => p.template)).toEqual(['Backup started at <*>', 'Connection from <*> closed']);
    expect(patterns[0]).toMatchObject({ count: 4, share: 4 / 7 });
    expect(patterns[0].examples).toHaveLength(3);
    expect(patterns[0].id).toMatch(/^p[0-9a-f]{8}$/);
  });

  it('does not merge different messages of the same length', () => {
    const lines = [
      'Connection from 10.0.0.1 closed',
      'Connection from 10.0.0.2 opened',
      'Connection from 10.0.0.3 closed',
      'Connection from 10.0.0.4 opened',
      'Disk full on volume 3',
    ];
    const { miner } = mine(lines);
    expect(miner.patterns().map((p) => p.template).sort()).toEqual([
      'Connection from <*> closed',
      'Connection from <*> opened',
      'Disk full on volume <*>',
    ]);
  });

  it('treats a word position with many values as a variable', () => {
    const { miner } = mine(logins);
    expect(miner.patterns().map((p) => p.template)).toEqual(['User <*> logged in']);
  });

  it('treats words seen as a variable elsewhere as values, not as different messages', () => {
    const lines = [
      ...['root', 'cyrus', 'news', 'test', 'games'].map((user) => `session closed for user ${user}`),
      ...['cyrus', 'news', 'test'].map((user) => `session opened for user ${user} by (uid=0)`),
    ];
    const { miner } = mine(lines);
    expect(miner.patterns().map((p) => p.template).sort()).toEqual([
      'session closed for user <*>',
      'session opened for user <*> by (uid=<*>)',
    ]);
  });

  it('keeps field names around a variable in the template', () => {
    const { miner } = mine(['login user=alice ok', 'login user=bob ok', 'login user=carol ok', 'login user=dave ok']);
    expect(miner.patterns()[0].template).toBe('login user=<*> ok');
  });

  it('writes a variable as a whole word, keeping the constant words and punctuation around it', () => {
    const versions = mine(['Security module v1.2 initialised', 'Security module v1.7 initialised']);
    expect(versions.patternOf(0).template).toBe('Security module <*> initialised');
    const hosts = mine(['reply from web-a.prod in time', 'reply from web-b.prod in time', 'reply from web-c.prod in time', 'reply from web-d.prod in time', 'reply from web-e.prod in time', 'reply from web-f.prod in time']);
    expect(hosts.patternOf(0).template).toBe('reply from web-<*> in time');
    const nodes = mine(['heartbeat from node-12 late', 'heartbeat from node-7 late']);
    expect(nodes.patternOf(0).template).toBe('heartbeat from node-<*> late');
    const peers = mine(['peer (alpha) joined', 'peer () joined', 'peer (gamma-2) joined', 'peer (delta) joined', 'peer (omega) joined', 'peer (sigma) joined']);
    expect(peers.patternOf(0).template).toBe('peer (<*>) joined');
    const keys = mine(['sync job=alpha state=done.', 'sync job=beta state=done.', 'sync job=gamma state=done.', 'sync job=delta state=done.', 'sync job=omega state=done.', 'sync job=zeta state=done.']);
    expect(keys.patternOf(0).template).toBe('sync job=<*> state=done.');
  });

  it('writes a field whose values share no word as key=<*>, however the values are punctuated', () => {
    const services = ['web-3f9a1c', 'api-gateway', 'redis-cache:3', 'serfHealth', 'db-7'];
    const { miner } = mine(services.map((name) => `Synced check: check=${name} ok`));
    expect(miner.patterns().map((p) => p.template)).toEqual(['Synced check: check=<*> ok']);
    const workers = mine(['pool worker=web-1 up', 'pool worker=api-2 up', 'pool worker=db-3 up', 'pool worker=log-4 up']);
    expect(workers.patternOf(0).template).toBe('pool worker=<*> up');
  });

  it('treats a name numbered by a variable as a value however few names there are', () => {
    const lines = ['consul-server-3', 'ip-10', 'build-agent-2'].flatMap((name) => [`Marking ${name} as failed, timeout 5`, `Marking ${name.replace(/\d+$/, '7')} as failed, timeout 9`]);
    expect(mine(lines).miner.patterns().map((p) => [p.template, p.count])).toEqual([['Marking <*> as failed, timeout <*>', 6]]);
    // Also with a domain after the number (`db-3.prod`, `ip-10-0-0-7.ec2.internal`): a host's name.
    const hosts = ['db-3.prod', 'cache-12.prod', 'ip-10-0-0-7.ec2.internal'].map((host) => `connected to ${host} in 4 ms`);
    expect(mine(hosts).miner.patterns().map((p) => [p.template, p.count])).toEqual([['connected to <*> in <*>', 3]]);
  });

  it('treats a component named after its noun and a fully qualified class or package name as values however few of them', () => {
    const components = ['PowerManager', 'WindowManager', 'InputReader'];
    const classes = ['org.example.FooService', 'org.example.BarHandler', 'com.android.phone'];
    const lines = [
      ...components.flatMap((c) => [`Component ${c} registered with id 12`, `Component ${c} registered with id 14`]),
      ...classes.flatMap((c) => [`Registering class ${c} for binding 3`, `Registering class ${c} for binding 5`]),
    ];
    expect(mine(lines).miner.patterns().map((p) => [p.template, p.count])).toEqual([
      ['Component <*> registered with id <*>', 6],
      ['Registering class <*> for binding <*>', 6],
    ]);
  });

  it('treats a quoted tag as a value even when it takes few values, and still tells state words apart', () => {
    const { miner } = mine(['tag "alpha" applied to build', 'tag "beta" applied to build', 'service api started', 'service api stopped']);
    expect(miner.patterns().map((p) => p.template).sort()).toEqual(['service api started', 'service api stopped', 'tag "<*>" applied to build']);
  });

  it('treats the word after a noun that names a thing, a dotted host name with a digit and a quoted field value as values however few of them', () => {
    const users = ['alice', 'bob', 'carol'];
    const hosts = ['db1.prod.internal', 'db2.prod.internal'];
    const lines = [
      ...users.flatMap((u) => [`Session opened for user ${u} from 10.1.1.7`, `Session opened for user ${u} from 10.1.1.9`]),
      ...['nginx', 'sshd'].map((name) => `Starting service ${name} now`),
      // A `Name:` label names what follows it.
      ...['guest', 'jsmith', 'administrator'].map((name) => `An account failed to log on. Account Name: ${name} Status: 0xC000006D`),
      ...hosts.flatMap((h) => [`Connected to ${h} port 5432`, `Connected to ${h} port 6432`]),
      // A state word after a name is still a different message.
      'Job 12 is running on worker 3',
      'Job 14 is queued on worker 5',
      // A quoted value of a field is a value.
      ...['mysqld', 'named'].map((comm) => `apparmor denied open comm="${comm}" fsuid=0`),
    ];
    expect(mine(lines).miner.patterns().map((p) => p.template).sort()).toEqual([
      'An account failed to log on. Account Name: <*> Status: <*>',
      'Connected to <*> port <*>',
      'Job <*> is queued on worker <*>',
      'Job <*> is running on worker <*>',
      'Session opened for user <*> from <*>',
      'Starting service <*> now',
      'apparmor denied open comm="<*>" fsuid=<*>',
    ]);
  });

  it('treats the text of a quoted field value as one value, spaces and all – but not the message of msg=', () => {
    const lines = [
      'RPC failed: method=Status.Leader error="No cluster leader"',
      'RPC failed: method=Status.Leader error="dial tcp 10.0.0.1:8300: i/o timeout"',
      'RPC failed: method=Status.Leader error="rpc error: \\"EOF\\" from server"',
      'level=info msg="Starting compaction" index=12',
      'level=info msg="Starting compaction" index=97',
      'level=info msg="Stopping compaction" index=98',
    ];
    expect(mine(lines).miner.patterns().map((p) => [p.template, p.count])).toEqual([
      ['RPC failed: method=Status.Leader error="<*>"', 3],
      ['level=info msg="Starting compaction" index=<*>', 2],
      ['level=info msg="Stopping compaction" index=<*>', 1],
    ]);
  });

  it('writes a list of values of any length as one variable, and lines with lists of different lengths are one pattern', () => {
    const lines = [
      'Gossip peers [10.0.0.1:7000, 10.0.0.2:7000] up',
      'Gossip peers [10.0.0.3:7000] up',
      'Gossip peers [10.0.0.1:7000, 10.0.0.4:7000, 10.0.0.5:7000] up',
      // Values side by side but not a list stay apart.
      'Received disconnect from 10.0.0.1: 11: bye',
      'Received disconnect from 10.0.0.2: 14: bye',
    ];
    expect(mine(lines).miner.patterns().map((p) => [p.template, p.count])).toEqual([
      ['Gossip peers [<*>] up', 3],
      ['Received disconnect from <*>: <*>: bye', 2],
    ]);
  });

  it('makes one pattern of lines that write a value in one token or in two (`chrome.exe`, `chrome.exe *64`), shown as most lines write it', () => {
    const programs = ['chrome.exe', 'Dropbox.exe', 'git.exe', 'chrome.exe *64', 'Teams.exe *64', 'chrome.exe', 'ssh.exe'];
    const lines = programs.map((program, i) => `[10.30 16:49:0${i}] ${program} - host${i}.example.com:443 open through proxy`);
    // A bracketed value after a variable is another shape: its lines stay apart.
    lines.push('freed 4 slots', 'freed 9 slots', 'freed 12 (7) slots', 'freed 31 (2) slots');
    expect(mine(lines).miner.patterns().map((p) => [p.template, p.count, p.variants.length]).sort()).toEqual([
      ['[<*>] <*> - <*> open through proxy', 7, 2],
      ['freed <*> (<*>) slots', 2, 1],
      ['freed <*> slots', 2, 1],
    ]);
  });

  it('treats the program of a syslog line (program[pid]:) as a value: one message from several programs is one pattern', () => {
    const programs = ['su(pam_unix)', 'sshd(pam_unix)', 'su(pam_unix)', 'login(pam_unix)'];
    const lines = programs.flatMap((program, i) => [
      `Jun 15 04:06:1${i} combo ${program}[2141${i}]: session opened for user cyrus by (uid=0)`,
      `Jun 15 04:07:1${i} combo ${program}[2141${i}]: session closed for user cyrus`,
    ]);
    expect(mine(lines).miner.patterns().map((p) => [p.template, p.count]).sort()).toEqual([
      ['<*> combo <*>(pam_unix)[<*>]: session closed for user cyrus', 4],
      ['<*> combo <*>(pam_unix)[<*>]: session opened for user cyrus by (uid=<*>)', 4],
    ]);
  });

  it('makes one pattern of a message from threads whose bracketed names have different lengths, but not of quoted text or a tag of capitals in brackets', () => {
    const threads = ['[main]', '[RMCommunicator Allocator]', '[IPC Server handler 5 on 9000]', '[main]', '[LeaseRenewer:ann@node-3:9000]', '[IPC Server handler 12 on 9000]'];
    const lines = threads.map((thread, i) => `2015-10-18 18:0${i}:00,123 WARN ${thread} org.apache.Client: Address change detected.`);
    // A bracket and a space open quoted text: different messages inside stay different patterns.
    lines.push(
      'message repeated 2 times: [ Failed password for bob ]',
      'message repeated 3 times: [ Failed password for bob ]',
      'message repeated 2 times: [ Accepted publickey for ann ok ]',
      // Nor is text with punctuation of its own: each error name is its own message.
      'Failed to open package. [HRESULT = 0x800f0805 - CBS_E_INVALID_PACKAGE]',
      'Failed to open package. [HRESULT = 0x800f080d - CBS_E_MANIFEST_INVALID_ITEM]',
      // Nor is a tag of words in capitals: the firewall's verdict names the message.
      ...[1, 2, 3].map((i) => `[UFW BLOCK] IN=eth0 SRC=10.0.0.${i} PROTO=TCP`),
      ...[4, 5].map((i) => `[UFW ALLOW] IN=eth0 SRC=10.0.0.${i} PROTO=TCP`),
    );
    expect(mine(lines).miner.patterns().map((p) => [p.template, p.count]).sort()).toEqual([
      ['<*> WARN [<*>] org.apache.Client: Address change detected.', 6],
      ['Failed to open package. [HRESULT = <*> - CBS_E_INVALID_PACKAGE]', 1],
      ['Failed to open package. [HRESULT = <*> - CBS_E_MANIFEST_INVALID_ITEM]', 1],
      ['[UFW ALLOW] IN=eth0 SRC=<*> PROTO=TCP', 2],
      ['[UFW BLOCK] IN=eth0 SRC=<*> PROTO=TCP', 3],
      ['message repeated <*> times: [ Accepted publickey for ann ok ]', 1],
      ['message repeated <*> times: [ Failed password for bob ]', 2],
    ]);
  });

  it('shows a thread’s name as <*> where the lines of one pattern name several threads, also when the largest part names one', () => {
    const threads = ['[main]', '[main]', '[main]', '[IPC Server handler 5 on 9000]', '[IPC Server handler 12 on 9000]'];
    const lines = threads.map((thread, i) => `WARN ${thread} org.apache.Client: Address change detected ${i}.`);
    const single = ['[main]:', '[main]:'].map((thread, i) => `INFO ${thread} Started in ${i} s`);
    expect(shownCounts(mine([...lines, ...single]).miner)).toEqual(['INFO [main]: Started in <*> x2', 'WARN [<*>] org.apache.Client: Address change detected <*>. x5']);
  });

  it('treats a token of bracketed names as a value, and keeps the brackets around its variable', () => {
    const lines = ['[logs-1][0] shard failed for [[logs][0]]', '[metrics-7][2] shard failed for [[metrics][2]]', '[logs-2][1] shard failed for [[logs][1]]'];
    expect(mine(lines).miner.patterns().map((p) => [p.template, p.count])).toEqual([['[<*>] shard failed for [[<*>]]', 3]]);
  });

  it('tells apart what happened to a thing – a verb’s past form – or the state it is in, however many such words a position holds, even after a naming noun', () => {
    const events = ['Started', 'Paused', 'Resumed', 'Stopped'];
    const lines = events.flatMap((e) => [`[instance: 4f1c2a7e-1b2c-4d5e-8f90-a1b2c3d4e5f6] VM ${e} (Lifecycle Event)`, `[instance: 9a8b7c6d-0e1f-4a2b-9c3d-5e6f7a8b9c0d] VM ${e} (Lifecycle Event)`]);
    expect(mine(lines).miner.patterns().map((p) => p.template).sort()).toEqual(events.map((e) => `[instance: <*>] VM ${e} (Lifecycle Event)`).sort());
    // So does a state it is in.
    const states = mine(['Cluster node up after 3 s', 'Cluster node down after 5 s', 'Cluster node up after 7 s', 'Peer running', 'Peer pending', 'Peer running', 'Service Healthy', 'Service Unhealthy']);
    expect(states.miner.patterns().map((p) => p.template).sort()).toEqual([
      'Cluster node down after <*>',
      'Cluster node up after <*>',
      'Peer pending',
      'Peer running',
      'Service Healthy',
      'Service Unhealthy',
    ]);
    // Other words after a naming noun are still names.
    const { miner } = mine(['Starting service nginx now', 'Starting service sshd now', 'Starting service cron now', 'Starting service named now']);
    expect(miner.patterns().map((p) => p.template)).toEqual(['Starting service <*> now']);
  });

  it('treats words that differ only in their digits as numbered instances of one thing, a value', () => {
    const lines = ['eth0', 'eth1', 'eth0', 'eth2'].map((nic, i) => `DHCPREQUEST for 10.0.0.${i} via ${nic}`);
    expect(mine(lines).miner.patterns().map((p) => [p.template, p.count])).toEqual([['DHCPREQUEST for <*> via <*>', 4]]);
    // Words that differ in letters still name different messages.
    const links = mine(['Link up on port 1', 'Link down on port 2', 'Link up on port 3']);
    expect(links.miner.patterns().map((p) => p.template).sort()).toEqual(['Link down on port <*>', 'Link up on port <*>']);
  });

  it('treats a field value (key=value or key:value) that is a package name, a comma-joined list and a process name with its masked id as values', () => {
    const lines = [
      ...['com.acme.ui', 'android', 'android'].map((name, i) => `release lock=${100 + i}, tag="Audio", name=${name}, uid=10${i}`),
      ...['yarn,alice', 'root', 'yarn,bob'].map((users) => `Changing view acls to: ${users}`),
      ...['com.apple.mdworker.shared', 'com.apple.photoanalysisd', 'com.apple.photoanalysisd'].map((name, i) => `(${name}[${400 + i}]): Service exited with abnormal code: 78`),
      ...['org.example.Alpha', 'org.example.Beta'].map((name) => `Filter added (${name}) to chain`),
      ...['SCREEN_ON', 'SCREEN_OFF', 'SCREEN_ON'].map((action) => `processHandleBroadcastAction action:android.intent.action.${action}`),
      // Brackets closed after the variable but opened in earlier tokens stay.
      ...['t12', 't7'].map((task) => `Hiding Token{ActivityRecord{u0 ${task}}} now`),
    ];
    expect(shownCounts(mine(lines).miner)).toEqual([
      // The bracket that closes inside the variable goes with it.
      '(<*>): Service exited with abnormal code: <*> x3',
      'Changing view acls to: <*> x3',
      'Filter added (<*>) to chain x2',
      'Hiding Token{ActivityRecord{u0 <*>}} now x2',
      'processHandleBroadcastAction action:<*> x3',
      'release lock=<*>, tag="<*>", name=<*>, uid=<*> x3',
    ]);
  });

  it('treats fields that vary one beside the other as one message’s data, while one field alone still tells messages apart', () => {
    const lines: string[] = [];
    for (const state of ['success', 'failed', 'skipped']) for (const queue of ['default', 'heavy']) lines.push(`Task finished: state=${state}, queue=${queue}, pid=${lines.length + 100}`);
    // One field with few words, in a line of fixed fields: each value its own message (as Loghub's Linux has `user=root`, `user=guest`).
    for (const user of ['ann', 'guest', 'ann']) lines.push(`authentication failure; logname= uid=0 tty=ssh user=${user}`);
    // Token for token: the shown template writes a user's name as `<*>` either way.
    expect(mine(lines).miner.patterns().map((p) => `${p.variants[0]} x${p.count}`).sort()).toEqual([
      'Task finished: state=<*>, queue=<*>, pid=<*> x6',
      'authentication failure; logname= uid=<*> tty=ssh user=ann x2',
      'authentication failure; logname= uid=<*> tty=ssh user=guest x1',
    ]);
  });

  it('treats names that differ only in a short label after their last dash as instances of one thing, a value', () => {
    const lines = [
      ...['node-a', 'node-b', 'node-c', 'node-a'].map((node, i) => `Successfully assigned shop/api-${i} to ${node}`),
      ...['us-east-1a', 'us-east-1b', 'us-east-1a'].map((zone) => `volume attached in ${zone}`),
      // A longer word after the dash is a word of its own: `read-only` and `read-write` are two messages.
      ...['read-only', 'read-write', 'read-only'].map((mode) => `filesystem remounted ${mode}`),
    ];
    expect(shownCounts(mine(lines).miner)).toEqual([
      'Successfully assigned shop/api-<*> to node-<*> x4',
      'filesystem remounted read-only x2',
      'filesystem remounted read-write x1',
      'volume attached in us-east-<*> x3',
    ]);
  });

  it('treats a name from code in snake case as a value, but not a label before a message or a field’s value', () => {
    const lines = [
      ...['cpu_user', 'load_one', 'mem_free', 'cpu_user'].map((metric) => `gmond: Failed to send metric ${metric}`),
      // A function's name before its message, and a field's value that may be a state, still split.
      ...['wl_update_seq:', 'wl_nd_filter:', 'wl_update_seq:'].map((fn) => `wl0: ${fn} done`),
      ...['read_only', 'read_write', 'read_only'].map((mode) => `mount check; dev= uid=0 tty=ssh mode=${mode}`),
    ];
    expect(shownCounts(mine(lines).miner)).toEqual([
      'gmond: Failed to send metric <*> x4',
      'mount check; dev= uid=<*> tty=ssh mode=read_only x2',
      'mount check; dev= uid=<*> tty=ssh mode=read_write x1',
      'wl0: wl_nd_filter: done x1',
      'wl0: wl_update_seq: done x2',
    ]);
  });

  it('treats a name of two parts joined by a slash, a digit or underscore in it, as a value: a backend and its server, a namespace and its pod', () => {
    const lines = [
      ...['be_app/web1', 'be_app/web2', 'be_static/static1', 'be_app/web1'].map((server) => `${server} changed its IP by DNS cache`),
      ...['default/web2', 'monitoring/node_exporter', 'default/web2'].map((pod) => `Evicting pod ${pod} now`),
      // Words joined by a slash still name messages.
      ...['read/write', 'read/only', 'read/write'].map((access) => `Volume mounted ${access} now`),
    ];
    expect(shownCounts(mine(lines).miner)).toEqual([
      '<*> changed its IP by DNS cache x4',
      'Evicting pod <*> now x3',
      'Volume mounted read/only now x1',
      'Volume mounted read/write now x2',
    ]);
  });

  it('treats a lone - as an empty field value: the word between it and a variable is a field too', () => {
    const lines = ['-', 'ann', 'bob', 'ann', '-'].map((user, i) => `10.0.0.${i} - ${user} [0${i + 1}/May/2024:10:00:00 +0200] "GET /items/${i} HTTP/1.1" 200 ${512 + i}`);
    // A state there still names its message.
    for (const [i, state] of ['started', 'stopped', 'started'].entries()) lines.push(`[worker-${i}] - ${state} ${100 + i}`);
    expect(shownCounts(mine(lines).miner)).toEqual([
      '<*> - <*> [<*>] "GET <*> HTTP/<*>" <*> x5',
      '[worker-<*>] - started <*> x2',
      '[worker-<*>] - stopped <*> x1',
    ]);
  });

  it('treats the last item of a bracketed list whose other items are variables as a value, unless it says what happened', () => {
    const lines: string[] = [];
    for (const [i, process] of ['powerd', 'WindowServer', 'mDNSResponder', 'powerd'].entries()) lines.push(`PM response took ${1000 + i} ms (${50 + i}, ${process})`);
    for (const [i, state] of ['running', 'stopped', 'running'].entries()) lines.push(`worker pool (${i + 2}, ${state})`);
    // After constant text the word may name the message.
    for (const mode of ['read', 'write', 'read']) lines.push(`opened (cache, ${mode})`);
    expect(shownCounts(mine(lines).miner)).toEqual([
      'PM response took <*> (<*>) x4',
      'opened (cache, read) x2',
      'opened (cache, write) x1',
      'worker pool (<*>, running) x2',
      'worker pool (<*>, stopped) x1',
    ]);
  });

  it('treats words between two variables as a record’s field, while words among constant text or at the end still tell messages apart, as states and upper-case names do', () => {
    const lines: string[] = [];
    // An access-log record: the frontend and a field between masked fields are data.
    for (const [i, frontend] of ['fe_http', 'fe_https', 'fe_internal', 'fe_http'].entries()) {
      lines.push(`10.0.0.${i + 1}:5${i}120 [12:00:0${i}] ${frontend} 20${i} ${100 + i * 37}`);
    }
    for (const [i, user] of ['app', 'default', 'app'].entries()) lines.push(`Client closed id=${i + 7} age=${i * 40 + 3} user=${user} resp=${i * 3 + 1}`);
    // A word with constant text on one side names its message; so does a state between variables,
    for (const [i, verdict] of ['passed', 'failed', 'passed'].entries()) lines.push(`check ${i + 2} ${verdict} after ${i + 5}ms`);
    for (const [i, state] of ['started', 'stopped'].entries()) lines.push(`unit 0x${i + 10}ab ${state} 0x${i + 20}cd`);
    // and so does an upper-case name between variables (an HTTP method).
    for (const [i, method] of ['GET', 'POST', 'GET'].entries()) lines.push(`10.1.0.${i + 1} "${method} /v2/servers/${i + 40} HTTP/1.1" status: 200`);
    expect(shownCounts(mine(lines).miner)).toEqual([
      '<*> "GET <*> HTTP/<*>" status: <*> x2',
      '<*> "POST <*> HTTP/<*>" status: <*> x1',
      '<*> [<*>] <*> x4',
      'Client closed id=<*> age=<*> user=<*> resp=<*> x3',
      'check <*> failed after <*> x1',
      'check <*> passed after <*> x2',
      'unit <*> started <*> x1',
      'unit <*> stopped <*> x1',
    ]);
  });

  it('still splits on a word whose neighbours vary only from one message to another', () => {
    // `out:`/`to` sit between variables in the whole group, but `time` is constant in the lines of `out:`.
    const messages = ['Notification time out: 3200', 'Notification time out: 6400', 'Notification time out: 12800', 'tickTime set to 2000', 'maxSessionTimeout set to 40000', 'minSessionTimeout set to 4000', 'initLimit set to 10', 'syncLimit set to 5', 'Snapshotting: 0x3000dcd to /var/lib/zk/snap.3'];
    const patterns = mine(messages.map((message, i) => `12:00:0${i} - INFO [main:Peer@${900 + i}] - ${message}`)).miner.patterns();
    expect(patterns.map((p) => `${p.template} x${p.count}`)).toContain('<*> - INFO [main:Peer@<*>] - Notification time out: <*> x3');
  });

  it('drops a closing bracket after a variable when nothing before it in the template opened one', () => {
    // A list over two tokens whose opening went into the first variable: one `<*>`, as the one-item list.
    const list = ['partitions', '<*>,', '<*>)'];
    dropUnopenedClosers(list, [false, true, true]);
    expect(displayTemplate(list)).toBe('partitions <*>');
    // Brackets opened by constant tokens, or in the variable's own token, stay closed.
    const nested = ['Token{ActivityRecord{u0', '<*>}}', 'and', '(<*>])'];
    dropUnopenedClosers(nested, [false, true, false, true]);
    expect(nested).toEqual(['Token{ActivityRecord{u0', '<*>}}', 'and', '(<*>)']);
  });

  it('splits more with a higher similarity setting', () => {
    const lines = ['job colour red now', 'job colour green now', 'job colour red now', 'job colour blue now'];
    expect(mine(lines, 0).miner.patterns()).toHaveLength(1);
    expect(mine(lines, 1).miner.patterns()).toHaveLength(3);
    // State words split like upper-case state names: up to 4 of them at the lowest setting, 5 are a variable.
    const states = ['running', 'stopped', 'failed', 'paused'].map((state) => `job state ${state} now`);
    expect(mine(states, 0).miner.patterns()).toHaveLength(4);
    expect(mine([...states, 'job state queued now'], 0).miner.patterns()).toHaveLength(1);
  });

  it('match() finds the pattern of a new line without learning from it', () => {
    const { miner } = mine([...backups, ...connections]);
    const before = JSON.stringify(miner.exportState());
    expect(miner.match('Backup started at 05:05:05')?.template).toBe('Backup started at <*>');
    expect(miner.match('Connection from 172.16.0.9 closed')?.template).toBe('Connection from <*> closed');
    expect(miner.match('Something else entirely')).toBeNull();
    expect(miner.match('   ')).toBeNull();
    expect(JSON.stringify(miner.exportState())).toBe(before);
    expect(miner.lineCount).toBe(6);
  });

  it('exports and imports its state as JSON, edits included', () => {
    const { miner } = mine([...backups, ...connections, ...logins]);
    const ids = miner.patterns().map((p) => p.id);
    miner.merge([ids[0], ids[1]]);
    const json = JSON.stringify(miner.exportState());
    const restored = PatternMiner.fromState(JSON.parse(json));
    expect(restored.patterns()).toEqual(miner.patterns());
    expect(restored.editList).toEqual(miner.editList);
    expect(restored.match('User frank logged in')?.id).toBe(miner.match('User frank logged in')?.id);
    expect(() => PatternMiner.fromState({ ...JSON.parse(json), version: 2 })).toThrow(/version 2/);
    expect(() => PatternMiner.fromState({ format: 'other' } as never)).toThrow(/not a logsift patterns file/);
  });

  it('merges patterns and splits a pattern by the values at a position', () => {
    const lines = ['Cache hit for key alpha', 'Cache hit for key beta', 'Cache miss for key alpha', 'Cache miss for key gamma'];
    const { miner } = mine(lines, 0);
    expect(miner.patterns().map((p) => p.template)).toEqual(['Cache <*> for key <*>']);
    const parts = miner.split(miner.patterns()[0].id, 1);
    expect(parts).toHaveLength(2);
    expect(miner.patterns().map((p) => p.template).sort()).toEqual(['Cache hit for key <*>', 'Cache miss for key <*>']);
    expect(() => miner.split(miner.patterns()[0].id, 1)).toThrow(/do not differ/);

    const merged = miner.merge(miner.patterns().map((p) => p.id));
    expect(miner.patterns()).toHaveLength(1);
    expect(miner.patterns()[0]).toMatchObject({ id: merged, template: 'Cache <*> for key <*>', count: 4 });
    // Edits are replayed when more lines arrive.
    miner.add('Cache hit for key delta');
    expect(miner.patterns()).toHaveLength(1);
  });

  it('merges patterns of different lengths into one with variants', () => {
    const { miner } = mine(['Disk sda full', 'Disk sdb full', 'Disk sdc full', 'Disk sdd full', 'Volume is out of space']);
    const ids = miner.patterns().map((p) => p.id);
    const id = miner.merge(ids);
    const [pattern] = miner.patterns();
    expect(pattern.id).toBe(id);
    expect(pattern.count).toBe(5);
    expect(pattern.variants.sort()).toEqual(['Disk <*> full', 'Volume is out of space']);
    expect(miner.match('Volume is out of space')?.id).toBe(id);
  });
});

describe('runs of variables', () => {
  const hosts = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];
  // Lists of one to three host names: the same message, however many hosts it names.
  const lines = Array.from({ length: 30 }, (_, i) => {
    const list = hosts.slice(i % 10, (i % 10) + 1 + (i % 3)).join(' ');
    return `Removed hosts ${list} from pool ${i}`;
  });

  it('writes a run of adjacent variable tokens as one <*>, and lines of any run length are one pattern', () => {
    const { miner, patternOf } = mine(lines);
    expect(miner.patterns().map((p) => p.template)).toEqual(['Removed hosts <*> from pool <*>']);
    expect(patternOf(0).count).toBe(30);
    // Token for token, one template per list length.
    expect([...patternOf(0).variants].sort()).toEqual([
      'Removed hosts <*> <*> <*> from pool <*>',
      'Removed hosts <*> <*> from pool <*>',
      'Removed hosts <*> from pool <*>',
    ]);
    expect(miner.match('Removed hosts kilo lima from pool 99')?.id).toBe(patternOf(0).id);
  });

  it('makes one pattern of lists whose items are written alike, however many items a line has', () => {
    const item = (i: number) => `node-${i} 0x000${i}fe <ok>`;
    const lines = [4, 13, 5, 4].map((count, l) => `inconsistent nodesets ${Array.from({ length: count }, (_, i) => item(l * 20 + i)).join(' ')}`);
    // A repeated word without a variable is text of its own.
    lines.push('Received disconnect: Bye Bye', 'Received disconnect: Bye');
    const patterns = mine(lines).miner.patterns();
    expect(patterns.map((p) => `${p.template} x${p.count}`).sort()).toEqual([
      'Received disconnect: Bye Bye x1',
      'Received disconnect: Bye x1',
      'inconsistent nodesets node-<*> <ok> node-<*> <ok> node-<*> <ok> node-<*> <ok> x4',
    ]);
    expect(patterns.find((p) => p.count === 4)!.variants).toHaveLength(3);
  });

  it('keeps edits made on the shown template', () => {
    const { miner } = mine([...lines, 'Removed hosts alpha from cluster 1', 'Removed hosts bravo from cluster 2']);
    const before = miner.patterns().length;
    const id = miner.merge(miner.patterns().map((p) => p.id));
    expect(before).toBe(2);
    expect(miner.patterns()).toHaveLength(1);
    miner.add('Removed hosts india from cluster 7');
    expect(miner.patterns().map((p) => p.id)).toEqual([id]);
  });
});

describe('the shown template', () => {
  const packages = [2533552, 2533623, 2534366].map((kb, i) => `Read out cached package applicability for package: Package_for_KB${kb}~31bf3856ad364e35~amd64~~6.1.1.${i}, ApplicableState: 112`);

  it('shows a piece of a token that holds a variable, an account name and a named field’s value as a whole value, and only what is shown changes', () => {
    const lines = [
      ...packages,
      ...['root', 'guest', 'root'].map((user) => `authentication failure; logname= uid=0 tty=ssh user=${user}`),
      // A field keyed by a noun that names a thing holds a name, even where every line holds the same; another keeps its word.
      ...[1, 2].map((i) => `cache warmed host=web-1, mode=read_only entries=${i}`),
      ...[1024, 2048, 4096].map((memory, i) => `resource <memory:${memory}, vCores:${i + 1}> granted`),
      ...[123, 456, 789].map((id) => `GET /api/items/${id} HTTP/1.1 done`),
    ];
    const { miner } = mine(lines);
    expect(shownCounts(miner)).toEqual([
      // A piece with a `/` stays as it is.
      'GET <*> HTTP/<*> done x3',
      'Read out cached package applicability for package: <*>, ApplicableState: <*> x3',
      // Still two patterns: root's lines are one, as before.
      'authentication failure; logname= uid=<*> tty=ssh user=<*> x1',
      'authentication failure; logname= uid=<*> tty=ssh user=<*> x2',
      'cache warmed host=<*>, mode=read_only entries=<*> x2',
      // An angle bracket after a variable is read as a bracket.
      'resource <memory:<*>, vCores:<*>> granted x3',
    ]);
    // Token for token the pattern says what its lines write, which rules are made from.
    const packagePattern = miner.patterns().find((p) => p.template.startsWith('Read out'))!;
    expect(packagePattern.variants).toEqual(['Read out cached package applicability for package: <*>~<*>~amd64~~<*>, ApplicableState: <*>']);
  });

  it('keeps a capitalised word that spells an account name, and the constant part of a query string', () => {
    const lines = [
      ...[1, 2].map((i) => `Admin console opened from 10.0.0.${i}`),
      ...[3, 4].map((i) => `Request GET /api/orders/${i}?status=pending&page=${i} done`),
    ];
    expect(shownCounts(mine(lines).miner)).toEqual(['Admin console opened from <*> x2', 'Request GET <*>?status=pending&page=<*> done x2']);
  });

  it('merges and splits the very patterns picked where two show the same template, and keeps their ids apart', () => {
    const failure = (user: string, i: number) => `authentication failure; rhost=10.0.0.${i} user=${user}`;
    const lines = [...[1, 2, 3].map((i) => failure('root', i)), ...[4, 5].map((i) => failure('guest', i)), ...[6, 7].map((i) => failure('test', i))];
    const { miner } = mine(lines);
    const shown = 'authentication failure; rhost=<*> user=<*>';
    const twins = () => miner.patterns().filter((p) => p.template === shown);
    expect(twins().map((p) => p.count)).toEqual([3, 2, 2]);
    expect(new Set(twins().map((p) => p.id)).size).toBe(3);

    // An id stays with its lines when counts change places.
    const guestId = miner.match(failure('guest', 9))!.id;
    for (const i of [8, 9]) miner.add(failure('guest', i));
    expect(miner.match(failure('guest', 9))!.id).toBe(guestId);
    expect(twins().map((p) => p.count)).toEqual([4, 3, 2]);

    const testId = miner.match(failure('test', 9))!.id;
    const id = miner.merge([guestId, testId]);
    expect(twins().map((p) => p.count)).toEqual([6, 3]);
    // The merge keeps the key of the field whose values differ.
    expect(miner.patterns().find((p) => p.id === id)!.variants).toEqual([shown]);
    expect(miner.match(failure('root', 9))!.count).toBe(3);

    // A split works on the pattern picked, not on the first that shows the same template.
    const parts = miner.split(id, 3);
    expect(parts).toHaveLength(2);
    expect(twins().map((p) => p.count)).toEqual([4, 3, 2]);
    expect(miner.match(failure('guest', 1))!.variants).toEqual(['authentication failure; rhost=<*> user=guest']);
  });

  it('finds the pattern of an edit that names it by its tokens as the lines write them, with runs collapsed, or as shown', () => {
    const hosts = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'];
    // Two varying words in a row: a run of two variables, shown as one.
    const listed = [...packages, ...packages].map((line, i) => `${line} on ${hosts[i]} ${hosts[(i + 3) % 6]}`);
    const { miner } = mine([...listed, 'Read out cached package applicability for package: none', 'Read out cached package applicability for package: none']);
    const state = miner.exportState();
    const named = 'Read out cached package applicability for package: <*>~<*>~amd64~~<*>, ApplicableState: <*> on <*>';
    state.edits = [{ type: 'merge', templates: [named, 'Read out cached package applicability for package: none'] }];
    expect(PatternMiner.fromState(state).patterns().map((p) => p.count)).toEqual([8]);
    // And by its shown template, as a file saved by an earlier version names it.
    const shown = 'Read out cached package applicability for package: <*>, ApplicableState: <*> on <*>';
    state.edits = [{ type: 'merge', templates: [shown, 'Read out cached package applicability for package: none'] }];
    expect(PatternMiner.fromState(state).patterns().map((p) => p.count)).toEqual([8]);
  });
});

describe('minePatterns', () => {
  it('assigns every line, -1 for a blank one, with progress', async () => {
    const progress: number[] = [];
    const lines = [...backups, '', ...connections];
    const result = await minePatterns(lines, { chunkSize: 2, onProgress: (p) => progress.push(p.linesDone) });
    expect(progress).toEqual([2, 4, 6, 7]);
    expect(result.assignments[3]).toBe(-1);
    expect(result.patterns[result.assignments[0]].template).toBe('Backup started at <*>');
    expect(result.patterns[result.assignments[6]].template).toBe('Connection from <*> closed');

    // After an edit, assign() renumbers the lines.
    result.miner.merge(result.patterns.map((p) => p.id));
    const after = assign(result.miner, result.keys);
    expect(new Set(Array.from(after))).toEqual(new Set([0, -1]));
  });

  it('gives, through a MiningSession fed line by line, what it gives for the lines in memory, and the session goes on after finish', async () => {
    const lines = [...backups, '', ...connections, ...logins];
    const session = new MiningSession();
    for (const line of lines.slice(0, 4)) session.add(line);
    const early = session.finish();
    expect(early.assignments).toHaveLength(4);
    for (const line of lines.slice(4)) session.add(line);
    const streamed = session.finish();
    const inMemory = await minePatterns(lines);
    expect(session.linesDone).toBe(lines.length);
    expect(streamed.patterns.map((p) => [p.template, p.count])).toEqual(inMemory.patterns.map((p) => [p.template, p.count]));
    expect(Array.from(streamed.assignments)).toEqual(Array.from(inMemory.assignments));
  });

  it('stops with CancelledError when its signal is aborted', async () => {
    const controller = new AbortController();
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i}`);
    const run = minePatterns(lines, {
      chunkSize: 10,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.linesDone === 30) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
  });
});

describe('valueDistributions', () => {
  it('counts the values behind each <*>, with numeric ranges', () => {
    const lines = ['Backup of db1 took 12 s', 'Backup of db2 took 30 s', 'Backup of db1 took 7 s', 'not this one'];
    const [first, second] = valueDistributions('Backup of <*> took <*> s', lines);
    expect(first).toMatchObject({ slot: 0, total: 3, distinct: 2, numeric: null });
    expect(first.top).toEqual([
      { value: 'db1', count: 2 },
      { value: 'db2', count: 1 },
    ]);
    expect(second).toMatchObject({ total: 3, distinct: 3, numeric: { min: 7, max: 30 } });
  });

  it('reads variables inside tokens and variables that span words', () => {
    const [uid] = valueDistributions('session opened by (uid=<*>)', ['session opened by (uid=0)', 'session opened by (uid=48)']);
    expect(uid.top.map((v) => v.value).sort()).toEqual(['0', '48']);
    const [, sent] = valueDistributions('<*> close, <*> sent', ['a.com:80 close, 1256 bytes (1.22 KB) sent']);
    expect(sent.top[0].value).toBe('1256 bytes (1.22 KB)');
  });
});

describe('normalizeTemplate', () => {
  it('collapses whitespace and runs of <*>', () => {
    expect(normalizeTemplate('  a  <*> <*><*>   b ')).toBe('a <*> b');
  });
});

describe('saved masking rules against the defaults', () => {
  const rule = (id: string, pattern = id) => ({ id, description: '', pattern, enabled: true });
  const defaults = [rule('a'), rule('b'), rule('c'), rule('d')];

  it('names the default rules a saved list lacks or holds in another form', () => {
    expect(defaultRulesChange([rule('a'), rule('c', 'c2'), rule('mine')], defaults)).toEqual({ missing: ['b', 'd'], differing: ['c'] });
    expect(defaultRulesChange(DEFAULT_MASKING.rules)).toEqual({ missing: [], differing: [] });
  });

  it('puts the missing default rules in at their place in the defaults, keeping the user’s own rules and edits', () => {
    const saved = [rule('mine'), rule('b', 'b2'), { ...rule('d'), enabled: false }];
    expect(withMissingDefaults(saved, defaults).map((r) => [r.id, r.pattern, r.enabled])).toEqual([
      ['a', 'a', true],
      ['mine', 'mine', true],
      ['b', 'b2', true],
      ['c', 'c', true],
      ['d', 'd', false],
    ]);
    // A list saved before rules were added to the defaults gets exactly the defaults back.
    const older = DEFAULT_MASKING.rules.filter((r) => !['literal', 'hex-id', 'windows-path'].includes(r.id));
    expect(withMissingDefaults(older)).toEqual(DEFAULT_MASKING.rules);
  });
});
