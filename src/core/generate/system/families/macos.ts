/**
 * macOS system.log: the kernel (Wi-Fi driver, power management, Thunderbolt, USB, sandbox and
 * code signing, memory pressure) and the daemons around it (configd, mDNSResponder, launchd,
 * WindowServer, powerd, corecaptured, airportd, bluetoothd, networkd, tccd, softwareupdated,
 * backupd, Spotlight, loginwindow, authd).
 */
import type { Rng } from '../../random.ts';
import type { LogFamily, SlotSpec } from '../family.ts';

const hex = (rng: Rng, length: number): string => {
  let out = '';
  for (let i = 0; i < length; i++) out += '0123456789abcdef'[rng.int(0, 15)];
  return out;
};
const pad = (value: number, width: number): string => String(value).padStart(width, '0');

const MAC_PROCS = [
  'Google Chrome He', 'Safari', 'WindowServer', 'mds_stores', 'mdworker_shared', 'Xcode', 'Slack Helper', 'meet.example.net', 'Microsoft Word', 'Spotify', 'Finder',
  'photoanalysisd', 'cloudd', 'bird', 'QQ', 'WeChat', 'Dropbox', 'backupd', 'softwareupdated', 'com.apple.WebKi', 'Mail', 'Messages', 'Terminal', 'node',
  'java', 'Python', 'Code Helper (Ren', 'Docker Desktop', 'suggestd', 'nsurlsessiond', 'AddressBookSour', 'CalendarAgent', 'Dock', 'SystemUIServer',
];
const BUNDLE_IDS = [
  'com.apple.Safari', 'com.google.Chrome', 'com.tinyspeck.slackmacgap', 'us.zoom.xos', 'com.microsoft.Word', 'com.spotify.client', 'com.apple.mail',
  'com.apple.dt.Xcode', 'com.getdropbox.dropbox', 'com.apple.Photos', 'com.tencent.qq', 'com.tencent.xinWeChat', 'com.microsoft.teams2', 'org.mozilla.firefox',
  'com.docker.docker', 'com.apple.Terminal', 'com.microsoft.VSCode', 'com.apple.iCal', 'com.apple.AddressBook', 'com.agilebits.onepassword7',
];
const LAUNCHD_SERVICES: SlotSpec = (rng) =>
  rng.pick([
    `com.apple.mdworker.shared.${hex(rng, 8).toUpperCase()}-0000-0000-0000-000000000000`,
    `com.apple.xpc.launchd.domain.pid.WebContent.${rng.int(200, 99999)}`,
    `application.${rng.pick(BUNDLE_IDS)}.${rng.int(100000, 9999999)}.${rng.int(100000, 9999999)}`,
    'com.apple.quicklook.ThumbnailsAgent', 'com.apple.photoanalysisd', 'com.apple.cloudd', 'com.apple.suggestd', 'com.apple.bird', 'com.apple.nsurlsessiond',
    'com.apple.AssetCacheLocatorService', 'com.apple.ReportCrash', 'com.apple.Spotlight', 'com.apple.sharingd', 'com.apple.akd', 'com.apple.CoreSimulator.CoreSimulatorService',
    'com.apple.imfoundation.IMRemoteURLConnectionAgent', 'com.apple.geod', 'com.apple.parsecd', 'com.apple.SafariBookmarksSyncAgent', 'com.apple.quicklook',
    'com.microsoft.update.agent', 'com.google.keystone.agent', 'com.apple.CalendarAgent', 'com.apple.AirPlayUIAgent',
  ]);
const macPath: SlotSpec = (rng) =>
  rng.pick([
    `/Users/${rng.pick(['alice', 'bob', 'kenji', 'maria', 'jsmith', 'wei', 'admin', 'dev'])}/Library/${rng.pick(['Mail', 'Messages', 'Safari', 'Containers', 'Application Support', 'Preferences', 'Caches', 'Calendars'])}/${rng.pick(['chat.db', 'History.db', 'Info.plist', 'V9', 'com.apple.Safari', 'Bookmarks.plist'])}`,
    `/private/var/db/${rng.pick(['mds', 'diagnostics', 'uuidtext', 'lockdown', 'DetachedSignatures'])}/${hex(rng, 8)}`,
    `/Library/Preferences/${rng.pick(['com.apple.TimeMachine.plist', 'SystemConfiguration/preferences.plist', 'com.apple.loginwindow.plist'])}`,
    `/System/Library/${rng.pick(['PrivateFrameworks', 'Frameworks', 'CoreServices'])}/${rng.pick(['CoreUtils.framework', 'AppKit.framework', 'Spotlight.app', 'MobileDevice.framework'])}`,
    `/Volumes/${rng.pick(['Backup', 'Untitled', 'Macintosh HD', 'TimeMachine'])}/${rng.pick(['Photos', 'Documents', 'Backups.backupdb'])}`,
  ]);
