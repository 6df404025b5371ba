/**
 * Security tools: network IDS (Suricata, Snort), the ModSecurity WAF, ClamAV, OSSEC/Wazuh,
 * netfilter (iptables/nftables/ufw/firewalld) kernel drop logs, Cisco ASA, Palo Alto and FortiGate
 * firewalls, and file integrity monitors (AIDE, Tripwire, auditd). Alerts, denials and detections
 * are Security Alerts; engine starts, rule loads, signature updates and connections built or torn
 * down are routine System Notifications.
 */
import type { Rng } from '../../random.ts';
import type { LogFamily, SystemSlot } from '../family.ts';
import { MONTHS } from '../slots.ts';

const two = (value: number): string => String(value).padStart(2, '0');
const hex = (rng: Rng, length: number): string => {
  let out = '';
  for (let i = 0; i < length; i++) out += '0123456789abcdef'[rng.int(0, 15)];
  return out;
};
const publicIp: SystemSlot = (rng) => `${rng.pick([45, 61, 77, 89, 103, 107, 115, 141, 159, 162, 185, 193, 194, 212, 218, 222])}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
const privateIp: SystemSlot = (rng) => (rng.int(0, 1) ? `10.${rng.int(0, 40)}.${rng.int(0, 255)}.${rng.int(1, 254)}` : `192.168.${rng.int(0, 20)}.${rng.int(1, 254)}`);
const highPort: SystemSlot = (rng) => String(rng.int(1024, 65535));
const svcPort: SystemSlot = (rng) => String(rng.pick([21, 22, 23, 25, 53, 80, 110, 135, 139, 143, 389, 443, 445, 465, 993, 1433, 1521, 2375, 3306, 3389, 5060, 5432, 5900, 6379, 8080, 8443, 9200, 11211, 27017]));
/** fast.log time: 03/03/2024-14:22:01.123456 */
const fastTime: SystemSlot = (rng, time) => {
  const d = new Date(time * 1000);
  return `${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())}/${d.getUTCFullYear()}-${d.toISOString().slice(11, 19)}.${String(rng.int(0, 999999)).padStart(6, '0')}`;
};
const slashTime: SystemSlot = (_rng, time) => {
  const iso = new Date(time * 1000).toISOString();
  return `${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)} ${iso.slice(11, 19)}`;
};

// ---------------------------------------------------------------------------------------------
// IDS signatures shared by Suricata and Snort: [gid:sid:rev] msg [Classification] [Priority]
const SIGNATURES: readonly (readonly [string, string, number])[] = [
  ['ET SCAN Suspicious inbound to MSSQL port 1433', 'Potentially Bad Traffic', 2],
  ['ET SCAN Suspicious inbound to mySQL port 3306', 'Potentially Bad Traffic', 2],
  ['ET SCAN Suspicious inbound to PostgreSQL port 5432', 'Potentially Bad Traffic', 2],
  ['ET SCAN Potential SSH Scan', 'Attempted Information Leak', 2],
  ['ET SCAN Potential VNC Scan 5900-5920', 'Attempted Information Leak', 2],
  ['ET SCAN NMAP -sS window 1024', 'Attempted Information Leak', 2],
  ['ET SCAN Nmap Scripting Engine User-Agent Detected (Nmap Scripting Engine)', 'Web Application Attack', 1],
  ['ET SCAN Zmap User-Agent (Inbound)', 'Detection of a Network Scan', 3],
  ['ET DROP Dshield Block Listed Source group 1', 'Misc Attack', 2],
  ['ET DROP Spamhaus DROP Listed Traffic Inbound group 12', 'Misc Attack', 2],
  ['ET CINS Active Threat Intelligence Poor Reputation IP group 39', 'Misc Attack', 2],
  ['ET COMPROMISED Known Compromised or Hostile Host Traffic group 7', 'Misc Attack', 2],
  ['ET EXPLOIT Apache log4j RCE Attempt (http ldap) (Inbound)', 'Attempted Administrator Privilege Gain', 1],
  ['ET EXPLOIT Possible Apache Struts OGNL Expression Injection (CVE-2017-5638)', 'Attempted Administrator Privilege Gain', 1],
  ['ET WEB_SERVER Possible SQL Injection Attempt UNION SELECT', 'Web Application Attack', 1],
  ['ET WEB_SERVER Script tag in URI Possible Cross Site Scripting Attempt', 'Web Application Attack', 1],
  ['ET WEB_SERVER /etc/passwd Detected in URI', 'Attempted Information Leak', 2],
  ['ET WEB_SPECIFIC_APPS WordPress xmlrpc.php system.multicall Brute Force', 'Attempted Administrator Privilege Gain', 1],
  ['ET POLICY curl User-Agent Outbound', 'Attempted Information Leak', 2],
  ['ET POLICY SSH session in progress on Unusual Port', 'Misc activity', 3],
  ['ET POLICY Suspicious inbound to Oracle SQL port 1521', 'Potentially Bad Traffic', 2],
  ['ET POLICY RDP connection request', 'Misc activity', 3],
  ['ET MALWARE Possible Windows executable sent when remote host claims to send an image', 'A Network Trojan was detected', 1],
  ['ET MALWARE Win32/Emotet CnC Activity (POST)', 'A Network Trojan was detected', 1],
  ['ET TROJAN Possible Metasploit Payload Common Construct Bind_API (from server)', 'A Network Trojan was detected', 1],
  ['ET INFO Observed DNS Query to .cloud TLD', 'Potentially Bad Traffic', 2],
  ['ET INFO Executable Download from dotted-quad Host', 'A Network Trojan was detected', 1],
  ['ET HUNTING Suspicious Powershell Encoded Command Inbound', 'Potentially Bad Traffic', 2],
  ['ET USER_AGENTS Go HTTP Client User-Agent', 'Misc activity', 3],
  ['ET ATTACK_RESPONSE Possible /etc/passwd via HTTP (linux style)', 'Successful Administrator Privilege Gain', 1],
  ['ET CURRENT_EVENTS Possible Phishing Landing Page', 'Possible Social Engineering Attempted', 2],
  ['ET DOS Possible NTP DDoS Inbound Frequent Un-Authed MON_LIST Requests', 'Attempted Denial of Service', 2],
  ['GPL ICMP_INFO PING *NIX', 'Misc activity', 3],
  ['GPL SNMP public access udp', 'Attempted Information Leak', 2],
  ['GPL ATTACK_RESPONSE id check returned root', 'Potentially Bad Traffic', 2],
  ['SURICATA STREAM ESTABLISHED packet out of window', 'Generic Protocol Command Decode', 3],
  ['SURICATA TLS invalid record/traffic', 'Generic Protocol Command Decode', 3],
  ['SURICATA HTTP unable to match response to request', 'Generic Protocol Command Decode', 3],
  ['SURICATA Applayer Detect protocol only one direction', 'Generic Protocol Command Decode', 3],
  ['SERVER-WEBAPP PHP-CGI remote file include attempt', 'Attempted User Privilege Gain', 1],
  ['SERVER-OTHER Apache Log4j logging remote code execution attempt', 'Attempted User Privilege Gain', 1],
  ['INDICATOR-SCAN SSH brute force login attempt', 'Misc Activity', 3],
  ['PROTOCOL-ICMP PING Unix', 'Misc activity', 3],
  ['OS-WINDOWS Microsoft Windows SMB remote code execution attempt', 'Attempted Administrator Privilege Gain', 1],
  ['MALWARE-CNC Win.Trojan.Agent outbound connection', 'A Network Trojan was detected', 1],
  ['POLICY-OTHER Adobe ColdFusion admin interface access attempt', 'Potential Corporate Privacy Violation', 1],
];
const sigParts = (rng: Rng) => rng.pick(SIGNATURES);
const sidSlot: SystemSlot = (rng) => `1:${rng.pick([rng.int(2000000, 2035999), rng.int(2400000, 2403999), rng.int(2500000, 2522999), rng.int(1000, 60000), rng.int(2210000, 2230050)])}:${rng.int(1, 20)}`;
/** The body of a fast-format alert: `[**] [1:sid:rev] msg [**] [Classification: x] [Priority: n] {TCP} a:p -> b:q` */
const fastAlert: SystemSlot = (rng) => {
  const [msg, cls, prio] = sigParts(rng);
  const proto = rng.pick(['TCP', 'TCP', 'TCP', 'UDP', 'ICMP']);
  const src = rng.int(0, 2) ? publicIp(rng, 0) : privateIp(rng, 0);
  const dst = privateIp(rng, 0);
  const ends = proto === 'ICMP' ? `${src} -> ${dst}` : `${src}:${highPort(rng, 0)} -> ${dst}:${svcPort(rng, 0)}`;
  return `[**] [${sidSlot(rng, 0)}] ${msg} [**] [Classification: ${cls}] [Priority: ${prio}] {${proto}} ${ends}`;
};
const sigMsg: SystemSlot = (rng) => sigParts(rng)[0];
const sigClass: SystemSlot = (rng) => sigParts(rng)[1];

export const SURICATA: LogFamily = {
  id: 'suricata',
  group: 'security',
  weight: 1.2,
  program: ['suricata', 'Suricata-Main', 'suricata-update'],
  headers: ['syslog', 'rfc5424'],
  labelMix: { 'Security Alert': 42, 'System Notification': 42, Error: 8, 'Resource Usage': 4, 'Critical Error': 2, 'Deprecation Warning': 2 },
  slots: {
    fastTime,
    fastAlert,
    sigMsg,
    sigClass,
    sid: sidSlot,
    publicIp,
    lanIp: privateIp,
    hiPort: highPort,
    svcPort,
    sver: ['6.0.10', '6.0.15', '7.0.2', '7.0.3', '7.0.5', '5.0.9'],
    runmode: ['workers', 'autofp', 'single'],
    capture: ['af-packet', 'pcap', 'nfqueue', 'netmap'],
    rulesFile: ['suricata.rules', 'emerging-all.rules', 'local.rules', 'emerging-scan.rules', 'botcc.rules', 'emerging-malware.rules'],
    appProto: ['http', 'tls', 'dns', 'smb', 'ssh', 'smtp', 'ftp', 'dcerpc', 'krb5', 'quic', 'http2'],
    errcode: ['SC_ERR_INVALID_SIGNATURE(39)', 'SC_ERR_DUPLICATE_SIG(176)', 'SC_ERR_UNKNOWN_PROTOCOL(124)', 'SC_ERR_INVALID_VALUE(130)'],
  },
  templates: [
    // Alerts: fast.log lines and the same alert through syslog.
    { label: 'Security Alert', text: '{fastTime}  {fastAlert}', weight: 8 },
    { label: 'Security Alert', text: '{fastAlert}', weight: 5 },
    { label: 'Security Alert', text: '[Drop] {fastAlert}', weight: 2 },
    { label: 'Security Alert', text: '{fastTime}  [Drop] [**] [{sid}] {sigMsg} [**] [Classification: {sigClass}] [Priority: {n}] {{TCP}} {publicIp}:{hiPort} -> {lanIp}:{svcPort}', weight: 2 },
    { label: 'Security Alert', text: '{{"timestamp":"{isoTime}","flow_id":{int}{int},"in_iface":"{iface}","event_type":"alert","src_ip":"{publicIp}","src_port":{hiPort},"dest_ip":"{lanIp}","dest_port":{svcPort},"proto":"TCP","alert":{{"action":"allowed","gid":1,"signature_id":{int},"rev":{n},"signature":"{sigMsg}","category":"{sigClass}","severity":{n}}}}}', weight: 4 },
    { label: 'Security Alert', text: '{{"timestamp":"{isoTime}","event_type":"alert","src_ip":"{publicIp}","dest_ip":"{lanIp}","proto":"UDP","app_proto":"dns","alert":{{"action":"blocked","signature":"{sigMsg}","category":"{sigClass}","severity":{n}}}}}', weight: 2 },
    { label: 'Security Alert', text: '{{"event_type":"anomaly","src_ip":"{publicIp}","dest_ip":"{lanIp}","anomaly":{{"type":"applayer","event":"INVALID_RECORD_TYPE","layer":"proto_parser"}},"app_proto":"tls"}}' },
    // Engine lifecycle (suricata.log, old and new formats).
    { label: 'System Notification', text: '<Notice> - This is Suricata version {sver} RELEASE running in SYSTEM mode', weight: 2 },
    { label: 'System Notification', text: 'Notice: suricata: This is Suricata version {sver} RELEASE running in SYSTEM mode [LogVersion:suricata.c:1148]' },
    { label: 'System Notification', text: '<Info> - CPUs/cores online: {n}' },
    { label: 'System Notification', text: '<Info> - {small} rule files processed. {int} rules successfully loaded, 0 rules failed', weight: 3 },
    { label: 'System Notification', text: 'Info: detect: {small} rule files processed. {int} rules successfully loaded, 0 rules failed, 0' },
    { label: 'System Notification', text: '<Info> - Threshold config parsed: {small} rule(s) found' },
    { label: 'System Notification', text: '<Info> - {int} signatures processed. {int} are IP-only rules, {int} are inspecting packet payload, {int} inspect application layer, {small} are decoder event only' },
    { label: 'System Notification', text: '<Notice> - all {n} packet processing threads, {n} management threads initialized, engine started.', weight: 2 },
    { label: 'System Notification', text: 'Notice: threads: Threads created -> W: {n} FM: 1 FR: 1   Engine started.' },
    { label: 'System Notification', text: '<Info> - Going to use {n} thread(s) for {capture} on {iface}' },
    { label: 'System Notification', text: '<Info> - {iface}: AF_PACKET RX Ring params: block_size={int} block_nr={small} frame_size={int} frame_nr={int}' },
    { label: 'System Notification', text: '<Info> - Running in live mode, activating unix socket' },
    { label: 'System Notification', text: '<Info> - Using unix socket file \'/var/run/suricata/suricata-command.socket\'' },
    { label: 'System Notification', text: '<Notice> - Signal Received.  Stopping engine.' },
    { label: 'System Notification', text: '<Info> - time elapsed {float}s' },
    { label: 'System Notification', text: '<Info> - Alerts: {count}' },
    { label: 'System Notification', text: '<Info> - cleaning up signature grouping structure... complete' },
    { label: 'System Notification', text: '<Notice> - rule reload starting' },
    { label: 'System Notification', text: '<Notice> - rule reload complete' },
    { label: 'System Notification', text: 'Info: logopenfile: eve-log output device (regular) initialized: eve.json' },
    { label: 'System Notification', text: '<Info> - fast output device (regular) initialized: fast.log' },
    { label: 'System Notification', text: '<Config> - app-layer protocol {appProto} enabled, detection enabled' },
    { label: 'System Notification', text: '<Info> - Found an MTU of {int} for \'{iface}\'' },
    { label: 'System Notification', text: '{{"timestamp":"{isoTime}","event_type":"flow","src_ip":"{lanIp}","dest_ip":"{ip}","proto":"TCP","app_proto":"{appProto}","flow":{{"pkts_toserver":{small},"pkts_toclient":{small},"bytes_toserver":{bytes},"bytes_toclient":{bytes},"state":"closed","reason":"timeout"}}}}', weight: 2 },
    { label: 'System Notification', text: '{{"timestamp":"{isoTime}","event_type":"dns","src_ip":"{lanIp}","dest_ip":"{ip}","proto":"UDP","dns":{{"type":"query","id":{int},"rrname":"{fqdn}","rrtype":"A","tx_id":0}}}}' },
    { label: 'System Notification', text: '{{"timestamp":"{isoTime}","event_type":"stats","stats":{{"uptime":{int},"capture":{{"kernel_packets":{int},"kernel_drops":0}},"decoder":{{"pkts":{int},"bytes":{int}}}}}}}' },
    // suricata-update.
    { label: 'System Notification', text: '-- Loading /etc/suricata/suricata.yaml' },
    { label: 'System Notification', text: '-- Fetching https://rules.emergingthreats.net/open/suricata-{sver}/emerging.rules.tar.gz.' },
    { label: 'System Notification', text: '-- Loaded {int} rules.' },
    { label: 'System Notification', text: '-- Disabled {small} rules.' },
    { label: 'System Notification', text: '-- Writing rules to /var/lib/suricata/rules/suricata.rules: total: {int}; enabled: {int}; added: {small}; removed {small}; modified: {count}' },
    { label: 'System Notification', text: '-- Testing with suricata -T.' },
    { label: 'System Notification', text: '-- Done.' },
    { label: 'System Notification', text: '-- Last download less than 15 minutes ago. Not downloading https://rules.emergingthreats.net/open/suricata-{sver}/emerging.rules.tar.gz.' },
    // Errors.
    { label: 'Error', text: '<Error> - [ERRCODE: {errcode}] - error parsing signature "alert http any any -> any any (msg:\\"{sigMsg}\\"; sid:{int}; rev:{n};)" from file /var/lib/suricata/rules/{rulesFile} at line {int}', weight: 2 },
    { label: 'Error', text: 'Error: detect: error parsing signature "drop tcp any any -> $HOME_NET {svcPort} (msg:\\"{sigMsg}\\";)" from file /etc/suricata/rules/{rulesFile} at line {int}' },
    { label: 'Error', text: '<Warning> - [ERRCODE: SC_ERR_PCAP_DISPATCH(20)] - error code -1 read error: The interface went down' },
    { label: 'Error', text: '<Error> - [ERRCODE: SC_ERR_AFP_CREATE(190)] - Unable to find iface {iface}: No such device' },
    { label: 'Error', text: '<Warning> - [ERRCODE: SC_ERR_SYSCALL(50)] - Failure when trying to set feature via ioctl for \'{iface}\': Operation not supported (95)' },
    { label: 'Error', text: '-- Failed to fetch https://rules.emergingthreats.net/open/suricata-{sver}/emerging.rules.tar.gz: <urlopen error [Errno -3] Temporary failure in name resolution>' },
    { label: 'Error', text: 'Error: unix-manager: failed to create socket directory /var/run/suricata/: Permission denied' },
    { label: 'Resource Usage', text: '<Notice> - Stats for \'{iface}\':  pkts: {int}, drop: {int} ({pctFloat}%), invalid chksum: 0', weight: 2 },
    { label: 'Resource Usage', text: '<Info> - {iface}: flow memcap: {int} bytes, hash size {int}, prealloc {int}' },
    { label: 'Resource Usage', text: '<Info> - stream "prealloc-sessions": {int} (per thread)  "memcap": {int}  "reassembly memcap": {int}' },
    { label: 'Resource Usage', text: '<Warning> - [ERRCODE: SC_WARN_FLOW_EMERGENCY(158)] - Flow emergency mode entered: memcap {pct}% used' },
    { label: 'Critical Error', text: '<Error> - [ERRCODE: SC_ERR_FATAL(171)] - Engine initialization failed, aborting...' },
    { label: 'Critical Error', text: 'Error: suricata: Loading signatures failed. [SigLoadSignatures:detect-engine-loader.c:{int}]' },
    { label: 'Critical Error', text: '<Error> - [ERRCODE: SC_ERR_INITIALIZATION(45)] - failed to setup/expand stream memcap, shutting down' },
    { label: 'Deprecation Warning', text: '<Warning> - [ERRCODE: SC_WARN_DEPRECATED(203)] - keyword \'{dce_iface|ssh.protoversion|ssh.softwareversion|tls_cert_notbefore}\' is deprecated and will be removed in Suricata 8, please use the sticky buffer instead' },
    { label: 'Deprecation Warning', text: 'Warning: detect: the "default-rule-path" layout with rule-files in /etc/suricata/rules is deprecated; use suricata-update managed rules instead' },
    { label: 'Deprecation Warning', text: 'Warning: conf-yaml-loader: Configuration node \'{eve-log.types.alert.http|app-layer.protocols.dcerpc.enabled|detect.profiling}\' is obsolete and will be ignored' },
  ],
};

export const SNORT: LogFamily = {
  id: 'snort',
  group: 'security',
  weight: 0.7,
  program: 'snort',
  headers: ['syslog'],
  labelMix: { 'Security Alert': 50, 'System Notification': 36, Error: 7, 'Resource Usage': 4, 'Critical Error': 2, 'Deprecation Warning': 1 },
  slots: { fastTime, fastAlert, sigMsg, sigClass, sid: sidSlot, publicIp, lanIp: privateIp, hiPort: highPort, svcPort, snortVer: ['2.9.20', '2.9.16', '3.1.74.0', '3.1.58.0'] },
  templates: [
    { label: 'Security Alert', text: '{fastAlert}', weight: 6 },
    { label: 'Security Alert', text: '{fastTime}  {fastAlert}', weight: 6 },
    { label: 'Security Alert', text: '[{sid}] {sigMsg} [Classification: {sigClass}] [Priority: {n}] {{TCP}} {publicIp}:{hiPort} -> {lanIp}:{svcPort}', weight: 4 },
    { label: 'Security Alert', text: '[{sid}] "{sigMsg}" [**] [Classification: {sigClass}] [Priority: {n}] [AppID: {name}] {{TCP}} {publicIp}:{hiPort} -> {lanIp}:{svcPort}', weight: 2 },
    { label: 'Security Alert', text: '[1:{int}:1] (portscan) TCP Portscan [Classification: Attempted Information Leak] [Priority: 2] {{PROTO:255}} {publicIp} -> {lanIp}', weight: 2 },
    { label: 'Security Alert', text: '[122:1:1] (port_scan) TCP portscan [**] [Priority: 3] {{TCP}} {publicIp}:{hiPort} -> {lanIp}:{svcPort}' },
    { label: 'Security Alert', text: '[119:{small}:1] (http_inspect) {DOUBLE DECODING ATTACK|OVERSIZE REQUEST-URI DIRECTORY|DIRECTORY TRAVERSAL|WEBROOT DIRECTORY TRAVERSAL} [Classification: Potentially Bad Traffic] [Priority: 2] {{TCP}} {publicIp}:{hiPort} -> {lanIp}:80' },
    { label: 'Security Alert', text: '[129:12:1] Consecutive TCP small segments exceeding threshold [Classification: Potentially Bad Traffic] [Priority: 2] {{TCP}} {publicIp}:{hiPort} -> {lanIp}:{svcPort}' },
    { label: 'System Notification', text: 'Commencing packet processing (pid={pid})', weight: 2 },
    { label: 'System Notification', text: 'Initializing rule chains...' },
    { label: 'System Notification', text: '{int} Snort rules read' },
    { label: 'System Notification', text: '    {int} detection rules' },
    { label: 'System Notification', text: '    {small} decoder rules' },
    { label: 'System Notification', text: '    {small} preprocessor rules' },
    { label: 'System Notification', text: '{int} Option Chains linked into {int} Chain Headers' },
    { label: 'System Notification', text: 'Initializing Network Interface {iface}' },
    { label: 'System Notification', text: 'Decoding Ethernet' },
    { label: 'System Notification', text: '--== Initialization Complete ==--' },
    { label: 'System Notification', text: '   ,,_     -*> Snort! <*-' },
    { label: 'System Notification', text: 'Version {snortVer} GRE (Build {int})' },
    { label: 'System Notification', text: 'Using libpcap version 1.10.{small} (with TPACKET_V3)' },
    { label: 'System Notification', text: 'Not Using PCAP_FRAMES' },
    { label: 'System Notification', text: 'Reload thread starting...' },
    { label: 'System Notification', text: 'Reload thread started, thread {int} ({pid})' },
    { label: 'System Notification', text: '*** Caught Term-Signal' },
    { label: 'System Notification', text: 'Snort exiting' },
    { label: 'System Notification', text: 'Snort received signal {signal}, exiting' },
    { label: 'System Notification', text: 'Daemon initialized, signaled parent pid: {pid}' },
    { label: 'System Notification', text: 'PID path stat checked out ok, PID path set to /var/run/snort/' },
    { label: 'System Notification', text: 'Writing PID "{pid}" to file "/var/run/snort/snort_{iface}.pid"' },
    { label: 'System Notification', text: 'pcap DAQ configured to passive.' },
    { label: 'System Notification', text: 'Acquiring network traffic from "{iface}".' },
    { label: 'System Notification', text: 'Loading dynamic engine /usr/lib/snort_dynamicengine/libsf_engine.so... done' },
    { label: 'Error', text: 'FATAL ERROR: /etc/snort/rules/{name}.rules({int}) Unknown rule option: \'{name}\'.' },
    { label: 'Error', text: 'WARNING: /etc/snort/snort.conf({int}) => Invalid keyword \'{name}\' for \'{name}\' preprocessor.' },
    { label: 'Error', text: 'ERROR: Can\'t start DAQ (-1) - socket: Operation not permitted!' },
    { label: 'Error', text: 'Failed to write alert to unified2 file: {errno}' },
    { label: 'Resource Usage', text: 'Total snort Fixed Memory Cost - MaxRss:{kb}' },
    { label: 'Resource Usage', text: '[ Number of patterns truncated to 20 bytes: {int} ]' },
    { label: 'Resource Usage', text: 'Dropped: {int} ({pctFloat}%) Outstanding: {int} Filtered: {int}' },
    { label: 'Critical Error', text: 'FATAL ERROR: Can\'t initialize DAQ pcap (-1) - {iface}: SIOCETHTOOL(ETHTOOL_GET_TS_INFO) ioctl failed: No such device' },
    { label: 'Critical Error', text: 'Fatal Error, Quitting..' },
    { label: 'Deprecation Warning', text: 'WARNING: /etc/snort/snort.conf({int}) => The \'{ssl_inspect|http_inspect_server flow_depth|preprocessor ftp_telnet}\' option is deprecated and will be removed in a future release.' },
  ],
};

// ---------------------------------------------------------------------------------------------
const CRS_RULES: readonly (readonly [string, string, string])[] = [
  ['942100', 'SQL Injection Attack Detected via libinjection', 'REQUEST-942-APPLICATION-ATTACK-SQLI'],
  ['942130', 'SQL Injection Attack: SQL Tautology Detected', 'REQUEST-942-APPLICATION-ATTACK-SQLI'],
  ['942260', 'Detects basic SQL authentication bypass attempts 2/3', 'REQUEST-942-APPLICATION-ATTACK-SQLI'],
  ['941100', 'XSS Attack Detected via libinjection', 'REQUEST-941-APPLICATION-ATTACK-XSS'],
  ['941160', 'NoScript XSS InjectionChecker: HTML Injection', 'REQUEST-941-APPLICATION-ATTACK-XSS'],
  ['930120', 'OS File Access Attempt', 'REQUEST-930-APPLICATION-ATTACK-LFI'],
  ['930110', 'Path Traversal Attack (/../)', 'REQUEST-930-APPLICATION-ATTACK-LFI'],
  ['932160', 'Remote Command Execution: Unix Shell Code Found', 'REQUEST-932-APPLICATION-ATTACK-RCE'],
  ['933160', 'PHP Injection Attack: High-Risk PHP Function Call Found', 'REQUEST-933-APPLICATION-ATTACK-PHP'],
  ['913100', 'Found User-Agent associated with security scanner', 'REQUEST-913-SCANNER-DETECTION'],
  ['920350', 'Host header is a numeric IP address', 'REQUEST-920-PROTOCOL-ENFORCEMENT'],
  ['920280', 'Request Missing a Host Header', 'REQUEST-920-PROTOCOL-ENFORCEMENT'],
  ['920440', 'URL file extension is restricted by policy', 'REQUEST-920-PROTOCOL-ENFORCEMENT'],
  ['921110', 'HTTP Request Smuggling Attack', 'REQUEST-921-PROTOCOL-ATTACK'],
  ['944100', 'Remote Command Execution: Suspicious Java class detected', 'REQUEST-944-APPLICATION-ATTACK-JAVA'],
];
const crs = (rng: Rng) => rng.pick(CRS_RULES);
const modsecId: SystemSlot = (rng) => {
  let out = 'Z';
  for (let i = 0; i < 26; i++) out += 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[rng.int(0, 61)];
  return out;
};
const modsecWarning: SystemSlot = (rng) => {
  const [id, msg, file] = crs(rng);
  return `ModSecurity: Warning. ${rng.pick(['Pattern match', 'detected SQLi using libinjection', 'detected XSS using libinjection', 'Matched phrase', 'Found 1 byte(s) in ARGS:q outside range'])} ${rng.pick(['"(?i)(?:union\\\\s+select)"', '"\\\\.\\\\./"', '"etc/passwd"', '"<script"', ''])} at ${rng.pick(['ARGS:id', 'ARGS:q', 'REQUEST_HEADERS:User-Agent', 'REQUEST_URI', 'ARGS_NAMES:cmd', 'REQUEST_COOKIES:session', 'REQUEST_BODY'])}. [file "/usr/share/modsecurity-crs/rules/${file}.conf"] [line "${rng.int(40, 1800)}"] [id "${id}"] [msg "${msg}"] [severity "${rng.pick(['CRITICAL', 'WARNING', 'NOTICE'])}"] [ver "OWASP_CRS/3.3.${rng.int(0, 5)}"] [tag "application-multi"] [tag "attack-${rng.pick(['sqli', 'xss', 'lfi', 'rce', 'protocol'])}"]`;
};
const modsecDeny: SystemSlot = (rng) => {
  const score = rng.int(5, 40);
  return `ModSecurity: Access denied with code 403 (phase 2). Operator GE matched 5 at TX:anomaly_score. [file "/usr/share/modsecurity-crs/rules/REQUEST-949-BLOCKING-EVALUATION.conf"] [line "${rng.int(80, 230)}"] [id "949110"] [msg "Inbound Anomaly Score Exceeded (Total Score: ${score})"] [severity "CRITICAL"] [ver "OWASP_CRS/3.3.${rng.int(0, 5)}"] [tag "anomaly-evaluation"]`;
};

export const MODSECURITY: LogFamily = {
  id: 'modsecurity',
  group: 'security',
  weight: 1,
  program: ['security2', 'security2', 'modsecurity'],
  headers: ['apache-error'],
  labelMix: { 'Security Alert': 55, 'System Notification': 28, Error: 10, 'Resource Usage': 2, 'Critical Error': 2, 'Deprecation Warning': 3 },
  slots: {
    modsecWarning,
    modsecDeny,
    uid: modsecId,
    crsId: (rng) => crs(rng)[0],
    crsMsg: (rng) => crs(rng)[1],
    site: ['www.example.com', 'shop.example.net', 'api.acme.io', 'portal.corp.local', 'blog.example.org'],
    publicIp,
    hiPort: highPort,
    phpPage: ['/wp-login.php', '/index.php', '/login', '/search', '/api/v1/users', '/admin/config.php', '/xmlrpc.php', '/cgi-bin/test.cgi', '/products', '/.env', '/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php'],
  },
  templates: [
    { label: 'Security Alert', text: '[client {publicIp}:{hiPort}] [client {publicIp}] {modsecWarning} [hostname "{site}"] [uri "{phpPage}"] [unique_id "{uid}"]', weight: 8 },
    { label: 'Security Alert', text: '[client {publicIp}:{hiPort}] [client {publicIp}] {modsecDeny} [hostname "{site}"] [uri "{phpPage}"] [unique_id "{uid}"]', weight: 6 },
    { label: 'Security Alert', text: '*{int} [client {publicIp}] ModSecurity: Access denied with code 403 (phase 2). Matched "Operator `Ge\' with parameter `5\' against variable `TX:ANOMALY_SCORE\' (Value: `{small}\' ) [file "/etc/nginx/modsec/coreruleset/rules/REQUEST-949-BLOCKING-EVALUATION.conf"] [line "{int}"] [id "949110"] [rev ""] [msg "Inbound Anomaly Score Exceeded (Total Score: {small})"] [data ""] [severity "2"] [ver "OWASP_CRS/3.3.4"] [maturity "0"] [accuracy "0"] [hostname "{ip}"] [uri "{phpPage}"] [unique_id "{int}{int}"] [ref ""], client: {publicIp}, server: {site}, request: "GET {phpPage} HTTP/1.1", host: "{site}"', weight: 4 },
    { label: 'Security Alert', text: '*{int} [client {publicIp}] ModSecurity: Warning. Matched "Operator `PmFromFile\' with parameter `scanners-user-agents.data\' against variable `REQUEST_HEADERS:User-Agent\' (Value: `{Nikto|sqlmap/1.7|masscan/1.3|zgrab/0.x|Nuclei}\' ) [id "913100"] [msg "Found User-Agent associated with security scanner"] [severity "2"], client: {publicIp}, server: {site}, request: "GET {phpPage} HTTP/1.1"', weight: 3 },
    { label: 'Security Alert', text: '[client {publicIp}] ModSecurity: Access denied with code 403 (phase 1). Match of "rx ^(?:GET|HEAD|POST|OPTIONS)$" against "REQUEST_METHOD" required. [id "911100"] [msg "Method is not allowed by policy"] [uri "{phpPage}"] [unique_id "{uid}"]', weight: 2 },
    { label: 'Security Alert', text: '[client {publicIp}] ModSecurity: Access denied with code 406 (phase 2). Pattern match "\\\\.\\\\./" at REQUEST_URI. [id "{crsId}"] [msg "{crsMsg}"] [hostname "{site}"] [uri "{phpPage}"]', weight: 2 },
    { label: 'Security Alert', text: '[client {publicIp}] ModSecurity: Access denied with connection close (phase 2). Pattern match "(?i:union.*?select)" at ARGS:id. [id "{crsId}"] [msg "{crsMsg}"]' },
    { label: 'Security Alert', text: '[client {publicIp}] ModSecurity: Access denied with code 429 (phase 1). Operator GT matched 100 at IP:request_count. [id "{int}"] [msg "Client IP exceeded request rate limit, blocking"]' },
    { label: 'Security Alert', text: '[client {publicIp}] ModSecurity: Request body no files data length is larger than the configured limit ({int}).. Deny with code (413) [hostname "{site}"] [uri "{phpPage}"]' },
    { label: 'Security Alert', text: '[client {publicIp}] ModSecurity: Warning. Operator EQ matched 0 at REQBODY_ERROR. [id "200002"] [msg "Failed to parse request body."] [data "JSON parsing error: parse error: invalid object key"]' },
    { label: 'Security Alert', text: '[client {publicIp}] ModSecurity: Warning. Match of "pm AppleWebKit Android" against "REQUEST_HEADERS:User-Agent" required. [id "920300"] [msg "Request Missing an Accept Header"] [severity "NOTICE"] [uri "{phpPage}"]' },
    { label: 'Security Alert', text: 'ModSecurity: Audit log: request from {publicIp} to {site}{phpPage} intercepted, rule {crsId} "{crsMsg}"' },
    { label: 'System Notification', text: 'ModSecurity for Apache/2.9.{n} (http://www.modsecurity.org/) configured.', weight: 3 },
    { label: 'System Notification', text: 'ModSecurity: APR compiled version="1.7.{small}"; loaded version="1.7.{small}"', weight: 2 },
    { label: 'System Notification', text: 'ModSecurity: PCRE compiled version="8.{int} "; loaded version="8.{int} 2022-12-11"' },
    { label: 'System Notification', text: 'ModSecurity: LUA compiled version="Lua 5.{n}"' },
    { label: 'System Notification', text: 'ModSecurity: YAJL compiled version="2.1.0"' },
    { label: 'System Notification', text: 'ModSecurity: LIBXML compiled version="2.9.{small}"' },
    { label: 'System Notification', text: 'ModSecurity: Status engine is currently disabled, enable it by set SecStatusEngine to On.', weight: 2 },
    { label: 'System Notification', text: 'ModSecurity-nginx v1.0.{n} (rules loaded inline/local/remote: 0/{int}/0)', weight: 2 },
    { label: 'System Notification', text: 'ModSecurity: Loaded {int} rules from /etc/modsecurity/crs/crs-setup.conf' },
    { label: 'System Notification', text: 'ModSecurity: rule engine set to {DetectionOnly|On} for virtual host {site}' },
    { label: 'System Notification', text: 'ModSecurity: Audit log: writing to /var/log/modsec_audit.log (serial)' },
    { label: 'System Notification', text: 'ModSecurity: collection "ip" key "{publicIp}_{hex8}" expired, deleting' },
    { label: 'System Notification', text: 'AH00489: Apache/2.4.{small} (Ubuntu) OpenSSL/3.0.2 configured -- resuming normal operations' },
    { label: 'System Notification', text: 'AH00094: Command line: \'/usr/sbin/apache2\'' },
    { label: 'Error', text: 'ModSecurity: Execution error - PCRE limits exceeded (-8): (null). [file "/usr/share/modsecurity-crs/rules/REQUEST-942-APPLICATION-ATTACK-SQLI.conf"] [line "{int}"] [id "{crsId}"]', weight: 2 },
    { label: 'Error', text: 'ModSecurity: Failed to write to DBM file "/var/cache/modsecurity/ip": Permission denied' },
    { label: 'Error', text: 'ModSecurity: collections_remove_stale: Failed deleting collection (name "ip", key "{publicIp}_{hex8}"): Internal error' },
    { label: 'Error', text: 'ModSecurity: Audit log: Failed to lock global mutex: {errno}' },
    { label: 'Error', text: 'ModSecurity: Could not open log file: /var/log/apache2/modsec_audit.log' },
    { label: 'Error', text: 'ModSecurity: Multipart parsing error (init): Multipart: Invalid boundary in C-T (malformed).' },
    { label: 'Error', text: 'ModSecurity: Request body processor error: XML parser error: XML: Failed parsing document.' },
    { label: 'Resource Usage', text: 'ModSecurity: Request body ({int}) is larger than the in-memory limit ({int}), buffering to disk' },
    { label: 'Resource Usage', text: 'ModSecurity: SecPcreMatchLimit set to {int}, SecPcreMatchLimitRecursion set to {int}' },
    { label: 'Critical Error', text: 'AH00526: Syntax error on line {int} of /etc/modsecurity/crs/rules/{name}.conf: ModSecurity: Found another rule with the same id' },
    { label: 'Critical Error', text: 'ModSecurity: Failed to initialise the rule engine: unable to load /etc/modsecurity/modsecurity.conf, aborting' },
    { label: 'Deprecation Warning', text: 'ModSecurity: WARNING Using transformations in SecDefaultAction is deprecated ({t:lowercase|t:urlDecodeUni|t:none}).' },
    { label: 'Deprecation Warning', text: 'ModSecurity: The {SecRequestBodyInMemoryLimit|SecGuardianLog|SecUploadKeepFiles} directive is no longer supported and will be ignored.' },
    { label: 'Deprecation Warning', text: 'ModSecurity v2 has reached end-of-life; migrate to libmodsecurity (v3) or Coraza' },
  ],
};