const AIR_IFS = ['en0', 'en0', 'en1', 'awdl0', 'llw0'];

export const MACOS_KERNEL: LogFamily = {
  id: 'macos-kernel',
  group: 'desktop',
  weight: 0.8,
  program: 'kernel',
  headers: ['syslog'],
  labelMix: { 'System Notification': 62, Error: 9, 'Critical Error': 5, 'Security Alert': 9, 'Resource Usage': 9, 'Deprecation Warning': 1 },
  slots: {
    macProc: MAC_PROCS,
    bundleId: BUNDLE_IDS,
    macPath,
    airIf: AIR_IFS,
    airReason: ['Unspecified', 'Disassociated due to inactivity', 'Deauth because sending STA is leaving', 'Previous authentication no longer valid', 'Class 3 frame received from nonassociated STA'],
    chan: ['1', '6', '11', '36', '44', '48', '149', '153', '157', '161'],
    cc: ['US', 'DE', 'CN', 'JP', 'GB', 'FR', 'X0', 'X2'],
    arptTime: (rng) => `${rng.int(1000, 999999)}.${pad(rng.int(0, 999999), 6)}`,
    wakeReason: ['RTC (Alarm)', 'EC.LidOpen (User)', 'XHC1 (User)', 'EC.SleepTimer (SleepTimer)', 'ARPT (Network)', 'RTC (Maintenance)', 'EC.PowerButton (User)', 'UserActivity Assertion', 'NUB.SPMI0Sw3IRQ nub-spmi0.0x02 rtc', 'smc.70070000 wifibt', 'ARPT XHC1'],
    sleepReason: ['Idle Sleep', 'Clamshell Sleep', 'Software Sleep', 'Low Power Sleep', 'Maintenance Sleep', 'Power Button Sleep', 'Sleep Service Back to Sleep'],
    dateSlash: (_rng, time) => {
      const d = new Date(time * 1000);
      return `${d.getUTCFullYear()}/${d.getUTCMonth() + 1}/${d.getUTCDate()}`;
    },
    hex4: (rng) => hex(rng, 4),
    hex12: (rng) => hex(rng, 12),
    disk: (rng) => `disk${rng.int(0, 6)}s${rng.int(1, 4)}`,
    usbSerial: (rng) => pad(rng.int(0, 99999999), 12),
    shutdownCause: ['5', '3', '0', '-128', '-60', '-62', '7', '-3'],
  },
  templates: [
    // Wi-Fi driver and link state.
    { label: 'System Notification', text: 'AirPort: Link Up on {airIf}', weight: 3 },
    { label: 'System Notification', text: 'AirPort: Link Down on {airIf}. Reason {small} ({airReason}).', weight: 3 },
    { label: 'System Notification', text: 'en0: BSSID changed to {mac}', weight: 2 },
    { label: 'System Notification', text: 'en0: channel changed to {chan}', weight: 2 },
    { label: 'System Notification', text: "en0: 802.11d country code set to '{cc}'." },
    { label: 'System Notification', text: 'en0: Supported channels {chan} {chan} {chan} {chan} {chan} {chan}' },
    { label: 'System Notification', text: 'IO80211AWDLPeerManager::setAwdlSuspendedMode() Suspending AWDL, enterQuietMode(true)', weight: 2 },
    { label: 'System Notification', text: 'IO80211AWDLPeerManager::setAwdlAutoMode Resuming AWDL', weight: 2 },
    { label: 'System Notification', text: 'ARPT: {arptTime}: wl0: setup_keepalive: interval {int}, retry_interval {small}, retry_count {small}', weight: 2 },
    { label: 'System Notification', text: 'ARPT: {arptTime}: wl0: tcp keepalive updated: Seq {int}, Ack {int}, window {int}', weight: 2 },
    { label: 'System Notification', text: 'ARPT: {arptTime}: AirPort_Brcm43xx::powerChange: System {Wake|Sleep}' },
    { label: 'System Notification', text: 'ARPT: {arptTime}: wl0: MDNS: IPV4 Addr: {ip}' },
    { label: 'System Notification', text: 'Setting BTCoex Config: enable_2G:{n}, profile_2g:0, enable_5G:{n}, profile_5G:0' },
    // Power management.
    { label: 'System Notification', text: 'Wake reason: {wakeReason}', weight: 3 },
    { label: 'System Notification', text: 'Previous sleep cause: {small}' },
    { label: 'System Notification', text: 'Previous shutdown cause: {shutdownCause}' },
    { label: 'System Notification', text: 'PMRD: sleep reason: {sleepReason}' },
    { label: 'System Notification', text: 'full wake request (reason {small}) {int} ms' },
    { label: 'System Notification', text: 'hibernate_setup({small}) took {int} ms' },
    { label: 'System Notification', text: 'hibernate_page_list_setall(preflight {n}) start' },
    { label: 'System Notification', text: 'RTC: Maintenance {dateSlash} {clock}, sleep {dateSlash} {clock}' },
    { label: 'System Notification', text: 'PM response took {int} ms ({small}, {macProc})' },
    { label: 'System Notification', text: 'AppleCamIn::systemWakeCall - messageType = 0x{hex8}' },
    // Devices.
    { label: 'System Notification', text: 'USBMSC Identifier (non-unique): {usbSerial} 0x{hex4} 0x{hex4} 0x{small}, {small}' },
    { label: 'System Notification', text: 'AppleThunderboltNHIType{n}::prePCIWake - power up complete - took {int} us' },
    { label: 'System Notification', text: 'IOThunderboltSwitch<0x{hex12}>(0x0)::listenerCallback - Thunderbolt HPD packet for route = 0x0 port = {small} unplug = {n}' },
    { label: 'System Notification', text: 'AppleMultitouchDevice::willTerminate entered' },
    { label: 'System Notification', text: 'Bluetooth -- LE is supported - Disable LE meta event' },
    { label: 'System Notification', text: '[IOBluetoothHostController::setConfigState] calling registerService' },
    { label: 'System Notification', text: 'considerRebuildOfPrelinkedKernel {bundleId} triggered rebuild' },
    { label: 'System Notification', text: 'memorystatus_thread: idle exiting pid {pid} [{macProc}]' },
    { label: 'System Notification', text: 'AppleKeyStore: sending lock change {n}' },
    // Sandbox, code signing and the application firewall.
    { label: 'Security Alert', text: 'Sandbox: {macProc}({pid}) deny({n}) {file-read-data|file-write-create|file-read-metadata|file-write-data|file-write-unlink} {macPath}', weight: 4 },
    { label: 'Security Alert', text: 'Sandbox: {macProc}({pid}) deny({n}) {mach-lookup|iokit-open|network-outbound|sysctl-read|process-exec*} {bundleId}.{xpc|helper|agent}', weight: 2 },
    { label: 'Security Alert', text: 'Sandbox: {macProc}({pid}) System Policy: deny({n}) {file-read-data|file-write-data} {macPath}' },
    { label: 'Security Alert', text: 'CODE SIGNING: cs_invalid_page(0x{hex4}): p={pid}[{macProc}] final status 0x{hex8}, denying page sending SIGKILL' },
    { label: 'Security Alert', text: 'CODE SIGNING: process {pid}[{macProc}]: rejecting invalid page at address 0x{hex12} from offset 0x{hex4} in file "{macPath}" (cs_mtime:{int}.{int} == mtime:{int}.{int}) (signed:1 validated:1 tainted:1 nx:0 wpmapped:0 dirty:0 depth:0)' },
    { label: 'Security Alert', text: 'ALF: Deny {macProc} data in from {ip}:{port} uid = {uid} proto={n}' },
    { label: 'Security Alert', text: 'Kext {bundleId} rejected: invalid signature, will not load' },
    // Figures: wakeups, CPU, memory limits.
    { label: 'Resource Usage', text: 'process {macProc}[{pid}] caught causing excessive wakeups. Observed wakeups rate (per sec): {int}; Maximum permitted wakeups rate (per sec): 150; Observation period: 300 seconds; Task lifetime number of wakeups: {int}', weight: 2 },
    { label: 'Resource Usage', text: 'process {macProc}[{pid}] thread {int} caught burning CPU! It used more than {pct}% CPU over {int} seconds', weight: 2 },
    { label: 'Resource Usage', text: 'memorystatus: {macProc} [{pid}] exceeded mem limit: ActiveSoft {mb} MB (non-fatal)' },
    { label: 'Resource Usage', text: 'low swap: suspending pid {pid} ({macProc}), compressor at {pct}% of {mb} MB' },
    { label: 'Resource Usage', text: 'vm_compressor: {int} pages compressed, {mb} MB in compressor, {pct}% of segments in use' },
    // Failures of one component.
    { label: 'Error', text: 'NVDA(OpenGL): Channel exception! status = 0x{hex4} exception = 0x{hex8} = 0x{hex4} GR exception' },
    { label: 'Error', text: "AppleKeyStore: operation failed (pid: {pid} sel: {small} ret: e00002c2 '{macProc}')" },
    { label: 'Error', text: 'AppleUSB20XHCIPort@{hex8}: AppleUSBHostPort::disconnect: persistent enumeration failures' },
    { label: 'Error', text: 'apfs_vfsop_mount:{int}: {disk} failed to mount, error {small}' },
    { label: 'Error', text: 'IOAudioEngine::performErase() - error {small} erasing sample buffer' },
    { label: 'Error', text: 'ARPT: {arptTime}: wl0: Failed to set keep alive, err {small}' },
    // Whole machine, disk or process killed.
    { label: 'Critical Error', text: '{disk}: I/O error.', weight: 2 },
    { label: 'Critical Error', text: 'jnl: {disk}: do_jnl_io: strategy err 0x{small}' },
    { label: 'Critical Error', text: 'hfs: Runtime corruption detected on {Macintosh HD|Data|Backup}, fsck will be forced on next mount.' },
    { label: 'Critical Error', text: 'panic(cpu {small} caller 0xffffff80{hex8}): Kernel trap at 0xffffff80{hex8}, type 14=page fault, registers:' },
    { label: 'Critical Error', text: 'low swap: killing largest compressed process with pid {pid} ({macProc}) and size {mb} MB' },
    { label: 'Critical Error', text: 'memorystatus: killing_specific_process pid {pid} [{macProc}] (vm-pageshortage {small}) {kb}KB - memorystatus_available_pages: {int}' },
    { label: 'Deprecation Warning', text: 'Kext {bundleId} uses deprecated kernel programming interfaces (KPIs) and will be incompatible with a future version of macOS.' },
  ],
};

/** macOS daemons: network configuration, launchd, WindowServer, power, Wi-Fi and Bluetooth, login and authorization. */
export const MACOS: LogFamily = {
  id: 'macos',
  group: 'desktop',
  weight: 0.8,
  program: [
    'configd', 'mDNSResponder', 'com.apple.xpc.launchd', 'WindowServer', 'powerd', 'corecaptured', 'airportd', 'bluetoothd', 'networkd', 'symptomsd',
    'sandboxd', 'loginwindow', 'authd', 'opendirectoryd', 'sharingd', 'UserEventAgent',
    'trustd', 'cloudd', 'locationd', 'QQ', 'Google Chrome Helper', 'nsurlsessiond', 'sudo',
  ],
  headers: ['syslog'],
  labelMix: { 'System Notification': 58, Error: 13, 'Security Alert': 8, 'Resource Usage': 4, 'User Action': 8, 'Critical Error': 3, 'Deprecation Warning': 2 },
  slots: {
    macProc: MAC_PROCS,
    bundleId: BUNDLE_IDS,
    launchdService: LAUNCHD_SERVICES,
    macPath,
    airIf: AIR_IFS,
    macHostName: (rng) => `${rng.pick(['MacBook-Pro', 'MacBook-Air', 'iMac', 'Mac-mini', 'Mac-Studio'])}${rng.int(0, 2) ? `-${rng.int(2, 9)}` : ''}`,
    ssid: ['HomeWiFi', 'eduroam', 'CorpNet', 'Starbucks WiFi', 'NETGEAR47', 'Linksys_5G', 'TP-Link_2.4G', 'attwifi', 'xfinitywifi', 'Guest', 'FRITZ!Box 7590', 'OfficeAP'],
    rssi: (rng) => String(-rng.int(40, 90)),
    chan: ['1', '6', '11', '36', '44', '149', '157'],
    tccService: ['kTCCServiceCamera', 'kTCCServiceMicrophone', 'kTCCServiceScreenCapture', 'kTCCServiceAccessibility', 'kTCCServiceSystemPolicyAllFiles', 'kTCCServiceAddressBook', 'kTCCServicePhotos', 'kTCCServiceCalendar', 'kTCCServiceAppleEvents', 'kTCCServiceListenEvent', 'kTCCServiceSystemPolicyDocumentsFolder'],
    sandboxOp: ['file-read-data', 'file-write-create', 'mach-lookup', 'network-outbound', 'file-read-metadata', 'iokit-open', 'file-write-data', 'user-preference-read'],
    wakeReason: ['RTC/Maintenance', 'EC.LidOpen/Lid Open', 'XHC1/HID Activity', 'EC.PowerButton/User', 'ARPT/Network', 'NUB.SPMI0Sw3IRQ/rtc', 'smc.70070000/wifibt'],
    sleepReason: ['Idle Sleep', 'Clamshell Sleep', 'Software Sleep', 'Maintenance Sleep', 'Sleep Service Back to Sleep'],
    assertName: ['com.apple.powermanagement.delayidlesleep', 'Playing audio', 'com.apple.backupd.sleepassertion', 'Video Wake Lock', 'com.apple.softwareupdate.install', 'NSURLSession background download', 'PreventUserIdleSystemSleep requested by Zoom', 'com.apple.Safari.streaming'],
    pwrSrc: ['AC', 'BATT', 'Batt'],
    ccName: ['AirPortBrcm4360_Logs', 'StateSnapshots', 'IO80211AWDLPeerManager', 'DriverLogs', 'SoftAP'],
    ccReason: ['Resetting Chip', 'Sleep/Wake State Change', 'Roam failure', 'Beacon loss', 'Scan timeout'],
    swUpdate: ['macOS Sonoma 14.3.1', 'macOS Ventura 13.6.4', 'Safari 17.3', 'Command Line Tools for Xcode 15.1', 'XProtectPlistConfigData 2177', 'MRTConfigData 1.93', 'Security Update 2023-006 Monterey', 'macOS Big Sur 11.7.10', 'Gatekeeper Configuration Data 248'],
    productKey: (rng) => rng.pick([`041-${rng.int(10000, 99999)}`, `052-${rng.int(10000, 99999)}`, `MSU_UPDATE_23D${rng.int(10, 99)}_patch_14.${rng.int(0, 6)}`]),
    tmVolume: ['Time Machine Backups', 'Backup', 'TM', 'Backups of MacBook Pro', 'LaCie'],
    tmError: ['The backup disk could not be found.', 'An error occurred while copying files to the backup disk.', 'The backup disk image could not be mounted.', 'The backup disk needs more space.', 'Time Machine could not complete the backup.'],
    authRight: ['system.preferences', 'system.privilege.admin', 'system.login.screensaver', 'system.preferences.security', 'com.apple.ServiceManagement.blesshelper', 'system.install.apple-software', 'system.services.systemconfiguration.network'],
    macBinary: ['/System/Library/CoreServices/System Preferences.app', '/usr/sbin/authorizationhost', '/System/Library/PrivateFrameworks/PackageKit.framework/Versions/A/Resources/installd', '/System/Library/CoreServices/loginwindow.app', '/Applications/Utilities/Installer.app'],
    btName: ["Maria's AirPods Pro", 'Magic Keyboard', 'Magic Mouse', 'MX Master 3', 'Bose QC35 II', 'JBL Flip 5', "Kenji's iPhone"],
    b64: (rng) => {
      let out = '';
      for (let i = 0; i < 22; i++) out += 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'[rng.int(0, 63)];
      return `${out}==`;
    },
    hex12: (rng) => hex(rng, 12),
    hex4: (rng) => hex(rng, 4),
    uuidUpper: (rng) => `${hex(rng, 8)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 12)}`.toUpperCase(),
    buildNum: ['17E199', '18G103', '19H15', '20G165', '21G115', '22G436', '23D60'],
    cmd: ['/usr/bin/softwareupdate -i -a', '/bin/launchctl kickstart -k system/com.apple.audio.coreaudiod', '/usr/sbin/pmset -a hibernatemode 0', '/opt/homebrew/bin/brew services restart nginx', '/usr/bin/tmutil startbackup', '/bin/rm -rf /Library/Caches/com.apple.iconservices.store', '/usr/sbin/dscacheutil -flushcache'],
    mdImporter: ['com.apple.mdimporter.RichText', 'com.apple.mdimporter.PDF', 'com.microsoft.Word.mdimporter', 'com.apple.mdimporter.Mail', 'com.apple.mdimporter.Image'],
  },
  templates: [
    // configd and mDNSResponder.
    { label: 'System Notification', text: 'network changed: v4({airIf}{!|+|-}:{ip}) DNS{!|+|-} Proxy{!|+|-} SMB', weight: 3 },
    { label: 'System Notification', text: 'network changed: DNS* Proxy' },
    { label: 'System Notification', text: 'setting hostname to "{macHostName}.local"' },
    { label: 'System Notification', text: 'IPMonitor: primary service changed to {uuidUpper} ({airIf})' },
    { label: 'System Notification', text: 'IPConfiguration: {airIf}: DHCP ACK lease {ip} (lease time {int}s)' },
    { label: 'System Notification', text: 'mDNSResponder mDNSResponder-{int}.{small}.{n} (Nov {n} 2023 {clock}) starting' },
    { label: 'System Notification', text: 'mDNS_RegisterInterface: Frequent transitions for interface {airIf} ({ip})', weight: 2 },
    { label: 'System Notification', text: 'mDNS_DeregisterInterface: Frequent transitions for interface {airIf} ({ipv6})' },
    { label: 'System Notification', text: 'D2D_IPC: Loaded' },
    { label: 'System Notification', text: "[R{int}] getaddrinfo start -- flags: 0xC000D000, ifindex: 0, protocols: 0, hostname: <mask.hash: '{b64}'>, options: 0x0, client pid: {pid} ({macProc})", weight: 2 },
    { label: 'System Notification', text: "[R{int}] getaddrinfo stop -- hostname: <mask.hash: '{b64}'>, client pid: {pid} ({macProc}), duration: {float}ms" },
    // launchd.
    { label: 'System Notification', text: '({launchdService}[{pid}]) Service exited due to {SIGKILL|SIGTERM} | sent by {mds|launchd|UserEventAgent|runningboardd}[{pid}]', weight: 3 },
    { label: 'System Notification', text: 'Caller wanted oneshot behavior for pid-restricted service: {launchdService}' },
    { label: 'System Notification', text: '({launchdService}) Unknown key for Boolean: EnableTransactions' },
    
    // WindowServer and loginwindow.
    { label: 'System Notification', text: 'CGXDisplayDidWakeNotification [{int}]: posting kCGSDisplayDidWake' },
    { label: 'System Notification', text: 'handle_will_sleep_auth_and_shield_windows: Deferring.' },
    { label: 'System Notification', text: 'Display 0x{hex8}: GL mask 0x{small}; bounds ({int}, 0)[{int} x {int}], {int} modes available Main, Active, on-line, enabled, built-in, boot, Vendor {hex4}, Model {hex4}, S/N 0, Unit {small}, Rotation 0' },
    { label: 'System Notification', text: 'Hot key operating mode is now all {disabled|enabled}' },
    { label: 'System Notification', text: 'Login Window Application Started' },
    { label: 'System Notification', text: 'Login Window - Returned from Security Agent' },
    // powerd.
    { label: 'System Notification', text: "Entering Sleep state due to '{sleepReason}':TCPKeepAlive={active|disabled} Using {pwrSrc} (Charge:{pct}%) {int} secs", weight: 2 },
    { label: 'System Notification', text: 'Wake from Normal Sleep [CDNVA] : due to {wakeReason} Using {pwrSrc} (Charge:{pct}%) {int} secs', weight: 2 },
    { label: 'System Notification', text: 'DarkWake from Deep Idle [CDN] : due to {wakeReason} Using {pwrSrc} (Charge:{pct}%) {int} secs', weight: 2 },
    { label: 'System Notification', text: 'Process {macProc}.{pid} {Created|Released} PreventUserIdleSystemSleep "{assertName}" age:00:00:{small}{n}  id:{int} [System: PrevIdle DeclUser kDisp]', weight: 2 },
    { label: 'System Notification', text: 'Process {macProc}.{pid} TimedOut InternalPreventSleep "{assertName}" age:00:02:00  id:{int} [System: PrevIdle SRPrevSleep kCPU kDisp]' },
    // corecaptured, airportd, bluetoothd, networkd.
    { label: 'System Notification', text: 'CCFile::captureLog Received Capture notice id: {epoch}.{int}, reason = {ccReason}', weight: 2 },
    { label: 'System Notification', text: 'CCIOReporterFormatter::refreshSubscriptionsFromStreamRegistry clearing out any previous subscriptions' },
    { label: 'System Notification', text: '{CCDataTap|CCLogTap}::profileRemoved, Owner: com.apple.iokit.IO80211Family, Name: {ccName}' },
    { label: 'System Notification', text: 'CCFile::copyFile fileName is {ccName}-{small}.txt, source path:/var/log/CoreCapture/{ccName}/, dest path:/Library/Logs/CrashReporter/CoreCapture/{ccName}/' },
    { label: 'System Notification', text: '_doAutoJoin: Already associated to "{ssid}". Bailing on auto-join.', weight: 2 },
    { label: 'System Notification', text: 'Auto-join succeeded to "{ssid}" (RSSI={rssi}, channel={chan})' },
    { label: 'System Notification', text: 'Scan returned {small} networks for {airIf}' },
    { label: 'System Notification', text: 'WiFi: RSSI {rssi} dBm, noise {rssi} dBm, tx rate {int} Mbps on {airIf}' },
    { label: 'System Notification', text: 'Bluetooth controller power state changed: {ON|OFF}' },
    { label: 'System Notification', text: 'Device {mac} ({btName}) {connected|disconnected}' },
    { label: 'System Notification', text: 'nw_connection_endpoint_report [C{int}.1 {ip}:{port} ready socket-flow (satisfied (Path is satisfied), interface: en0, ipv4, dns)]', weight: 2 },
    { label: 'System Notification', text: 'nw_endpoint_handler_start [C{int} {fqdn}:443 tcp, url hash: {hex8}, tls] start' },
    // Battery and disk figures.
    { label: 'Resource Usage', text: 'Battery: Charge {pct}%, time remaining {n}:{small}{n}, cycle count {int}' },
    { label: 'Resource Usage', text: 'Low battery warning: {small}% remaining, {int} minutes on battery' },
    { label: 'Resource Usage', text: 'Summary- [System: PrevIdle DeclUser kDisp] Using {pwrSrc}(Charge: {pct})' },
    // One operation failed.
    { label: 'Error', text: '({launchdService}[{pid}]) Service exited with abnormal code: {small}', weight: 3 },
    { label: 'Error', text: '({launchdService}) Service only ran for {small} seconds. Pushing respawn out by {small} seconds.', weight: 2 },
    { label: 'Error', text: '({launchdService}) Service could not initialize: {buildNum}: xpcproxy + {int} [{int}][{uuidUpper}]: 0x{small}' },
    { label: 'Error', text: '({launchdService}) Could not find and/or execute program specified by service: 2: No such file or directory: {macPath}' },
    { label: 'Error', text: '(system) Service "{launchdService}" tried to hijack endpoint "{launchdService}" from owner: {launchdService}' },
    { label: 'Error', text: 'mDNSPlatformSendUDP sendto({small}) failed to send packet on InterfaceID {hex16} {airIf}/{small} to FF02:0000:0000:0000:0000:0000:0000:00FB:5353 skt {small} error -1 errno {small} ({errno})' },
    { label: 'Error', text: 'WSGetSurfaceInWindow : Invalid surface {int} for window {int}' },
    { label: 'Error', text: 'CGSGetWindowBounds: Invalid window {int} for {macProc}' },
    { label: 'Error', text: 'Association failed for network "{ssid}" with error -3905 (Operation timed out)' },
    { label: 'Error', text: '_processSystemPSKAssoc: No password for network "{ssid}" in the system keychain' },
    { label: 'Error', text: 'Failed to connect to device {mac}: error 0x{small} (Page Timeout)' },
    { label: 'Error', text: 'nw_socket_handle_socket_event [C{int}.1:1] Socket SO_ERROR [{small}: {errno}]', weight: 2 },
    { label: 'Error', text: 'tcp_connection_destination_handle_read_error {int} failed: [54] Connection reset by peer' },
    { label: 'Error', text: 'Task <{uuidUpper}>.<{small}> finished with error [-1001] Error Domain=NSURLErrorDomain Code=-1001 "The request timed out."' },
    { label: 'Error', text: 'Task <{uuidUpper}>.<{small}> HTTP load failed, {int}/0 bytes (error code: -1005 [4:-4])' },
    // Whole programs crashed.
    { label: 'Critical Error', text: '({launchdService}[{pid}]) Service exited due to {SIGSEGV|SIGABRT|SIGBUS|SIGILL} | sent by exc handler[{pid}]', weight: 2 },
    { label: 'Critical Error', text: 'Saved crash report for {macProc}[{pid}] version {version} to {macPath}.crash' },
    { label: 'Critical Error', text: 'WindowServer[{pid}] crashed, the login session was terminated and will restart' },
    // Refusals.
    { label: 'Security Alert', text: '([{pid}]) {macProc}({pid}) deny {sandboxOp} {macPath}', weight: 2 },
    { label: 'Security Alert', text: "Failed to authorize right '{authRight}' by client '{macBinary}' [{pid}] for authorization created by '{macBinary}' [{pid}] (3,0) (-60005) (engine {int})", weight: 2 },
    { label: 'Security Alert', text: 'Failed Authentication return code = -14090 for user {user}' },
    { label: 'Security Alert', text: 'Authentication failed for network "{ssid}" (reason {small}: 4-way handshake timeout)' },
    { label: 'Security Alert', text: 'Trust evaluate failure: [leaf {TemporalValidity|AnchorTrusted|SSLHostname}] for {fqdn}' },
    { label: 'Security Alert', text: 'Pairing with {mac} failed: Authentication Failure (0x05)' },
    // People at the console.
    { label: 'User Action', text: 'USER_PROCESS: {pid} console', weight: 2 },
    { label: 'User Action', text: 'DEAD_PROCESS: {pid} console', weight: 2 },
    { label: 'User Action', text: '-[SessionAgentNotificationCenter sendDistributedNotification:forUID:] | sending distributed notification: com.apple.screenIsUnlocked for uid {uid}' },
    { label: 'User Action', text: "Succeeded authorizing right '{authRight}' by client '{macBinary}' [{pid}] for authorization created by '{macBinary}' [{pid}] (3,0) (engine {int})" },
    { label: 'User Action', text: '{user} : TTY=ttys00{n} ; PWD=/Users/{user} ; USER=root ; COMMAND={cmd}', weight: 2 },
    // Deprecations.
    { label: 'Deprecation Warning', text: '({launchdService}[{pid}]) Endpoint has been activated through legacy launch(3) APIs. Please switch to XPC or bootstrap_check_in(): {launchdService}', weight: 2 },
    { label: 'Deprecation Warning', text: '({launchdService}) The ServiceIPC key is no longer respected. Please remove it.' },
    { label: 'Deprecation Warning', text: '*** WARNING: Method userSpaceScaleFactor in class NSView is deprecated on 10.7 and later. It should not be used in new applications. Use convertRectToBacking: instead.' },
    { label: 'Deprecation Warning', text: 'WARNING: Python 2.7 is not recommended. This version is included in macOS for compatibility with legacy software. Future versions of macOS will not include Python 2.7.' },
  ],
};