// ---------------------------------------------------------------------------------------------
const MALWARE = ['Win.Trojan.Agent-{int}', 'Eicar-Signature', 'Win.Test.EICAR_HDB-1', 'Doc.Dropper.Agent-{int}', 'Unix.Trojan.Mirai-{int}', 'Html.Phishing.Bank-{int}', 'PUA.Win.Packer.Upx-{int}', 'Heuristics.Phishing.Email.SpoofedDomain', 'Heuristics.Encrypted.Zip', 'Js.Coinminer.Generic-{int}', 'Xls.Downloader.Emotet-{int}', 'Php.Webshell.Generic-{int}', 'Email.Phishing.VOF-{int}', 'Sanesecurity.Malware.{int}.Zip'];
const malware: SystemSlot = (rng) => rng.pick(MALWARE).replace('{int}', String(rng.int(6500000, 10050000)));
const infectedPath: SystemSlot = (rng) => `${rng.pick(['/home/', '/var/www/html/', '/tmp/', '/srv/ftp/upload/', '/var/spool/mail/', '/home/'])}${rng.pick(['jsmith/Downloads', 'alice', 'wp-content/uploads/2024/03', 'uploads', 'bob/mail', 'incoming'])}/${rng.pick(['invoice', 'scan', 'document', 'setup', 'payment_advice', 'update', 'shell', 'img'])}${rng.int(1, 999)}.${rng.pick(['exe', 'zip', 'docm', 'xls', 'php', 'js', 'pdf', 'html', 'scr'])}`;
const ctimeDate: SystemSlot = (_rng, time) => {
  const d = new Date(time * 1000);
  return `${['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${d.toISOString().slice(11, 19)} ${d.getUTCFullYear()}`;
};

export const CLAMAV: LogFamily = {
  id: 'clamav',
  group: 'security',
  weight: 0.8,
  program: ['clamd', 'freshclam', 'clamav-milter', 'clamonacc'],
  headers: ['syslog'],
  labelMix: { 'System Notification': 55, 'Security Alert': 22, Error: 12, 'Resource Usage': 5, 'Critical Error': 3, 'Deprecation Warning': 3 },
  slots: {
    malware,
    infectedPath,
    ctimeDate,
    dbName: ['daily', 'main', 'bytecode'],
    cvdExt: ['cld', 'cvd'],
    clamVer: ['0.103.11', '1.0.3', '1.0.5', '1.2.1', '1.3.0', '1.4.1'],
    mirrorIp: ['104.16.218.84', '104.16.219.84', '2606:4700::6810:da54'],
    feature: ['Archive', 'Portable Executable', 'ELF', 'Mail files', 'OLE2', 'PDF', 'SWF', 'HTML', 'XMLDOCS', 'HWP3', 'OneNote', 'Image'],
    limitName: ['MaxScanSize', 'MaxFileSize', 'MaxRecursion', 'MaxFiles', 'MaxEmbeddedPE', 'MaxHTMLNormalize', 'MaxScriptNormalize', 'PCREMaxFileSize'],
  },
  templates: [
    { label: 'Security Alert', text: '{infectedPath}: {malware} FOUND', weight: 8 },
    { label: 'Security Alert', text: 'instream({ip}@{port}): {malware} FOUND', weight: 3 },
    { label: 'Security Alert', text: 'fdpass(): {malware} FOUND' },
    { label: 'Security Alert', text: '{infectedPath}: moved to \'/var/lib/clamav/quarantine/{file}\'' },
    { label: 'Security Alert', text: 'Message {hex8} from <{email}> to <{email}> with subject \'{word} {name}\' message-id \'<{hex16}@{fqdn}>\' date \'{ctimeDate}\' infected by {malware}', weight: 2 },
    { label: 'Security Alert', text: 'ClamInotif: {infectedPath}: {malware} FOUND, access blocked' },
    { label: 'Security Alert', text: 'ClamClient: {infectedPath}: {malware} FOUND' },
    { label: 'Security Alert', text: 'LibClamAV Warning: Detected {Broken.Executable|Heuristics.Structured.CreditCardNumber|Heuristics.Limits.Exceeded.MaxFileSize} in {infectedPath}' },
    { label: 'System Notification', text: '{dbName}.{cvdExt} database is up-to-date (version: {int}, sigs: {int}, f-level: 90, builder: {raynman|sigmgr|neo})', weight: 4 },
    { label: 'System Notification', text: '{dbName}.{cvdExt} updated (version: {int}, sigs: {int}, f-level: 90, builder: {raynman|sigmgr})', weight: 3 },
    { label: 'System Notification', text: 'Database updated ({int} signatures) from database.clamav.net (IP: {mirrorIp})', weight: 2 },
    { label: 'System Notification', text: 'ClamAV update process started at {ctimeDate}', weight: 2 },
    { label: 'System Notification', text: '--------------------------------------' },
    { label: 'System Notification', text: 'Clamd successfully notified about the update.' },
    { label: 'System Notification', text: 'Received signal: wake up' },
    { label: 'System Notification', text: 'Testing database: \'/var/lib/clamav/tmp.{hex8}/clamav-{hex32}.tmp-daily.cld\' ...' },
    { label: 'System Notification', text: 'Database test passed.' },
    { label: 'System Notification', text: 'SelfCheck: Database status OK.', weight: 4 },
    { label: 'System Notification', text: 'Reading databases from /var/lib/clamav' },
    { label: 'System Notification', text: 'Database modification detected. Forcing reload.' },
    { label: 'System Notification', text: 'Database correctly reloaded ({int} signatures)' },
    { label: 'System Notification', text: 'Loaded {int} signatures.' },
    { label: 'System Notification', text: 'clamd daemon {clamVer} (OS: linux-gnu, ARCH: x86_64, CPU: x86_64)' },
    { label: 'System Notification', text: 'Running as user clamav (UID {uid}, GID {uid})' },
    { label: 'System Notification', text: 'LOCAL: Unix socket file /var/run/clamav/clamd.ctl' },
    { label: 'System Notification', text: 'LOCAL: Removing stale socket file /run/clamav/clamd.ctl' },
    { label: 'System Notification', text: 'TCP: Bound to [{ip}]:3310' },
    { label: 'System Notification', text: '{feature} support enabled.', weight: 2 },
    { label: 'System Notification', text: 'Heuristic alerts enabled.' },
    { label: 'System Notification', text: 'Not loading PUA signatures.' },
    { label: 'System Notification', text: 'Bytecode: Security mode set to "TrustSigned".' },
    { label: 'System Notification', text: 'Self checking every {int} seconds.' },
    { label: 'System Notification', text: 'Listening daemon: PID: {pid}' },
    { label: 'System Notification', text: 'Received {small} file descriptor(s) from systemd.' },
    { label: 'System Notification', text: 'Waiting for all threads to finish' },
    { label: 'System Notification', text: 'Socket file removed.' },
    { label: 'System Notification', text: 'Pid file removed.' },
    { label: 'System Notification', text: '--- Stopped at {ctimeDate}' },
    { label: 'System Notification', text: '+++ Started at {ctimeDate}' },
    { label: 'System Notification', text: '{path}: OK' },
    { label: 'System Notification', text: '{path}: Empty file' },
    { label: 'System Notification', text: '{path}: Excluded' },
    { label: 'System Notification', text: '----------- SCAN SUMMARY -----------' },
    { label: 'System Notification', text: 'Known viruses: {int}' },
    { label: 'System Notification', text: 'Engine version: {clamVer}' },
    { label: 'System Notification', text: 'Scanned files: {count}' },
    { label: 'System Notification', text: 'Infected files: {small}' },
    { label: 'System Notification', text: 'Time: {float} sec ({small} m {small} s)' },
    { label: 'System Notification', text: 'ClamInotif: watching \'{dir}\' (and all sub-directories)' },
    { label: 'Resource Usage', text: 'Limits: {limitName} limit set to {int} bytes.', weight: 3 },
    { label: 'Resource Usage', text: 'Limits: Global time limit set to {int} milliseconds.' },
    { label: 'Resource Usage', text: 'Log file size limited to {int} bytes.' },
    { label: 'Resource Usage', text: 'LOCAL: Setting connection queue length to {int}' },
    { label: 'Resource Usage', text: 'MaxQueue set to: {int}' },
    { label: 'Resource Usage', text: 'Data scanned: {float} MB' },
    { label: 'Resource Usage', text: 'LibClamAV Warning: cli_scanxz: decompress file size exceeds limits - only scanning {int} bytes' },
    { label: 'Error', text: 'Can\'t query current.cvd.clamav.net' },
    { label: 'Error', text: 'Invalid DNS reply. Falling back to HTTP mode.' },
    { label: 'Error', text: 'Download failed ({small}) Error: Couldn\'t resolve host name', weight: 2 },
    { label: 'Error', text: 'ERROR: Can\'t download {dbName}.cvd from https://database.clamav.net/{dbName}.cvd' },
    { label: 'Error', text: 'WARNING: FreshClam received error code 429 from the ClamAV Content Delivery Network (CDN). This means that you have been rate limited by the CDN.' },
    { label: 'Error', text: 'WARNING: Mirror https://database.clamav.net is not synchronized.' },
    { label: 'Error', text: 'Clamd was NOT notified: Can\'t connect to clamd through /var/run/clamav/clamd.ctl: {errno}' },
    { label: 'Error', text: '{path}: Can\'t open file or directory ERROR' },
    { label: 'Error', text: 'LibClamAV Error: cli_gentempfd_with_prefix: Can\'t create temporary file {path}: {errno}' },
    { label: 'Error', text: 'LibClamAV Warning: Bytecode {int}: timed out' },
    { label: 'Error', text: 'ERROR: Update failed for database: {dbName}' },
    { label: 'Critical Error', text: 'ERROR: Can\'t open/parse the config file /etc/clamav/clamd.conf' },
    { label: 'Critical Error', text: 'LibClamAV Error: cli_loaddbdir(): No supported database files found in /var/lib/clamav' },
    { label: 'Critical Error', text: 'ERROR: Malformed database' },
    { label: 'Critical Error', text: 'ERROR: Database initialization error: Can\'t allocate memory' },
    { label: 'Deprecation Warning', text: 'WARNING: Your ClamAV installation is OUTDATED!' },
    { label: 'Deprecation Warning', text: 'WARNING: Local version: {clamVer} Recommended version: 1.4.{small}' },
    { label: 'Deprecation Warning', text: 'WARNING: ClamAV {clamVer} has reached end-of-life and its signature downloads will be blocked; please upgrade to a supported release.' },
    { label: 'Deprecation Warning', text: 'WARNING: Ignoring deprecated option {AllowSupplementaryGroups|ScanOnAccess|DetectBrokenExecutables|ArchiveBlockEncrypted|AlgorithmicDetection} at /etc/clamav/{clamd|freshclam}.conf:{small}' },
  ],
};