/** macOS services: privacy consent (tccd), Software Update, Time Machine (backupd) and Spotlight (mds). */
export const MACOS_SERVICES: LogFamily = {
  id: 'macos-services',
  group: 'desktop',
  weight: 0.4,
  program: ['tccd', 'softwareupdated', 'com.apple.backupd', 'com.apple.backupd', 'mds', 'mds_stores', 'mdworker_shared'],
  headers: ['syslog'],
  labelMix: { 'System Notification': 55, Error: 16, 'Security Alert': 12, 'User Action': 9, 'Resource Usage': 6 },
  slots: MACOS.slots,
  templates: [
    { label: 'System Notification', text: 'AUTHREQ_RESULT: msgID={pid}.{int}, authValue=2, authReason=4, authVersion=1, error=(null),' },
    { label: 'System Notification', text: 'SoftwareUpdate: Scanning for updates ({background|foreground})' },
    { label: 'System Notification', text: 'SUOSUServiceDaemon: Found {small} available updates: {swUpdate}' },
    { label: 'System Notification', text: 'Adding client SUUpdateServiceClient pid={pid}, uid={uid}, installAuth=NO rights=(), transactions=0' },
    { label: 'System Notification', text: 'SoftwareUpdate: downloaded "{swUpdate}"' },
    { label: 'System Notification', text: 'SoftwareUpdate: request for status for unknown product {productKey}' },
    { label: 'System Notification', text: 'Starting automatic backup', weight: 2 },
    { label: 'System Notification', text: 'Backing up to /dev/disk{n}s{n}: /Volumes/{tmVolume}/Backups.backupdb' },
    { label: 'System Notification', text: 'Found {count} files ({size}) needing backup' },
    { label: 'System Notification', text: 'Copied {count} items ({size}) from volume Macintosh HD. Linked {count}.' },
    { label: 'System Notification', text: 'Backup completed successfully.', weight: 2 },
    { label: 'System Notification', text: 'Waiting for index to be ready ({int} > 0)' },
    { label: 'System Notification', text: 'Ejected Time Machine disk image: /Volumes/{tmVolume}/{macHostName}.sparsebundle' },
    { label: 'System Notification', text: 'Deleted backup /Volumes/{tmVolume}/Backups.backupdb/{macHostName}/{date}-{int}: {size} now available' },
    { label: 'System Notification', text: '(Normal) DiskStore: Creating index for /Volumes/{tmVolume}' },
    { label: 'System Notification', text: '(Normal) Volume: Indexing {enabled|disabled} for /Volumes/{tmVolume}' },
    { label: 'System Notification', text: '(Normal) DataStore: Index flush completed, {count} items in {float}ms' },
    { label: 'System Notification', text: 'Starting post-backup thinning' },
    { label: 'System Notification', text: 'No post-backup thinning needed: no expired backups exist' },
    { label: 'System Notification', text: 'SoftwareUpdate: Auto-install: {small} products, {small} to install later' },
    { label: 'Resource Usage', text: '{size} required (including padding), {size} available', weight: 2 },
    { label: 'Resource Usage', text: 'Time Machine destination /Volumes/{tmVolume}: {size} used of {size}, {pct}% full' },
    { label: 'Error', text: 'SoftwareUpdate: Failed to download "{swUpdate}": Error Domain=NSURLErrorDomain Code=-1001 "The request timed out."' },
    { label: 'Error', text: 'SUOSUServiceDaemon: Install of "{swUpdate}" failed with error: Error Domain=SUMacControllerError Code={int}' },
    { label: 'Error', text: 'Backup failed with error {small}: {tmError}', weight: 2 },
    { label: 'Error', text: 'Error: (-{small}{small}) SrcErr:{NO|YES} Copying {macPath} to /Volumes/{tmVolume}/Backups.backupdb' },
    { label: 'Error', text: '(Error) SecureDataStore: Could not open index at /Volumes/{tmVolume}/.Spotlight-V100: error {small}' },
    { label: 'Error', text: '(Warning) Import: importer {mdImporter} timed out while importing {macPath}' },
    { label: 'Security Alert', text: 'Refusing authorization request for service {tccService} and subject Sub:{{{bundleId}}}Resp:{{TCCDProcess: identifier={bundleId}, pid={pid}, auid={uid}, euid={uid}, binary_path={macPath}}}', weight: 2 },
    { label: 'Security Alert', text: 'Prompting policy for hardened runtime; service: {tccService} requires entitlement com.apple.security.device.{camera|audio-input} but it is missing for accessing={{TCCDProcess: identifier={bundleId}, pid={pid}}}' },
    { label: 'Security Alert', text: 'Handling access request to {tccService}, from Sub:{{{bundleId}}}, ReqResult(Auth Right: Denied (System Set), DB Action:None, UpdateVerifierData)' },
    { label: 'User Action', text: 'Update Access Record: {tccService} for {bundleId} to {Allowed (User Consent)|Denied (User Set)}' },
    { label: 'User Action', text: 'Starting manual backup' },
    { label: 'User Action', text: 'Starting install of "{swUpdate}" requested by user {user} (uid={uid})' },
  ],
};