// ---------------------------------------------------------------------------------------------
const WAZUH_RULES: readonly (readonly [string, string, string, string])[] = [
  ['5710', '5', 'sshd: Attempt to login using a non-existent user', 'syslog,sshd,invalid_login,authentication_failed,'],
  ['5716', '5', 'sshd: authentication failed.', 'syslog,sshd,authentication_failed,'],
  ['5712', '10', 'sshd: brute force trying to get access to the system. Non existent user.', 'syslog,sshd,authentication_failures,'],
  ['5720', '10', 'sshd: Multiple authentication failures.', 'syslog,sshd,authentication_failures,'],
  ['5503', '5', 'PAM: User login failed.', 'pam,syslog,authentication_failed,'],
  ['40111', '10', 'Multiple authentication failures.', 'syslog,attacks,authentication_failures,'],
  ['31151', '10', 'Multiple web server 400 error codes from same source ip.', 'web,accesslog,web_scan,recon,'],
  ['31103', '7', 'SQL injection attempt.', 'web,accesslog,attack,sql_injection,'],
  ['31106', '6', 'A web attack returned code 200 (success).', 'web,accesslog,attack,'],
  ['550', '7', 'Integrity checksum changed.', 'ossec,syscheck,syscheck_entry_modified,syscheck_file,'],
  ['554', '5', 'File added to the system.', 'ossec,syscheck,syscheck_entry_added,syscheck_file,'],
  ['553', '7', 'File deleted.', 'ossec,syscheck,syscheck_entry_deleted,syscheck_file,'],
  ['510', '7', 'Host-based anomaly detection event (rootcheck).', 'ossec,rootcheck,'],
  ['100002', '12', 'Suricata: Alert - ET EXPLOIT Apache log4j RCE Attempt', 'ids,suricata,'],
  ['87105', '10', 'VirusTotal: Alert - /tmp/x.sh - 24 engines detected this file', 'virustotal,'],
  ['60122', '5', 'Logon Failure - Unknown user or bad password', 'windows,windows_security,authentication_failed,'],
];
const wazuhRule = (rng: Rng) => rng.pick(WAZUH_RULES);
const ossecTime: SystemSlot = slashTime;

export const WAZUH: LogFamily = {
  id: 'ossec-wazuh',
  group: 'security',
  weight: 1,
  program: ['ossec', 'wazuh-manager', 'wazuh-agent'],
  labelMix: { 'System Notification': 48, 'Security Alert': 28, Error: 10, 'User Action': 6, 'Resource Usage': 3, 'Critical Error': 2, 'Deprecation Warning': 3 },
  slots: {
    ossecTime,
    publicIp,
    agentId: (rng) => String(rng.int(1, 250)).padStart(3, '0'),
    alertId: (rng, time) => `${time}.${rng.int(1000, 99999999)}`,
    secRule: (rng) => {
      const [id, level, desc] = wazuhRule(rng);
      return `Rule: ${id} (level ${level}) -> '${desc}'`;
    },
    secGroups: (rng) => wazuhRule(rng)[3],
    secDesc: (rng) => wazuhRule(rng)[2],
    secRuleId: (rng) => wazuhRule(rng)[0],
    daemon: ['wazuh-analysisd', 'wazuh-remoted', 'wazuh-logcollector', 'wazuh-syscheckd', 'wazuh-modulesd', 'wazuh-agentd', 'wazuh-execd', 'wazuh-db', 'wazuh-monitord', 'ossec-analysisd', 'ossec-remoted'],
    logFile: ['/var/log/auth.log', '/var/log/syslog', '/var/log/secure', '/var/log/nginx/access.log', '/var/log/apache2/error.log', '/var/log/dpkg.log', '/var/ossec/logs/active-responses.log'],
    osName: ['Ubuntu Jammy', 'Debian Bookworm', 'Red Hat Enterprise Linux 9', 'Amazon Linux 2', 'Windows', 'NVD'],
  },
  templates: [
    // Alerts (alerts.log, syslog_output and alerts.json).
    { label: 'Security Alert', text: '{secRule}', weight: 5 },
    { label: 'Security Alert', text: '** Alert {alertId}: - {secGroups}', weight: 3 },
    { label: 'Security Alert', text: '** Alert {alertId}: mail  - {secGroups}' },
    { label: 'Security Alert', text: 'ossec: Alert Level: {small}; Rule: {secRuleId} - {secDesc}; Location: ({host}) {ip}->{logFile}; srcip: {publicIp}; user: {probeUser};', weight: 4 },
    { label: 'Security Alert', text: 'Alert Level: {small}; Rule: {secRuleId} - {secDesc}; Location: {host}->{logFile}; classification: {secGroups}', weight: 2 },
    { label: 'Security Alert', text: '{{"timestamp":"{isoTime}","rule":{{"level":{small},"description":"{secDesc}","id":"{secRuleId}","firedtimes":{small},"mail":false,"groups":["syslog","sshd","authentication_failed"]}},"agent":{{"id":"{agentId}","name":"{host}","ip":"{ip}"}},"manager":{{"name":"{host}"}},"data":{{"srcip":"{publicIp}","srcport":"{port}","dstuser":"{probeUser}"}},"location":"{logFile}"}}', weight: 4 },
    { label: 'Security Alert', text: '{{"timestamp":"{isoTime}","rule":{{"level":7,"description":"Integrity checksum changed.","id":"550","groups":["ossec","syscheck"]}},"agent":{{"id":"{agentId}","name":"{host}"}},"syscheck":{{"path":"{path}","event":"modified","changed_attributes":["size","mtime","md5","sha1","sha256"]}}}}', weight: 2 },
    { label: 'Security Alert', text: 'Integrity checksum changed for: \'{path}\'' },
    { label: 'Security Alert', text: 'Src IP: {publicIp}' },
    { label: 'Security Alert', text: '{ossecTime} wazuh-remoted: WARNING: (1408): Invalid ID {agentId} for the source ip: \'{publicIp}\' (name \'unknown\').', weight: 2 },
    { label: 'Security Alert', text: '{ossecTime} wazuh-authd: ERROR: Invalid password provided by {publicIp}. Closing connection.' },
    { label: 'Security Alert', text: '{ossecTime} wazuh-execd: INFO: Active response: firewall-drop add {publicIp} (rule {secRuleId})' },
    { label: 'Security Alert', text: 'Trojaned version of file \'/bin/{ls|ps|netstat|passwd}\' detected. Signature used: \'bash|^/bin/sh|file\\.h|proc\\.h|/dev/[^n]|^/bin/.*sh\' (Generic).' },
    { label: 'User Action', text: 'Rule: 5501 (level 3) -> \'PAM: Login session opened.\'', weight: 2 },
    { label: 'User Action', text: 'Rule: 5502 (level 3) -> \'PAM: Login session closed.\'' },
    { label: 'User Action', text: 'Rule: 5402 (level 3) -> \'Successful sudo to ROOT executed.\'', weight: 2 },
    { label: 'User Action', text: 'Rule: 5715 (level 3) -> \'sshd: authentication success.\'', weight: 2 },
    { label: 'User Action', text: 'Rule: 5902 (level 8) -> \'New user added to the system.\'' },
    { label: 'User Action', text: 'Rule: 2902 (level 7) -> \'New dpkg (Debian Package) installed.\'' },
    // Daemon log (ossec.log).
    { label: 'System Notification', text: 'Rule: 502 (level 3) -> \'Wazuh server started.\'' },
    { label: 'System Notification', text: 'Rule: 591 (level 3) -> \'Log file rotated.\'' },
    { label: 'System Notification', text: '{ossecTime} {daemon}: INFO: Started (pid: {pid}).', weight: 3 },
    { label: 'System Notification', text: '{ossecTime} wazuh-agentd: INFO: Connected to the server ([{ip}]:1514/tcp).', weight: 2 },
    { label: 'System Notification', text: '{ossecTime} wazuh-agentd: INFO: (4102): Connected to the server ([{ip}]:1514/tcp).' },
    { label: 'System Notification', text: '{ossecTime} wazuh-agentd: INFO: Agent is restarting due to shared configuration changes.' },
    { label: 'System Notification', text: '{ossecTime} wazuh-logcollector: INFO: (1950): Analyzing file: \'{logFile}\'.', weight: 2 },
    { label: 'System Notification', text: '{ossecTime} wazuh-logcollector: INFO: Monitoring output of command({small}): df -P' },
    { label: 'System Notification', text: '{ossecTime} wazuh-analysisd: INFO: Total rules enabled: \'{int}\'' },
    { label: 'System Notification', text: '{ossecTime} wazuh-analysisd: INFO: (7200): Logtest started' },
    { label: 'System Notification', text: '{ossecTime} wazuh-syscheckd: INFO: (6008): File integrity monitoring scan started.', weight: 2 },
    { label: 'System Notification', text: '{ossecTime} wazuh-syscheckd: INFO: (6009): File integrity monitoring scan ended.', weight: 2 },
    { label: 'System Notification', text: '{ossecTime} wazuh-syscheckd: INFO: (6003): Monitoring path: \'{dir}\', with options \'size | permissions | owner | group | mtime | inode | hash_md5 | hash_sha1 | hash_sha256\'.' },
    { label: 'System Notification', text: '{ossecTime} rootcheck: INFO: Starting rootcheck scan.' },
    { label: 'System Notification', text: '{ossecTime} rootcheck: INFO: Ending rootcheck scan.' },
    { label: 'System Notification', text: '{ossecTime} wazuh-modulesd:syscollector: INFO: Evaluation finished.' },
    { label: 'System Notification', text: '{ossecTime} wazuh-modulesd:syscollector: INFO: Starting evaluation.' },
    { label: 'System Notification', text: '{ossecTime} wazuh-modulesd:vulnerability-detector: INFO: (5461): Starting {osName} database update.' },
    { label: 'System Notification', text: '{ossecTime} wazuh-modulesd:vulnerability-detector: INFO: (5494): The update of the {osName} feed finished successfully.' },
    { label: 'System Notification', text: '{ossecTime} wazuh-authd: INFO: New connection from {ip}' },
    { label: 'System Notification', text: '{ossecTime} wazuh-authd: INFO: Received request for a new agent ({host}) from: {ip}' },
    { label: 'System Notification', text: '{ossecTime} wazuh-authd: INFO: Agent key generated for \'{host}\' (requested by any)' },
    { label: 'System Notification', text: '{ossecTime} wazuh-remoted: INFO: (1410): Reading authentication keys file.' },
    { label: 'System Notification', text: '{ossecTime} wazuh-monitord: INFO: (1225): SIGNAL [(15)-(Terminated)] Received. Exit Cleaning...' },
    { label: 'System Notification', text: '{ossecTime} wazuh-execd: INFO: Active response command not present: \'{name}\'. Not using it on this system.' },
    { label: 'System Notification', text: '{ossecTime} sca: INFO: Evaluation finished for policy \'/var/ossec/ruleset/sca/cis_ubuntu22-04.yml\'' },
    { label: 'Error', text: '{ossecTime} wazuh-agentd: ERROR: (1216): Unable to connect to \'[{ip}]:1514/tcp\': \'Connection refused\'.', weight: 2 },
    { label: 'Error', text: '{ossecTime} wazuh-agentd: WARNING: Server unavailable. Setting lock.' },
    { label: 'Error', text: '{ossecTime} {daemon}: ERROR: (1103): Could not open file \'{path}\' due to [(2)-(No such file or directory)].' },
    { label: 'Error', text: '{ossecTime} wazuh-remoted: ERROR: (1210): Queue \'queue/sockets/queue\' not accessible: \'Queue not found\'.' },
    { label: 'Error', text: '{ossecTime} wazuh-modulesd:vulnerability-detector: ERROR: (5500): The \'{osName}\' database could not be fetched.' },
    { label: 'Error', text: '{ossecTime} wazuh-logcollector: ERROR: (1962): Unable to read from \'{logFile}\': {errno}' },
    { label: 'Error', text: '{ossecTime} wazuh-remoted: WARNING: Message queue is full ({int}). Events may be lost.' },
    { label: 'Error', text: '{ossecTime} wazuh-db: ERROR: Failed to execute SQL statement: database is locked' },
    { label: 'Resource Usage', text: '{ossecTime} wazuh-analysisd: INFO: EPS limit enabled, EPS: \'{int}\', timeframe: \'10\'' },
    { label: 'Resource Usage', text: '{ossecTime} wazuh-agentd: INFO: Agent buffer at {pct} %.' },
    { label: 'Resource Usage', text: '{ossecTime} wazuh-syscheckd: INFO: (6040): The maximum limit of files monitored ({int}) has been reached. Monitored files: {int}' },
    { label: 'Critical Error', text: '{ossecTime} wazuh-analysisd: CRITICAL: (1226): Error reading XML file \'etc/ossec.conf\': XMLERR: Element \'{name}\' not closed. (line {int}).' },
    { label: 'Critical Error', text: '{ossecTime} wazuh-remoted: CRITICAL: (1206): Unable to Bind port \'1514\' due to [(98)-(Address already in use)]' },
    { label: 'Deprecation Warning', text: '{ossecTime} wazuh-modulesd: WARNING: \'{update_ubuntu_oval|update_redhat_oval|os}\' option at module \'vulnerability-detector\' is deprecated. Use \'provider\' instead.' },
    { label: 'Deprecation Warning', text: '{ossecTime} wazuh-syscheckd: WARNING: (1235): The \'{frequency|scan_on_start|auto_ignore}\' option is deprecated and will be removed in future versions.' },
    { label: 'Deprecation Warning', text: '{ossecTime} wazuh-analysisd: WARNING: Legacy rule syntax detected in \'etc/rules/local_rules.xml\'; the \'<{if_fts|check_diff}>\' element is obsolete.' },
  ],
};

// ---------------------------------------------------------------------------------------------
const ktime: SystemSlot = (rng) => `[${String(rng.int(1, 9999999)).padStart(5, ' ')}.${String(rng.int(0, 999999)).padStart(6, '0')}] `;
const ipHdr = (rng: Rng, proto: string, src: string, dst: string): string => {
  const base = `SRC=${src} DST=${dst} LEN=${rng.int(40, 1500)} TOS=0x00 PREC=0x00 TTL=${rng.int(30, 255)} ID=${rng.int(0, 65535)}${rng.int(0, 1) ? ' DF' : ''}`;
  if (proto === 'ICMP') return `${base} PROTO=ICMP TYPE=8 CODE=0 ID=${rng.int(1, 65535)} SEQ=${rng.int(1, 999)}`;
  if (proto === 'UDP') return `${base} PROTO=UDP SPT=${highPort(rng, 0)} DPT=${svcPort(rng, 0)} LEN=${rng.int(8, 500)}`;
  return `${base} PROTO=TCP SPT=${highPort(rng, 0)} DPT=${svcPort(rng, 0)} WINDOW=${rng.pick([1024, 29200, 64240, 65535, 14600])} RES=0x00 SYN URGP=0`;
};
const macHdr = (rng: Rng): string => Array.from({ length: 14 }, () => hex(rng, 2)).join(':');
/** `IN=eth0 OUT= MAC=.. SRC=.. DST=.. LEN=.. ... PROTO=TCP SPT=.. DPT=..` from an outside source. */
const nfInbound: SystemSlot = (rng) => `IN=${rng.pick(['eth0', 'ens3', 'enp0s3', 'ens160', 'wan0', 'ppp0'])} OUT= MAC=${macHdr(rng)} ${ipHdr(rng, rng.pick(['TCP', 'TCP', 'TCP', 'UDP', 'ICMP']), publicIp(rng, 0), privateIp(rng, 0))}`;
const nfOutbound: SystemSlot = (rng) => `IN= OUT=${rng.pick(['eth0', 'ens3', 'wg0', 'tun0'])} ${ipHdr(rng, rng.pick(['TCP', 'UDP']), privateIp(rng, 0), publicIp(rng, 0))}`;
const nfForward: SystemSlot = (rng) => `IN=${rng.pick(['br0', 'docker0', 'lan0', 'eth1'])} OUT=${rng.pick(['eth0', 'wan0'])} MAC=${macHdr(rng)} ${ipHdr(rng, rng.pick(['TCP', 'UDP']), privateIp(rng, 0), publicIp(rng, 0))}`;

export const NETFILTER: LogFamily = {
  id: 'netfilter',
  group: 'security',
  weight: 1.2,
  program: ['kernel', 'kernel', 'kernel', 'firewalld', 'ufw'],
  headers: ['syslog'],
  labelMix: { 'Security Alert': 55, 'System Notification': 30, Error: 6, 'Resource Usage': 4, 'Deprecation Warning': 3, 'Critical Error': 1, 'User Action': 1 },
  slots: {
    ktime,
    inbound: nfInbound,
    outbound: nfOutbound,
    forward: nfForward,
    publicIp,
    dport: svcPort,
    zone: ['public', 'external', 'dmz', 'internal', 'block', 'drop'],
    chainPrefix: ['IPTABLES-DROP: ', 'iptables denied: ', 'DROP INPUT: ', 'INPUT-DROP ', 'IPT-IN-DROP: ', 'Dropped by firewall: ', '[nftables] Inbound Denied: ', 'nft drop in: ', 'nftables-dropped: ', 'BLOCKED IN: ', 'REJECT-IN: ', 'fw-drop '],
    kver: ['5.15.0-97-generic', '6.1.0-18-amd64', '5.14.0-362.el9.x86_64', '6.8.0-31-generic'],
  },
  templates: [
    { label: 'Security Alert', text: '{ktime}[UFW BLOCK] {inbound}', weight: 8 },
    { label: 'Security Alert', text: '[UFW BLOCK] {inbound}', weight: 4 },
    { label: 'Security Alert', text: '{ktime}[UFW LIMIT BLOCK] {inbound}', weight: 2 },
    { label: 'Security Alert', text: '{ktime}{chainPrefix}{inbound}', weight: 8 },
    { label: 'Security Alert', text: '{chainPrefix}{inbound}', weight: 3 },
    { label: 'Security Alert', text: '{ktime}IPTABLES-OUT-DROP: {outbound}', weight: 2 },
    { label: 'Security Alert', text: '{ktime}FORWARD-REJECT: {forward}' },
    { label: 'Security Alert', text: '{ktime}FINAL_REJECT: {inbound}', weight: 2 },
    { label: 'Security Alert', text: '{ktime}filter_IN_{zone}_REJECT: {inbound}', weight: 2 },
    { label: 'Security Alert', text: '{ktime}filter_IN_{zone}_DROP: {inbound}' },
    { label: 'Security Alert', text: '{ktime}portscan: {inbound}' },
    { label: 'Security Alert', text: '{ktime}SSH-BRUTEFORCE {inbound}' },
    { label: 'Security Alert', text: '{ktime}TCP: request_sock_TCP: Possible SYN flooding on port {dport}. Sending cookies.  Check SNMP counters.', weight: 2 },
    { label: 'Security Alert', text: '{ktime}TCP: request_sock_TCPv6: Possible SYN flooding on port [::]:{dport}. Dropping request.  Check SNMP counters.' },
    { label: 'Security Alert', text: '{ktime}IPv4: martian source {ip} from {publicIp}, on dev {iface}' },
    { label: 'Security Alert', text: '{ktime}IPv4: martian destination 0.0.0.0 from {publicIp}, dev {iface}' },
    { label: 'Security Alert', text: 'ipset: banned {publicIp} added to set blocklist_v4 (timeout 86400), matching packets will be dropped' },
    { label: 'System Notification', text: '{ktime}[UFW ALLOW] {outbound}', weight: 3 },
    { label: 'System Notification', text: '{ktime}[UFW AUDIT] {outbound}', weight: 2 },
    { label: 'System Notification', text: '{ktime}ACCEPT-NEW: {forward}' },
    { label: 'System Notification', text: '{ktime}ip_tables: (C) 2000-2006 Netfilter Core Team' },
    { label: 'System Notification', text: '{ktime}Netfilter messages via NETLINK v0.30.' },
    { label: 'System Notification', text: '{ktime}ctnetlink v0.93: registering with nfnetlink.' },
    { label: 'System Notification', text: '{ktime}nf_tables: (c) 2007-2009 Patrick McHardy <kaber@trash.net>' },
    { label: 'System Notification', text: '{ktime}bpfilter: Loaded bpfilter_umh pid {pid}' },
    { label: 'System Notification', text: '{ktime}net_ratelimit: {count} callbacks suppressed', weight: 2 },
    { label: 'System Notification', text: '{ktime}audit: type=1325 audit({epoch}.{int}:{int}): table=filter family=2 entries={small} op=xt_replace pid={pid} subj=unconfined comm="iptables-restor"', weight: 2 },
    { label: 'System Notification', text: '{ktime}audit: type=1325 audit({epoch}.{int}:{int}): table=firewalld:{small} family=1 entries={int} op=nft_register_chain pid={pid} comm="firewalld"' },
    { label: 'System Notification', text: 'Started firewalld - dynamic firewall daemon.' },
    { label: 'System Notification', text: 'firewalld: Reloading firewall rules' },
    { label: 'System Notification', text: 'ufw: Firewall is active and enabled on system startup' },
    { label: 'System Notification', text: 'Starting netfilter-persistent (version 1.0.{small})' },
    { label: 'System Notification', text: 'run-parts: executing /usr/share/netfilter-persistent/plugins.d/15-ip4tables start' },
    { label: 'System Notification', text: 'firewalld: Default zone set to \'{zone}\'' },
    { label: 'User Action', text: 'ufw: Rule added by user {user}: allow {dport}/tcp from {ip}' },
    { label: 'User Action', text: 'firewalld: runtime to permanent configuration saved by {user} (zone \'{zone}\', service \'{http|https|ssh|cockpit}\')' },
    { label: 'Error', text: '{ktime}nf_conntrack: nf_conntrack: table full, dropping packet', weight: 2 },
    { label: 'Error', text: '{ktime}x_tables: ip_tables: {state|conntrack|recent} match: invalid size {int} (kernel) != (user) {int}' },
    { label: 'Error', text: 'WARNING: COMMAND_FAILED: \'/usr/sbin/iptables -w10 -t nat -D PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\' failed: iptables: No chain/target/match by that name.' },
    { label: 'Error', text: 'ERROR: ZONE_CONFLICT: \'{iface}\' already bound to a zone' },
    { label: 'Error', text: 'iptables-restore: line {int} failed' },
    { label: 'Error', text: 'Warning: Extension {state|conntrack|multiport} revision 0 not supported, missing kernel module?' },
    { label: 'Resource Usage', text: '{ktime}nf_conntrack version 0.5.0 ({int} buckets, {int} max)' },
    { label: 'Resource Usage', text: '{ktime}nf_conntrack: expectation table full' },
    { label: 'Resource Usage', text: 'conntrack: {int} of {int} entries in use ({pct}%)' },
    { label: 'Critical Error', text: 'ERROR: Failed to load nf_conntrack module: modprobe: FATAL: Module nf_conntrack not found in directory /lib/modules/{kver}' },
    { label: 'Deprecation Warning', text: '{ktime}nf_conntrack: default automatic helper assignment has been turned off for security reasons and CT-based  firewall rule not found. Use the iptables CT target to attach helpers instead.' },
    { label: 'Deprecation Warning', text: '# Warning: iptables-legacy tables present, use iptables-legacy to see them' },
    { label: 'Deprecation Warning', text: 'WARNING: AllowZoneDrifting is enabled. This is considered an insecure configuration option. It will be removed in a future release. Please consider disabling it now.' },
    { label: 'Deprecation Warning', text: '{ktime}ipt_CLUSTERIP: ClusterIP target is deprecated and will be removed soon. Please use the cluster match instead.' },
  ],
};

// ---------------------------------------------------------------------------------------------
const asaPrefix: SystemSlot = (rng, time) => {
  const d = new Date(time * 1000);
  switch (rng.int(0, 3)) {
    case 0:
      return '';
    case 1:
      return `${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())} ${d.getUTCFullYear()} ${d.toISOString().slice(11, 19)}: `;
    case 2:
      return `${rng.pick(['fw01', 'asa-edge', 'ASA5516', 'fw-dc1', 'asa01'])} : `;
    default:
      return `${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())} ${d.getUTCFullYear()} ${d.toISOString().slice(11, 19)} ${rng.pick(['fw01', 'asa-edge', 'fw-dc1'])} : `;
  }
};
const asaDuration: SystemSlot = (rng) => `${rng.int(0, 23)}:${two(rng.int(0, 59))}:${two(rng.int(0, 59))}`;
const asaIf: SystemSlot = (rng) => rng.pick(['outside', 'inside', 'dmz', 'management', 'guest', 'OUTSIDE', 'INSIDE', 'vpn']);
const gig: SystemSlot = (rng) => `${rng.pick(['GigabitEthernet', 'TenGigabitEthernet', 'Management'])}0/${rng.int(0, 7)}`;

export const CISCO_ASA: LogFamily = {
  id: 'cisco-asa',
  group: 'security',
  weight: 1.2,
  labelMix: { 'System Notification': 44, 'Security Alert': 30, 'User Action': 10, Error: 9, 'Resource Usage': 3, 'Critical Error': 2, 'Deprecation Warning': 0.5 },
  slots: {
    p: asaPrefix,
    dur: asaDuration,
    ifc: asaIf,
    gig,
    publicIp,
    lanIp: privateIp,
    hiPort: highPort,
    svcPort,
    conn: (rng) => String(rng.int(10000, 999999999)),
    acl: ['outside_access_in', 'inside_access_out', 'OUTSIDE_IN', 'dmz_access_in', 'global_access', 'ACL-OUTSIDE'],
    tcpReason: ['TCP FINs', 'TCP Reset-I', 'TCP Reset-O', 'SYN Timeout', 'Idle Timeout', 'FIN Timeout', 'Flow closed by inspection', 'Connection timeout'],
    flags: ['SYN', 'ACK', 'RST', 'FIN ACK', 'RST ACK', 'PSH ACK'],
    grp: ['RA_VPN', 'AnyConnect_Users', 'GroupPolicy_Employees', 'DfltGrpPolicy', 'Contractors'],
    asaCmd: ['write memory', 'configure terminal', 'show running-config', 'clear xlate', 'access-list outside_access_in extended permit tcp any host 10.0.0.5 eq 443', 'no shutdown', 'copy running-config startup-config', 'reload'],
  },
  templates: [
    // Connections built and torn down: routine.
    { label: 'System Notification', text: '{p}%ASA-6-302013: Built inbound TCP connection {conn} for {ifc}:{publicIp}/{hiPort} ({publicIp}/{hiPort}) to {ifc}:{lanIp}/{svcPort} ({publicIp}/{svcPort})', weight: 6 },
    { label: 'System Notification', text: '{p}%ASA-6-302013: Built outbound TCP connection {conn} for {ifc}:{publicIp}/{svcPort} ({publicIp}/{svcPort}) to {ifc}:{lanIp}/{hiPort} ({publicIp}/{hiPort})', weight: 5 },
    { label: 'System Notification', text: '{p}%ASA-6-302014: Teardown TCP connection {conn} for {ifc}:{publicIp}/{svcPort} to {ifc}:{lanIp}/{hiPort} duration {dur} bytes {bytes} {tcpReason}', weight: 6 },
    { label: 'System Notification', text: '{p}%ASA-6-302015: Built outbound UDP connection {conn} for {ifc}:{publicIp}/53 ({publicIp}/53) to {ifc}:{lanIp}/{hiPort} ({publicIp}/{hiPort})', weight: 4 },
    { label: 'System Notification', text: '{p}%ASA-6-302016: Teardown UDP connection {conn} for {ifc}:{publicIp}/53 to {ifc}:{lanIp}/{hiPort} duration {dur} bytes {bytes}', weight: 4 },
    { label: 'System Notification', text: '{p}%ASA-6-302020: Built inbound ICMP connection for faddr {publicIp}/{small} gaddr {ip}/0 laddr {lanIp}/0', weight: 2 },
    { label: 'System Notification', text: '{p}%ASA-6-302021: Teardown ICMP connection for faddr {publicIp}/{small} gaddr {ip}/0 laddr {lanIp}/0', weight: 2 },
    { label: 'System Notification', text: '{p}%ASA-6-305011: Built dynamic TCP translation from {ifc}:{lanIp}/{hiPort} to {ifc}:{publicIp}/{hiPort}', weight: 3 },
    { label: 'System Notification', text: '{p}%ASA-6-305012: Teardown dynamic UDP translation from {ifc}:{lanIp}/{hiPort} to {ifc}:{publicIp}/{hiPort} duration {dur}', weight: 3 },
    { label: 'System Notification', text: '{p}%ASA-7-609001: Built local-host {ifc}:{lanIp}' },
    { label: 'System Notification', text: '{p}%ASA-7-609002: Teardown local-host {ifc}:{lanIp} duration {dur}' },
    { label: 'System Notification', text: '{p}%ASA-6-106100: access-list {acl} permitted tcp {ifc}/{lanIp}({hiPort}) -> {ifc}/{publicIp}({svcPort}) hit-cnt 1 first hit [{addr}, 0x0]', weight: 2 },
    { label: 'System Notification', text: '{p}%ASA-7-710002: TCP access permitted from {lanIp}/{hiPort} to {ifc}:{ip}/{ssh|https|telnet}' },
    { label: 'System Notification', text: '{p}%ASA-6-725001: Starting SSL handshake with client {ifc}:{publicIp}/{hiPort} to {ip}/443 for TLS session' },
    { label: 'System Notification', text: '{p}%ASA-6-725002: Device completed SSL handshake with client {ifc}:{publicIp}/{hiPort} to {ip}/443 for TLSv1.2 session' },
    { label: 'System Notification', text: '{p}%ASA-6-725007: SSL session with client {ifc}:{publicIp}/{hiPort} to {ip}/443 terminated' },
    { label: 'System Notification', text: '{p}%ASA-5-713041: IP = {publicIp}, IKE Initiator: New Phase 1, Intf {ifc}, IKE Peer {publicIp}  local Proxy Address {lanIp}, remote Proxy Address {ip},  Crypto map (outside_map)' },
    { label: 'System Notification', text: '{p}%ASA-5-713120: Group = {publicIp}, IP = {publicIp}, PHASE 2 COMPLETED (msgid={hex8})' },
    { label: 'System Notification', text: '{p}%ASA-6-602303: IPSEC: An outbound LAN-to-LAN SA (SPI= {addr}) between {ip} and {publicIp} (user= {publicIp}) has been created.' },
    { label: 'System Notification', text: '{p}%ASA-5-111008: User \'enable_15\' executed the \'logging host inside {lanIp}\' command.' },
    { label: 'System Notification', text: '{p}%ASA-6-199002: Startup completed.  Beginning operation.' },
    { label: 'System Notification', text: '{p}%ASA-1-104001: (Primary) Switching to ACTIVE - Other unit wants me Active. Secondary unit switch reason: Config sync.' },
    { label: 'System Notification', text: '{p}%ASA-1-104002: (Secondary) Switching to STANDBY - Other unit wants me Standby' },
    { label: 'System Notification', text: '{p}%ASA-1-105008: (Primary) Testing Interface {ifc}' },
    { label: 'System Notification', text: '{p}%ASA-1-105009: (Primary) Testing on interface {ifc} Passed' },
    { label: 'System Notification', text: '{p}%ASA-4-411001: Line protocol on Interface {gig}, changed state to up' },
    { label: 'System Notification', text: '{p}%ASA-6-414004: TCP Syslog Server {ifc}:{lanIp}/1470 - Connection restored' },
    { label: 'System Notification', text: '{p}%ASA-6-722022: Group <{grp}> User <{user}> IP <{publicIp}> TCP SVC connection established without compression' },
    { label: 'System Notification', text: '{p}%ASA-6-722051: Group <{grp}> User <{user}> IP <{publicIp}> IPv4 Address <{lanIp}> IPv6 address <::> assigned to session' },
    // Denials and threats.
    { label: 'Security Alert', text: '{p}%ASA-4-106023: Deny tcp src {ifc}:{publicIp}/{hiPort} dst {ifc}:{lanIp}/{svcPort} by access-group "{acl}" [0x0, 0x0]', weight: 8 },
    { label: 'Security Alert', text: '{p}%ASA-4-106023: Deny udp src {ifc}:{publicIp}/{hiPort} dst {ifc}:{lanIp}/{svcPort} by access-group "{acl}" [{addr}, 0x0]', weight: 3 },
    { label: 'Security Alert', text: '{p}%ASA-4-106023: Deny icmp src {ifc}:{publicIp} dst {ifc}:{lanIp} (type 8, code 0) by access-group "{acl}" [0x0, 0x0]', weight: 2 },
    { label: 'Security Alert', text: '{p}%ASA-2-106001: Inbound TCP connection denied from {publicIp}/{hiPort} to {lanIp}/{svcPort} flags {flags} on interface {ifc}', weight: 4 },
    { label: 'Security Alert', text: '{p}%ASA-2-106006: Deny inbound UDP from {publicIp}/{hiPort} to {lanIp}/{svcPort} on interface {ifc}', weight: 2 },
    { label: 'Security Alert', text: '{p}%ASA-6-106015: Deny TCP (no connection) from {publicIp}/{hiPort} to {lanIp}/{svcPort} flags {flags}  on interface {ifc}', weight: 3 },
    { label: 'Security Alert', text: '{p}%ASA-4-106100: access-list {acl} denied tcp {ifc}/{publicIp}({hiPort}) -> {ifc}/{lanIp}({svcPort}) hit-cnt {small} first hit [{addr}, 0x0]', weight: 4 },
    { label: 'Security Alert', text: '{p}%ASA-1-106021: Deny TCP reverse path check from {publicIp} to {lanIp} on interface {ifc}' },
    { label: 'Security Alert', text: '{p}%ASA-2-106016: Deny IP spoof from ({publicIp}) to {lanIp} on interface {ifc}' },
    { label: 'Security Alert', text: '{p}%ASA-2-106007: Deny inbound UDP from {publicIp}/53 to {lanIp}/{hiPort} due to DNS Response' },
    { label: 'Security Alert', text: '{p}%ASA-3-313001: Denied ICMP type=8, code=0 from {publicIp} on interface {ifc}', weight: 2 },
    { label: 'Security Alert', text: '{p}%ASA-3-710003: TCP access denied by ACL from {publicIp}/{hiPort} to {ifc}:{ip}/{svcPort}', weight: 2 },
    { label: 'Security Alert', text: '{p}%ASA-7-710005: TCP request discarded from {publicIp}/{hiPort} to {ifc}:{ip}/{svcPort}' },
    { label: 'Security Alert', text: '{p}%ASA-4-733100: [ Scanning] drop rate-{n} exceeded. Current burst rate is {small} per second, max configured rate is 10; Current average rate is {small} per second, max configured rate is 5; Cumulative total count is {int}', weight: 2 },
    { label: 'Security Alert', text: '{p}%ASA-4-733101: Host {publicIp} is attacking. Current burst rate is {small} per second, max configured rate is 10; Current average rate is {small} per second, max configured rate is 5; Cumulative total count is {int}' },
    { label: 'Security Alert', text: '{p}%ASA-4-400014: IDS:2004 ICMP echo request from {publicIp} to {lanIp} on interface {ifc}' },
    { label: 'Security Alert', text: '{p}%ASA-4-419002: Duplicate TCP SYN from {ifc}:{publicIp}/{hiPort} to {ifc}:{lanIp}/{svcPort} with different initial sequence number' },
    { label: 'Security Alert', text: '{p}%ASA-4-338008: Dynamic Filter dropped blacklisted TCP traffic from {ifc}:{lanIp}/{hiPort} ({lanIp}/{hiPort}) to {ifc}:{publicIp}/443 ({publicIp}/443), destination {publicIp} resolved from dynamic list: {remoteHost}' },
    { label: 'Security Alert', text: '{p}%ASA-6-605004: Login denied from {publicIp}/{hiPort} to {ifc}:{ip}/ssh for user "{probeUser}"', weight: 3 },
    { label: 'Security Alert', text: '{p}%ASA-6-611102: User authentication failed: IP address: {publicIp}, Uname: {probeUser}' },
    { label: 'Security Alert', text: '{p}%ASA-6-113005: AAA user authentication Rejected : reason = AAA failure : server = {lanIp} : user = ***** : user IP = {publicIp}', weight: 2 },
    { label: 'Security Alert', text: '{p}%ASA-6-113015: AAA user authentication Rejected : reason = Invalid password : local database : user = {probeUser} : user IP = {publicIp}' },
    { label: 'Security Alert', text: '{p}%ASA-4-716039: Authentication: rejected, group = {grp} user = {user}, Session Type: WebVPN' },
    { label: 'Security Alert', text: '{p}%ASA-3-717009: Certificate validation failed. No suitable trustpoint found to validate certificate serial number: {hex16}, subject name: cn={fqdn}, issuer name: cn={name} CA.' },
    // Administrators and VPN users.
    { label: 'User Action', text: '{p}%ASA-5-111008: User \'{user}\' executed the \'{asaCmd}\' command.', weight: 3 },
    { label: 'User Action', text: '{p}%ASA-5-111010: User \'{user}\', running \'CLI\' from IP {lanIp}, executed \'{asaCmd}\'', weight: 2 },
    { label: 'User Action', text: '{p}%ASA-6-605005: Login permitted from {lanIp}/{hiPort} to management:{ip}/ssh for user "{user}"', weight: 2 },
    { label: 'User Action', text: '{p}%ASA-6-611101: User authentication succeeded: IP address: {lanIp}, Uname: {user}' },
    { label: 'User Action', text: '{p}%ASA-6-113004: AAA user authentication Successful : server = {lanIp} : user = {user}' },
    { label: 'User Action', text: '{p}%ASA-6-716001: Group <{grp}> User <{user}> IP <{publicIp}> WebVPN session started.' },
    { label: 'User Action', text: '{p}%ASA-4-113019: Group = {grp}, Username = {user}, IP = {publicIp}, Session disconnected. Session Type: AnyConnect-Parent, Duration: {small}h:{small}m:{small}s, Bytes xmt: {bytes}, Bytes rcv: {bytes}, Reason: User Requested', weight: 2 },
    { label: 'User Action', text: '{p}%ASA-5-502103: User priv level changed: Uname: {user} From: 1 To: 15' },
    { label: 'User Action', text: '{p}%ASA-5-611103: User logged out: Uname: {user}' },
    // Failures.
    { label: 'Error', text: '{p}%ASA-4-411002: Line protocol on Interface {gig}, changed state to down' },
    { label: 'Error', text: '{p}%ASA-1-105005: (Primary) Lost Failover communications with mate on interface {ifc}' },
    { label: 'Error', text: '{p}%ASA-6-725006: Device failed SSL handshake with client {ifc}:{publicIp}/{hiPort} to {ip}/443' },
    { label: 'Error', text: '{p}%ASA-3-202010: NAT pool exhausted. Unable to create TCP connection from {ifc}:{lanIp}/{hiPort} to {ifc}:{publicIp}/{svcPort}' },
    { label: 'Error', text: '{p}%ASA-3-305006: portmap translation creation failed for tcp src {ifc}:{lanIp}/{hiPort} dst {ifc}:{publicIp}/{svcPort}' },
    { label: 'Error', text: '{p}%ASA-6-110003: Routing failed to locate next hop for TCP from {ifc}:{lanIp}/{hiPort} to {ifc}:{publicIp}/{svcPort}' },
    { label: 'Error', text: '{p}%ASA-5-713257: Phase 1 failure:  Mismatched attribute types for class Group Description:  Rcv\'d: Group {small}  Cfg\'d: Group {small}' },
    { label: 'Error', text: '{p}%ASA-3-414003: TCP Syslog Server {ifc}:{lanIp}/1470 not responding. New connections are permitted based on logging permit-hostdown policy' },
    { label: 'Error', text: '{p}%ASA-3-713902: Group = {publicIp}, IP = {publicIp}, Removing peer from correlator table failed, no match!' },
    { label: 'Resource Usage', text: '{p}%ASA-5-321001: Resource \'conns\' limit of {int} reached for system' },
    { label: 'Resource Usage', text: '{p}%ASA-4-321006: System Memory usage reached {pct}%' },
    { label: 'Resource Usage', text: '{p}%ASA-3-321007: System is low on free memory blocks of size {int} ({small} CNT out of {int} MAX)' },
    { label: 'Resource Usage', text: '{p}%ASA-5-321004: Resource \'xlates\' rate limit of {int} reached for context {name}' },
    { label: 'Critical Error', text: '{p}%ASA-3-201008: Disallowing new connections.' },
    { label: 'Critical Error', text: '{p}%ASA-1-211001: Memory allocation Error' },
    { label: 'Critical Error', text: '{p}%ASA-1-199010: Signal 11 caught in process/fiber(rtcli async executor process)/(rtcli async executor) at address {addr}, corrective action at {addr}' },
    { label: 'Critical Error', text: '{p}%ASA-1-104500: (Primary) Switching to ACTIVE (cause: unit failure, power supply fault detected)' },
    { label: 'Deprecation Warning', text: '{p}%ASA-4-405003: WARNING: ssh key-exchange group dh-group1-sha1 is deprecated and will be removed in a future release' },
  ],
};

// ---------------------------------------------------------------------------------------------
const panTime: SystemSlot = slashTime;
const panSerial: SystemSlot = (rng) => String(rng.int(10000000000, 99999999999)).padStart(12, '0');
const panApp: SystemSlot = (rng) => rng.pick(['ssl', 'web-browsing', 'dns', 'google-base', 'ms-office365', 'ssh', 'ntp', 'incomplete', 'insufficient-data', 'unknown-tcp', 'ms-rdp', 'slack-base', 'zoom']);
const panZonePair = (rng: Rng): string => rng.pick(['trust,untrust', 'untrust,trust', 'untrust,dmz', 'trust,dmz', 'guest,untrust']);
const panTraffic = (action: string, subtype: string): SystemSlot => (rng, time) => {
  const ts = slashTime(rng, time);
  const [from, to] = panZonePair(rng).split(',');
  const src = from === 'untrust' ? publicIp(rng, 0) : privateIp(rng, 0);
  const dst = to === 'untrust' ? publicIp(rng, 0) : privateIp(rng, 0);
  return `1,${ts},${panSerial(rng, 0)},TRAFFIC,${subtype},2561,${ts},${src},${dst},0.0.0.0,0.0.0.0,${rng.pick(['allow-outbound', 'default-deny', 'inbound-web', 'block-bad-ips', 'interzone-default', 'intrazone-default'])},,,${panApp(rng, 0)},vsys1,${from},${to},ethernet1/${rng.int(1, 8)},ethernet1/${rng.int(1, 8)},Forward-Logs,${ts},${rng.int(1000, 999999)},1,${highPort(rng, 0)},${svcPort(rng, 0)},0,0,0x${hex(rng, 6)},tcp,${action},${rng.int(60, 99999)},${rng.int(60, 9999)},${rng.int(0, 99999)},${rng.int(1, 200)},${ts},${rng.int(0, 600)},any,0,${rng.int(1000000, 99999999)},0x0,10.0.0.0-10.255.255.255,United States,0,${rng.int(1, 100)},${rng.int(0, 100)},${rng.pick(['tcp-fin', 'aged-out', 'policy-deny', 'tcp-rst-from-client', 'tcp-rst-from-server', 'n/a'])}`;
};
const panThreat: SystemSlot = (rng, time) => {
  const ts = slashTime(rng, time);
  const [name, sub, sev] = rng.pick([
    ['Apache Log4j Remote Code Execution Vulnerability(91991)', 'vulnerability', 'critical'],
    ['SIPVicious Scanner Detection(54000)', 'vulnerability', 'medium'],
    ['HTTP Directory Traversal Vulnerability(30844)', 'vulnerability', 'high'],
    ['SSH2 Login Attempt(31914)', 'vulnerability', 'informational'],
    ['generic:qxkzvbtr.example(85026)', 'spyware', 'high'],
    ['Suspicious DNS Query (generic:badsite.xyz)(109010001)', 'spyware', 'medium'],
    ['Virus/Win32.WGeneric.dvcxh(283915345)', 'virus', 'medium'],
    ['Windows Executable (EXE)(52020)', 'file', 'low'],
    ['TCP Port Scan(8001)', 'scan', 'critical'],
    ['Host Sweep(8002)', 'scan', 'critical'],
  ] as const);
  return `1,${ts},${panSerial(rng, 0)},THREAT,${sub},2561,${ts},${publicIp(rng, 0)},${privateIp(rng, 0)},0.0.0.0,0.0.0.0,${rng.pick(['inbound-web', 'allow-outbound', 'dmz-in'])},,,${panApp(rng, 0)},vsys1,untrust,trust,ethernet1/1,ethernet1/2,Forward-Logs,${ts},${rng.int(1000, 999999)},1,${highPort(rng, 0)},${svcPort(rng, 0)},0,0,0x${hex(rng, 4)},tcp,${rng.pick(['alert', 'drop', 'reset-both', 'block-url', 'reset-server'])},"${rng.pick(['', 'example.com/', 'cdn.bad.xyz/x.exe', '/cgi-bin/'])}",${name},any,${sev},client-to-server`;
};
const panSystem = (sub: string, event: string, sev: string, desc: string): string =>
  `1,{panTime},{panSerial},SYSTEM,${sub},0,{panTime},,${event},,0,0,general,${sev},"${desc}",{int},0x0,0,0,0,0,,{host}`;
const panConfig = (cmd: string, path: string): string => `1,{panTime},{panSerial},CONFIG,0,0,{panTime},{ip},,${cmd},{user},Web,Succeeded,${path},{int},0x0`;

export const PALOALTO: LogFamily = {
  id: 'paloalto',
  group: 'security',
  weight: 0.8,
  headers: ['syslog'],
  program: ['PAN-OS', '1', 'panos'],
  labelMix: { 'System Notification': 42, 'Security Alert': 34, 'User Action': 10, Error: 7, 'Resource Usage': 3, 'Critical Error': 2 },
  slots: {
    panTime,
    panSerial,
    trafficEnd: panTraffic('allow', 'end'),
    trafficStart: panTraffic('allow', 'start'),
    trafficDeny: panTraffic('deny', 'deny'),
    trafficDrop: panTraffic('drop', 'drop'),
    trafficResetBoth: panTraffic('reset-both', 'deny'),
    threat: panThreat,
    publicIp,
    lanIp: privateIp,
  },
  templates: [
    { label: 'System Notification', text: '{trafficEnd}', weight: 10 },
    { label: 'System Notification', text: '{trafficStart}', weight: 4 },
    { label: 'Security Alert', text: '{trafficDeny}', weight: 6 },
    { label: 'Security Alert', text: '{trafficDrop}', weight: 4 },
    { label: 'Security Alert', text: '{trafficResetBoth}', weight: 2 },
    { label: 'Security Alert', text: '{threat}', weight: 8 },
    { label: 'Security Alert', text: panSystem('auth', 'auth-fail', 'medium', "failed authentication for user '{probeUser}'. Reason: Invalid username or password. From: {publicIp}."), weight: 2 },
    { label: 'Security Alert', text: panSystem('general', 'general', 'medium', "Failed password for {probeUser} from {publicIp} port {port} ssh2"), weight: 2 },
    { label: 'Security Alert', text: panSystem('globalprotect', 'globalprotectgateway-auth-fail', 'medium', "GlobalProtect gateway user authentication failed. Login from: {publicIp}, Source region: {name}, User name: {probeUser}, Auth type: profile, Reason: Authentication failed: Invalid username or password."), weight: 2 },
    { label: 'Security Alert', text: panSystem('general', 'general', 'high', "Unauthorized administrator access attempt from {publicIp}: account {probeUser} locked after 5 failed attempts") },
    { label: 'Security Alert', text: panSystem('url-filtering', 'url-filtering', 'informational', "URL access blocked by policy: {remoteHost} category malware from {lanIp}") },
    { label: 'User Action', text: panSystem('general', 'general', 'informational', "User {user} logged in via Web from {lanIp} using https"), weight: 3 },
    { label: 'User Action', text: panSystem('general', 'general', 'informational', "User {user} logged out via Web from {lanIp}") },
    { label: 'User Action', text: panSystem('general', 'general', 'informational', "Commit job {int} submitted by user {user}") },
    { label: 'User Action', text: panSystem('globalprotect', 'globalprotectgateway-auth-succ', 'informational', "GlobalProtect gateway user authentication succeeded. Login from: {publicIp}, User name: {user}, Auth type: profile."), weight: 2 },
    { label: 'User Action', text: panSystem('globalprotect', 'globalprotectgateway-logout-succ', 'informational', "GlobalProtect gateway user logout succeeded. User name: {user}, Client OS version: Microsoft Windows 11 Pro , 64-bit, Reason: client logout.") },
    { label: 'User Action', text: panConfig('edit', 'vsys  vsys1  rulebase  security  rules  {name}'), weight: 2 },
    { label: 'User Action', text: panConfig('set', 'deviceconfig  system  ntp-servers  primary-ntp-server') },
    { label: 'User Action', text: panConfig('delete', 'vsys  vsys1  address  {name}-{int}') },
    { label: 'User Action', text: panConfig('commit', '') },
    { label: 'System Notification', text: panSystem('general', 'general', 'informational', "Commit job succeeded for user {user}"), weight: 2 },
    { label: 'System Notification', text: panSystem('general', 'general', 'informational', "Installed antivirus package version {int}-{int}") },
    { label: 'System Notification', text: panSystem('general', 'general', 'informational', "Content update job succeeded for user Auto update agent") },
    { label: 'System Notification', text: panSystem('general', 'general', 'informational', "WildFire update job succeeded for user Auto update agent") },
    { label: 'System Notification', text: panSystem('ha', 'state-change', 'critical', "HA Group {small}: Moved from state Passive to state Active") },
    { label: 'System Notification', text: panSystem('general', 'general', 'informational', "Connection to Update server: updates.paloaltonetworks.com completed successfully, initiated by {ip}") },
    { label: 'System Notification', text: panSystem('routing', 'routed-bgp-peer-established', 'informational', "BGP peer established: peer {ip} AS {int}") },
    { label: 'System Notification', text: panSystem('general', 'general', 'informational', "Config installed") },
    { label: 'System Notification', text: panSystem('dhcp', 'dhcp-lease-renewed', 'informational', "DHCP lease renewed for ethernet1/1 address {ip}") },
    { label: 'System Notification', text: panSystem('general', 'general', 'informational', "Statistics report generated: Interface ethernet1/{small} link up, speed 1000 duplex full") },
    { label: 'Error', text: panSystem('general', 'general', 'medium', "Failed to connect to address: {ip} port: 443, conn id: {int}, error: Connection timed out"), weight: 2 },
    { label: 'Error', text: panSystem('general', 'general', 'high', "Content update job failed for user Auto update agent") },
    { label: 'Error', text: panSystem('routing', 'routed-bgp-peer-left-established', 'high', "BGP peer left established state: peer {ip} reason: hold timer expired") },
    { label: 'Error', text: panSystem('general', 'link-change', 'high', "Port ethernet1/{small}: Down 1Gb/s-full duplex") },
    { label: 'Error', text: panSystem('userid', 'userid-connect-fail', 'high', "User-ID agent {name} {ip} connection failed: Connection refused") },
    { label: 'Resource Usage', text: panSystem('general', 'general', 'medium', "Disk usage for /opt/panlogs exceeds limit, {pct} percent in use. Cleaning up logs") },
    { label: 'Resource Usage', text: panSystem('general', 'general', 'high', "Dataplane resource utilization: session table {pct}% of {int} sessions in use") },
    { label: 'Resource Usage', text: panSystem('general', 'general', 'high', "Packet buffer utilization at {pct}% (threshold 80%)") },
    { label: 'Critical Error', text: panSystem('general', 'general', 'critical', "The dataplane is going down due to internal path monitoring failure") },
    { label: 'Critical Error', text: panSystem('hw', 'hw-psu-drop', 'critical', "Power Supply #{n} failed") },
    { label: 'Critical Error', text: panSystem('hw', 'hw-fan-fail', 'critical', "Fan #{n} failed, replace fan tray") },
    { label: 'Critical Error', text: panSystem('general', 'general', 'critical', "The daemon {pan_task|mprelay|devsrvr|useridd} crashed and was restarted (core dumped)") },
  ],
};

// ---------------------------------------------------------------------------------------------
const fgtDate: SystemSlot = (_rng, time) => {
  const iso = new Date(time * 1000).toISOString();
  return `date=${iso.slice(0, 10)} time=${iso.slice(11, 19)}`;
};
const fgtHead = (logid: string, type: string, subtype: string, level: string): string =>
  `{fgtDate} devname="{fgtName}" devid="{fgtId}" eventtime={epoch}{int} tz="{tz}" logid="${logid}" type="${type}" subtype="${subtype}" level="${level}" vd="root"`;
const fgtTraffic = (action: string, extra: string): string =>
  `${fgtHead('0000000013', 'traffic', 'forward', 'notice')} srcip={lanIp} srcport={hiPort} srcintf="{lanIf}" srcintfrole="lan" dstip={publicIp} dstport={svcPort} dstintf="{wanIf}" dstintfrole="wan" srccountry="Reserved" dstcountry="{country}" sessionid={int} proto=6 action="${action}" policyid={small} policytype="policy" poluuid="{uuid}" service="{svc}" trandisp="snat" transip={ip} transport={hiPort} ${extra}`;
const fgtEvent = (logid: string, subtype: string, level: string, rest: string): string => `${fgtHead(logid, 'event', subtype, level)} ${rest}`;

export const FORTIGATE: LogFamily = {
  id: 'fortigate',
  group: 'security',
  weight: 0.8,
  program: ['FortiGate', 'fortigate'],
  headers: ['syslog', 'rfc5424'],
  labelMix: { 'System Notification': 40, 'Security Alert': 34, 'User Action': 10, Error: 8, 'Resource Usage': 4, 'Critical Error': 3, 'Deprecation Warning': 1 },
  slots: {
    fgtDate,
    fgtName: ['FGT60F', 'FW-HQ-01', 'fgt-branch-02', 'FortiGate-100F', 'FGVM01'],
    fgtId: (rng) => `FG${rng.pick(['T60F', '100F', 'VM01', '200E'])}TK${rng.int(10, 99)}${rng.int(10000, 99999)}`,
    tz: ['+0000', '+0100', '+0200', '-0500', '+0530', '+0800'],
    lanIp: privateIp,
    publicIp,
    hiPort: highPort,
    svcPort,
    lanIf: ['internal', 'lan', 'port1', 'internal1', 'vlan10'],
    wanIf: ['wan1', 'wan2', 'port2', 'ssl.root'],
    country: ['United States', 'Germany', 'China', 'Russian Federation', 'Netherlands', 'Brazil', 'France', 'India'],
    svc: ['HTTPS', 'HTTP', 'DNS', 'SSH', 'RDP', 'SMB', 'NTP', 'tcp/8443', 'udp/443'],
    app: ['HTTPS.BROWSER', 'Microsoft.Portal', 'Google.Services', 'SSL', 'DNS', 'BitTorrent', 'Tor', 'Dropbox'],
    ips: ['Apache.Log4j.Error.Log.Remote.Code.Execution', 'MS.SMB.Server.SMB1.Trans2.Secondary.Handling.Code.Execution', 'HTTP.URI.SQL.Injection', 'Bash.Function.Definitions.Remote.Code.Execution', 'NMAP.Scanner', 'Fortinet.FortiOS.SSL.VPN.Web.Portal.Pathname.Information.Disclosure', 'SSH.Connection.Brute.Force'],
    virus: ['EICAR_TEST_FILE', 'W32/Agent.ABCD!tr', 'JS/Miner.BP!tr', 'MSWord/Downloader.A!tr', 'Linux/Mirai.B!tr'],
    catdesc: ['Malicious Websites', 'Phishing', 'Spam URLs', 'Proxy Avoidance', 'Newly Observed Domain', 'Hacking'],
    cfgpath: ['firewall.policy', 'system.interface', 'firewall.address', 'user.local', 'vpn.ssl.settings', 'router.static', 'system.admin'],
  },
  templates: [
    { label: 'System Notification', text: fgtTraffic('close', 'appcat="unscanned" duration={int} sentbyte={bytes} rcvdbyte={bytes} sentpkt={small} rcvdpkt={small}'), weight: 10 },
    { label: 'System Notification', text: fgtTraffic('accept', 'app="{app}" appcat="Web.Client" duration={int} sentbyte={bytes} rcvdbyte={bytes}'), weight: 4 },
    { label: 'System Notification', text: fgtTraffic('timeout', 'duration={int} sentbyte={bytes} rcvdbyte=0 sentpkt={small} rcvdpkt=0'), weight: 3 },
    { label: 'System Notification', text: fgtTraffic('server-rst', 'duration={small} sentbyte={bytes} rcvdbyte={bytes}') },
    { label: 'Security Alert', text: fgtTraffic('deny', 'appcat="unscanned" crscore=30 craction=131072 crlevel="high"'), weight: 6 },
    { label: 'Security Alert', text: `${fgtHead('0000000011', 'traffic', 'local', 'notice')} srcip={publicIp} srcport={hiPort} srcintf="{wanIf}" dstip={ip} dstport={svcPort} dstintf="root" sessionid={int} proto=6 action="deny" policyid=0 policytype="local-in-policy" service="{svc}" crscore=5 craction=262144 crlevel="low"`, weight: 4 },
    { label: 'Security Alert', text: `${fgtHead('0419016384', 'utm', 'ips', 'alert')} eventtype="signature" severity="{critical|high|medium}" srcip={publicIp} dstip={lanIp} srcport={hiPort} dstport={svcPort} sessionid={int} action="{dropped|reset|detected}" proto=6 service="{svc}" attack="{ips}" attackid={int} ref="http://www.fortinet.com/ids/VID{int}" incidentserialno={int} msg="{web_app3|applications3|server}: {ips}," crscore=50 craction=4096 crlevel="critical"`, weight: 6 },
    { label: 'Security Alert', text: `${fgtHead('0211008192', 'utm', 'virus', 'warning')} eventtype="infected" msg="File is infected." action="blocked" service="HTTP" sessionid={int} srcip={publicIp} dstip={lanIp} virus="{virus}" dtype="Virus" filename="{file}" url="http://{remoteHost}/{file}" profile="default" analyticscksum="{hex32}"`, weight: 3 },
    { label: 'Security Alert', text: `${fgtHead('0316013056', 'utm', 'webfilter', 'warning')} eventtype="ftgd_blk" srcip={lanIp} dstip={publicIp} service="HTTPS" hostname="{remoteHost}" profile="default" action="blocked" reqtype="direct" url="https://{remoteHost}/" sentbyte={bytes} rcvdbyte=0 direction="outgoing" msg="URL belongs to a denied category in policy" method="domain" cat={int} catdesc="{catdesc}"`, weight: 3 },
    { label: 'Security Alert', text: fgtEvent('0100032002', 'system', 'alert', 'logdesc="Admin login failed" sn="{int}" user="{probeUser}" ui="{https|ssh}({publicIp})" method="{https|ssh}" srcip={publicIp} dstip={ip} action="login" status="failed" reason="name_invalid" msg="Administrator {probeUser} login failed from {https|ssh}({publicIp}) because of invalid user name"'), weight: 3 },
    { label: 'Security Alert', text: fgtEvent('0101039426', 'vpn', 'alert', 'logdesc="SSL VPN login fail" action="ssl-login-fail" tunneltype="ssl-web" remip={publicIp} user="{probeUser}" group="N/A" dst_host="N/A" reason="sslvpn_login_unknown_user" msg="SSL user failed to logged in"'), weight: 2 },
    { label: 'Security Alert', text: `${fgtHead('1059028704', 'utm', 'app-ctrl', 'warning')} appid={int} srcip={lanIp} dstip={publicIp} action="block" app="{Tor|BitTorrent|Psiphon|UltraSurf}" appcat="Proxy" apprisk="critical" msg="Proxy: {Tor|Psiphon}"` },
    { label: 'User Action', text: fgtEvent('0100032001', 'system', 'information', 'logdesc="Admin login successful" sn="{int}" user="{user}" ui="https({lanIp})" method="https" srcip={lanIp} dstip={ip} action="login" status="success" reason="none" profile="super_admin" msg="Administrator {user} logged in successfully from https({lanIp})"'), weight: 3 },
    { label: 'User Action', text: fgtEvent('0100032003', 'system', 'information', 'logdesc="Admin logout successful" user="{user}" ui="https({lanIp})" action="logout" status="success" duration={int} state="Timeout" msg="Administrator {user} timed out on https({lanIp})"') },
    { label: 'User Action', text: fgtEvent('0100044547', 'system', 'information', 'logdesc="Object attribute configured" user="{user}" ui="GUI({lanIp})" action="Edit" cfgtid={int} cfgpath="{cfgpath}" cfgobj="{small}" cfgattr="status[disable->enable]" msg="Edit {cfgpath} {small}"'), weight: 3 },
    { label: 'User Action', text: fgtEvent('0100044546', 'system', 'information', 'logdesc="Attribute configured" user="{user}" ui="ssh({lanIp})" action="Add" cfgtid={int} cfgpath="{cfgpath}" cfgobj="{name}" msg="Add {cfgpath} {name}"') },
    { label: 'User Action', text: fgtEvent('0101039947', 'vpn', 'information', 'logdesc="SSL VPN tunnel up" action="tunnel-up" tunneltype="ssl-tunnel" remip={publicIp} tunnelip={lanIp} user="{user}" group="{name}" reason="tunnel established" msg="SSL tunnel established"'), weight: 2 },
    { label: 'User Action', text: fgtEvent('0101039948', 'vpn', 'information', 'logdesc="SSL VPN tunnel down" action="tunnel-down" tunneltype="ssl-tunnel" remip={publicIp} user="{user}" duration={int} sentbyte={bytes} rcvdbyte={bytes} msg="SSL tunnel shutdown"') },
    { label: 'System Notification', text: fgtEvent('0100041000', 'system', 'notice', 'logdesc="FortiGate update succeeded" status="update" msg="Fortigate scheduled update fcni=yes fdni=yes fsci=yes from {ip}:443"'), weight: 2 },
    { label: 'System Notification', text: fgtEvent('0100020010', 'system', 'notice', 'logdesc="Interface status changed" status="UP" msg="Link monitor: Interface {wanIf} was turned up"') },
    { label: 'System Notification', text: fgtEvent('0100022911', 'system', 'notice', 'logdesc="Routing information changed" name="{wanIf}-gw" interface="{wanIf}" status="up" msg="Static route on interface {wanIf} may be added by health-check {name}."') },
    { label: 'System Notification', text: fgtEvent('0108037903', 'ha', 'notice', 'logdesc="Virtual cluster member status changed" msg="Virtual cluster 1 of group 0 detected new joined HA member" ha_role="master"') },
    { label: 'System Notification', text: fgtEvent('0101037138', 'vpn', 'notice', 'logdesc="IPsec connection status changed" action="tunnel-up" remip={publicIp} locip={ip} vpntunnel="{name}" tunnelid={int} msg="IPsec connection status change"') },
    { label: 'System Notification', text: fgtEvent('0101037127', 'vpn', 'notice', 'logdesc="Progress IPsec phase 1" action="negotiate" remip={publicIp} status="success" init="local" mode="main" dir="outbound" stage=3 role="initiator" result="DONE"') },
    { label: 'System Notification', text: fgtEvent('0100022900', 'system', 'notice', 'logdesc="Outbreak prevention database updated" msg="Outbreak prevention database updated from version {int} to {int}"') },
    { label: 'Error', text: fgtEvent('0101037124', 'vpn', 'error', 'logdesc="IPsec phase 1 error" action="negotiate" remip={publicIp} status="negotiate_error" reason="peer SA proposal not match local policy" msg="IPsec phase 1 error"'), weight: 2 },
    { label: 'Error', text: fgtEvent('0100022932', 'system', 'warning', 'logdesc="Link monitor status" name="{name}" interface="{wanIf}" probeproto="ping" status="down" msg="Link Monitor changed state from alive to dead, protocol: ping."') },
    { label: 'Error', text: fgtEvent('0100041001', 'system', 'warning', 'logdesc="FortiGate update failed" status="update_fail" msg="Fortigate scheduled update failed: Connection to FortiGuard servers timed out"') },
    { label: 'Error', text: fgtEvent('0100022801', 'system', 'warning', 'logdesc="Disk log full" msg="Disk log is full, new logs will be dropped"') },
    { label: 'Resource Usage', text: fgtEvent('0100020007', 'system', 'critical', 'logdesc="System resource usage" cpu={pct} mem={pct} totalsession={int} disk={pct} bandwidth="{int}/{int}" setuprate={int} msg="Performance statistics: average CPU: {pct}, memory: {pct}, concurrent sessions: {int}, setup-rate: {small}"'), weight: 2 },
    { label: 'Resource Usage', text: fgtEvent('0100022011', 'system', 'critical', 'logdesc="Memory conserve mode entered" conserve="on" total={int} MB used={int} MB red={int} MB green={int} MB msg="Kernel enters memory conserve mode"') },
    { label: 'Resource Usage', text: fgtEvent('0100022012', 'system', 'critical', 'logdesc="Memory conserve mode exited" conserve="exit" total={int} MB used={int} MB msg="Kernel leaves memory conserve mode"') },
    { label: 'Critical Error', text: fgtEvent('0100022107', 'system', 'critical', 'logdesc="Power supply failure" msg="Power supply {n} failure detected"') },
    { label: 'Critical Error', text: fgtEvent('0100022108', 'system', 'critical', 'logdesc="Fan anomaly" msg="Fan {n} speed below threshold, fan failure"') },
    { label: 'Critical Error', text: fgtEvent('0100020202', 'system', 'critical', 'logdesc="Application crashed" msg="application {ipsengine|wad|httpsd|miglogd} pid={pid} crashed: signal 11 (Segmentation fault) received"') },
    { label: 'Deprecation Warning', text: fgtEvent('0100032007', 'system', 'warning', 'logdesc="Deprecated setting" msg="SSL VPN setting ssl-min-proto-ver tls1-0 is deprecated and will be removed in a future FortiOS release"') },
  ],
};

// ---------------------------------------------------------------------------------------------
const auditTs: SystemSlot = (rng, time) => `${time}.${String(rng.int(0, 999)).padStart(3, '0')}:${rng.int(100, 999999)}`;
const watched: SystemSlot = (rng) => rng.pick(['/etc/passwd', '/etc/shadow', '/etc/group', '/etc/sudoers', '/etc/ssh/sshd_config', '/etc/hosts', '/etc/crontab', '/root/.ssh/authorized_keys', '/usr/bin/sudo', '/etc/pam.d/common-auth', '/etc/ld.so.preload', '/usr/local/bin/backup.sh', '/etc/systemd/system/app.service', '/bin/login']);
const auditKey: SystemSlot = (rng) => rng.pick(['identity', 'perm_mod', 'sshd_config', 'scope', 'actions', 'modules', 'time-change', 'system-locale', 'logins', 'access', 'delete', 'MAC-policy', 'exec']);
const comm: SystemSlot = (rng) => rng.pick(['vi', 'vim', 'nano', 'sed', 'chmod', 'chown', 'useradd', 'passwd', 'cp', 'mv', 'rm', 'bash', 'python3', 'perl', 'tee']);
const aideTime: SystemSlot = (_rng, time) => {
  const iso = new Date(time * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} +0000`;
};

export const FILE_INTEGRITY: LogFamily = {
  id: 'file-integrity',
  group: 'security',
  weight: 0.8,
  program: ['aide', 'tripwire', 'auditd', 'audit', 'samhain', 'kernel'],
  headers: ['syslog'],
  labelMix: { 'System Notification': 45, 'Security Alert': 28, 'User Action': 10, Error: 7, 'Resource Usage': 3, 'Critical Error': 3, 'Deprecation Warning': 3 },
  slots: { auditTs, watched, auditKey, comm, aideTime, aideVer: ['0.16', '0.17.4', '0.18.6'], twVer: ['2.4.3.7', '2.4.2.2'], sha: (rng) => hex(rng, 40) },
  templates: [
    // AIDE.
    { label: 'Security Alert', text: 'AIDE found differences between database and filesystem!!', weight: 3 },
    { label: 'Security Alert', text: 'changed: {watched}', weight: 4 },
    { label: 'Security Alert', text: 'added: {path}', weight: 2 },
    { label: 'Security Alert', text: 'removed: {watched}' },
    { label: 'Security Alert', text: 'f   ...    .C... : {watched}', weight: 2 },
    { label: 'Security Alert', text: 'f = ...    i .C.. : {watched}' },
    { label: 'Security Alert', text: 'File: {watched}' },
    { label: 'Security Alert', text: ' SHA512   : {sha} | {sha}' },
    { label: 'System Notification', text: 'AIDE found NO differences between database and filesystem. Looks okay!!', weight: 2 },
    { label: 'System Notification', text: '### All files match AIDE database. Looks okay!' },
    { label: 'System Notification', text: 'Start timestamp: {aideTime} (AIDE {aideVer})', weight: 2 },
    { label: 'System Notification', text: 'End timestamp: {aideTime} (run time: {small}m {small}s)' },
    { label: 'System Notification', text: 'AIDE initialized database at /var/lib/aide/aide.db.new' },
    { label: 'System Notification', text: 'New AIDE database written to /var/lib/aide/aide.db.new' },
    { label: 'System Notification', text: 'Summary:' },
    { label: 'System Notification', text: '  Total number of entries:\t{int}' },
    { label: 'System Notification', text: '  Added entries:\t\t{small}' },
    { label: 'System Notification', text: '  Changed entries:\t\t{small}' },
    { label: 'System Notification', text: 'Running AIDE check...' },
    { label: 'Error', text: 'Couldn\'t open file /var/lib/aide/aide.db for reading' },
    { label: 'Error', text: '{path}: open() failed for file: {errno}' },
    { label: 'Critical Error', text: 'Database /var/lib/aide/aide.db is corrupted: checksum mismatch in header, aborting' },
    { label: 'Deprecation Warning', text: 'WARNING: {database|database_out|report_url|verbose} option is deprecated, please use \'{database_in|database_out|report_level}\' instead (line {small})' },
    { label: 'Deprecation Warning', text: 'aide: warning: the \'{R|L|>}\' group is obsolete and will be removed in a future release; use explicit attributes instead' },
    // Tripwire and Samhain.
    { label: 'Security Alert', text: 'Modified: "{watched}"', weight: 2 },
    { label: 'Security Alert', text: 'Added: "{path}"' },
    { label: 'Security Alert', text: 'Total violations found:  {small}' },
    { label: 'Security Alert', text: 'Rule Name: Critical configuration files ({watched})' },
    { label: 'Security Alert', text: 'CRIT   :  [{isoTime}] msg=<POLICY [ReadOnly] C--------TS>, path=<{watched}>, size_old=<{int}>, size_new=<{int}>', weight: 2 },
    { label: 'System Notification', text: 'Integrity Check Complete: TWReport {host} {epoch} V:{small} S:{int} A:{small} R:{small} C:{small}', weight: 2 },
    { label: 'System Notification', text: 'Open Source Tripwire(R) {twVer} Integrity Check Report' },
    { label: 'System Notification', text: 'Report generated by:          root' },
    { label: 'System Notification', text: 'Parsing policy file: /etc/tripwire/tw.pol' },
    { label: 'System Notification', text: '*** Processing Unix File System ***' },
    { label: 'System Notification', text: 'Wrote report file: /var/lib/tripwire/report/{host}-{int}-{int}.twr' },
    { label: 'System Notification', text: 'INFO   :  [{isoTime}] msg=<Checking>, path=<{dir}>' },
    { label: 'Error', text: '### Warning: File system error.' },
    { label: 'Error', text: '### Filename: {path}' },
    { label: 'Error', text: '### No such file or directory' },
    // auditd file watches.
    { label: 'User Action', text: 'type=SYSCALL msg=audit({auditTs}): arch=c000003e syscall=257 success=yes exit=3 a0=ffffff9c a1={hex8} a2=241 a3=1b6 items=2 ppid={pid} pid={pid} auid={uid} uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts{small} ses={small} comm="{comm}" exe="/usr/bin/{comm}" key="{auditKey}"', weight: 4 },
    { label: 'User Action', text: 'type=SYSCALL msg=audit({auditTs}): arch=c000003e syscall=90 success=yes exit=0 a0={hex8} a1=1ed items=1 ppid={pid} pid={pid} auid={uid} uid=0 tty=pts{small} ses={small} comm="chmod" exe="/usr/bin/chmod" key="perm_mod"' },
    { label: 'User Action', text: 'type=CONFIG_CHANGE msg=audit({auditTs}): auid={uid} ses={small} op=add_rule key="{auditKey}" list=4 res=1' },
    { label: 'User Action', text: 'type=USER_CMD msg=audit({auditTs}): pid={pid} uid={uid} auid={uid} ses={small} msg=\'cwd="/home/{user}" cmd="{comm} {watched}" terminal=pts/{small} res=success\'' },
    { label: 'Security Alert', text: 'type=SYSCALL msg=audit({auditTs}): arch=c000003e syscall=257 success=no exit=-13 a0=ffffff9c a1={hex8} a2=0 items=1 ppid={pid} pid={pid} auid={uid} uid={uid} gid={uid} euid={uid} tty=pts{small} ses={small} comm="{comm}" exe="/usr/bin/{comm}" key="access"', weight: 3 },
    { label: 'Security Alert', text: 'type=AVC msg=audit({auditTs}): avc:  denied  {{ {write|read|open|execute} }} for  pid={pid} comm="{httpd|nginx|php-fpm|sshd}" name="{file}" dev="{partition}" ino={int} scontext=system_u:system_r:httpd_t:s0 tcontext=unconfined_u:object_r:user_home_t:s0 tclass=file permissive=0', weight: 3 },
    { label: 'Security Alert', text: 'type=ANOM_LOGIN_FAILURES msg=audit({auditTs}): pid={pid} uid=0 auid={uid} ses={small} msg=\'op=login acct="{probeUser}" exe="/usr/sbin/sshd" hostname=? addr={ip} terminal=ssh res=failed\'' },
    { label: 'System Notification', text: 'type=PATH msg=audit({auditTs}): item=0 name="{watched}" inode={int} dev=08:0{n} mode=0100644 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0', weight: 3 },
    { label: 'System Notification', text: 'type=CWD msg=audit({auditTs}): cwd="/root"' },
    { label: 'System Notification', text: 'type=PROCTITLE msg=audit({auditTs}): proctitle={hex32}' },
    { label: 'System Notification', text: 'type=DAEMON_START msg=audit({auditTs}): op=start ver=3.0.{small} format=enriched kernel={version}-generic auid=4294967295 pid={pid} uid=0 ses=4294967295 res=success' },
    { label: 'System Notification', text: 'Audit daemon rotating log files' },
    { label: 'System Notification', text: 'Started Security Auditing Service.' },
    { label: 'System Notification', text: 'audit: initializing netlink subsys (disabled)' },
    { label: 'System Notification', text: 'kauditd_printk_skb: {small} callbacks suppressed' },
    { label: 'System Notification', text: 'No rules' },
    { label: 'System Notification', text: 'enabled 1' },
    { label: 'Error', text: 'audit: backlog limit exceeded' },
    { label: 'Error', text: 'Error sending add rule data request (Rule exists)' },
    { label: 'Error', text: 'audit: audit_lost={int} audit_rate_limit=0 audit_backlog_limit={int}' },
    { label: 'Resource Usage', text: 'backlog_limit {int}' },
    { label: 'Resource Usage', text: 'Audit daemon is low on disk space for logging' },
    { label: 'Critical Error', text: 'type=ANOM_ABEND msg=audit({auditTs}): auid={uid} uid=0 gid=0 ses={small} pid={pid} comm="{auditd|sshd|systemd-journal}" exe="/usr/sbin/{name}" sig=11 res=1' },
    { label: 'Critical Error', text: 'Audit daemon is suspending logging due to no space left on logging partition.' },
  ],
};
