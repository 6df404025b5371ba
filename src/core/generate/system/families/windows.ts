/**
 * Windows: the servicing stack (CBS.log / CSI lines written by TrustedInstaller, DISM, SFC) and
 * the messages of the Windows event logs (System, Application, Security): Service Control
 * Manager, security auditing, Kernel-Power, disk and NTFS, DNS client, Group Policy, Windows
 * Update, Defender, application crashes.
 */
import type { Rng } from '../../random.ts';
import type { LogFamily } from '../family.ts';

const hex = (rng: Rng, length: number): string => {
  let out = '';
  for (let i = 0; i < length; i++) out += '0123456789abcdef'[rng.int(0, 15)];
  return out;
};
const pad = (value: number, width: number): string => String(value).padStart(width, '0');
const upperAlnum = (rng: Rng, length: number): string => {
  let out = '';
  for (let i = 0; i < length; i++) out += 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789'[rng.int(0, 33)];
  return out;
};

const BUILDS = ['6.1.7601', '6.3.9600', '10.0.14393', '10.0.17763', '10.0.19041', '10.0.20348', '10.0.22621', '10.0.22631'];
const winVer = (rng: Rng): string => `${rng.pick(BUILDS)}.${rng.int(17, 24000)}`;
const kb = (rng: Rng): string => `KB${rng.int(2500000, 5045000)}`;
const ARCHES = ['amd64', 'amd64', 'amd64', 'x86', 'wow64'];
const FEATURE_PACKAGES = ['Foundation', 'Client-Features', 'NetFx3-OnDemand', 'Hyper-V-ClientEdition', 'InternetExplorer-Optional', 'Printing-XPSServices-Features', 'MediaPlayer', 'TerminalServices-Client', 'Windows-Defender-Client', 'Client-LanguagePack', 'OneCore-ApplicationModel-Sync-Desktop-FOD', 'Hello-Face'];
const cbsPackage = (rng: Rng): string => {
  const arch = rng.pick(ARCHES);
  switch (rng.int(0, 5)) {
    case 0:
      return `Package_for_${kb(rng)}~31bf3856ad364e35~${arch}~~${rng.pick(['6.1.1.3', '6.1.2.0', '10.0.1.8', '6.3.1.1', '10.0.1.2'])}`;
    case 1:
      return `Package_${rng.int(1, 4800)}_for_${kb(rng)}~31bf3856ad364e35~${arch}~~${winVer(rng)}.1.${rng.int(1, 12)}`;
    case 2:
      return `Package_for_RollupFix~31bf3856ad364e35~${arch}~~${rng.int(17763, 22631)}.${rng.int(100, 4200)}.1.${rng.int(1, 20)}`;
    case 3:
      return `Microsoft-Windows-${rng.pick(FEATURE_PACKAGES)}-Package~31bf3856ad364e35~${arch}~~${winVer(rng)}`;
    case 4:
      return `Package_for_ServicingStack_${rng.int(100, 4200)}~31bf3856ad364e35~${arch}~~${rng.int(17763, 22631)}.${rng.int(100, 4200)}.1.${rng.int(1, 12)}`;
    default:
      return `Package_for_DotNetRollup_481~31bf3856ad364e35~${arch}~~${winVer(rng)}.1.${rng.int(1, 9)}`;
  }
};
const COMPONENTS = ['microsoft-windows-shell32', 'microsoft-windows-kernel32', 'microsoft-windows-tcpip', 'microsoft-windows-ntfs', 'microsoft-windows-explorer', 'microsoft-windows-winsock-core', 'microsoft-windows-security-spp', 'microsoft-windows-win32k', 'microsoft-windows-font-truetype-arial', 'microsoft-windows-wmi-core', 'microsoft-windows-edge-stub', 'microsoft-windows-servicingstack', 'microsoft-windows-t..rvices-workstation', 'microsoft-windows-d..-dynamic-link-library', 'microsoft-windows-m..ents-mdac-ado15-dll'];
const SYS_FILES = ['shell32.dll', 'kernel32.dll', 'tcpip.sys', 'ntfs.sys', 'explorer.exe', 'ws2_32.dll', 'sppsvc.exe', 'win32k.sys', 'arial.ttf', 'wbemcore.dll', 'opencl.dll', 'ntdll.dll', 'user32.dll', 'msvcrt.dll', 'mshtml.dll', 'jscript9.dll', 'cmd.exe', 'msado15.dll', 'termsrv.dll'];
const csiStamp = (time: number, rng: Rng): string => {
  const d = new Date(time * 1000);
  return `${d.getUTCFullYear()}/${d.getUTCMonth() + 1}/${d.getUTCDate()}:${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.${pad(rng.int(0, 999), 3)}`;
};

export const WINDOWS_CBS: LogFamily = {
  id: 'windows-cbs',
  group: 'desktop',
  weight: 2,
  program: ['CBS', 'CBS', 'CBS', 'CSI', 'DISM'],
  headers: ['windows'],
  labelMix: { 'System Notification': 70, Error: 16, 'Critical Error': 4, 'Resource Usage': 4, 'Security Alert': 1, 'User Action': 3, 'Deprecation Warning': 1 },
  slots: {
    winVer,
    kb,
    arch: ARCHES,
    cbsPackage,
    cbsSession: (rng) => `${rng.int(30000000, 31199999)}_${rng.int(100000000, 4294967295)}`,
    cbsClient: ['WindowsUpdateAgent', 'DISM Package Manager Provider', 'TiWorker.exe', 'UpdateAgentLCU', 'CbsTask', 'SxsStore', 'Windows Update Agent'],
    cbsStage: ['Planning', 'Installing', 'Resolving', 'Staging', 'Execute', 'Startup', 'Shutdown', 'Committing', 'Resolved', 'Pending'],
    cbsState: ['Absent', 'Staged', 'Installed', 'Resolved', 'Default', 'Install Pending', 'Uninstall Pending', 'Superseded', 'Permanent', 'Partially Installed'],
    execState: ['ExecuteStateNone', 'ExecuteStateCommit', 'CbsExecuteStateResolvePending', 'CbsExecuteStateInitiated', 'CbsExecuteStateResolved'],
    hive: ['SOFTWARE', 'SYSTEM', 'COMPONENTS', 'SECURITY', 'SAM', 'DEFAULT', 'DRIVERS'],
    csiSeq: (rng) => rng.int(1, 0xfffff).toString(16).padStart(8, '0'),
    csiHex: (rng) => hex(rng, 8).replace(/^./, '0'),
    csiTime: (rng, time) => csiStamp(time, rng),
    component: COMPONENTS,
    sysFile: SYS_FILES,
    pkt: (rng) => hex(rng, 12),
    hresultFail: [
      '0x800f0805 - CBS_E_INVALID_PACKAGE', '0x800f080d - CBS_E_MANIFEST_INVALID_ITEM', '0x80004005 - E_FAIL', '0x800f081e - CBS_E_NOT_APPLICABLE',
      '0x800f0922 - CBS_E_INSTALLERS_FAILED', '0x80070002 - ERROR_FILE_NOT_FOUND', '0x80070003 - ERROR_PATH_NOT_FOUND', '0x800705b4 - ERROR_TIMEOUT',
      '0x80070490 - ERROR_NOT_FOUND', '0x80070057 - E_INVALIDARG', '0x800f0906 - CBS_E_DOWNLOAD_FAILURE', '0x80073701 - ERROR_SXS_ASSEMBLY_MISSING',
      '0x800f0823 - CBS_E_NEW_SERVICING_STACK_REQUIRED', '0x80070bc9 - ERROR_FAIL_REBOOT_REQUIRED', '0x800f0986 - PSFX_E_APPLY_FORWARD_DELTA_FAILED',
    ],
    cbsOp: [
      'resolve package', 'get session package', 'call external startup processing', 'process single phase execution', 'initialize internal package',
      'stage package', 'add package to session', 'load package manifest', 'get the installation state', 'perform operation', 'create the servicing transaction',
      'commit transaction', 'get component information', 'populate the component list', 'execute the package', 'plan the installation', 'apply forward delta',
    ],
    winDir: ['System32', 'SysWOW64', 'WinSxS\\Temp', 'servicing\\Packages', 'SoftwareDistribution\\Download', 'Fonts', 'System32\\drivers', 'System32\\catroot2', 'Logs\\CBS', 'WinSxS\\Manifests'],
    ntStatus: ['STATUS_OBJECT_NAME_NOT_FOUND', 'STATUS_OBJECT_PATH_NOT_FOUND', 'STATUS_SHARING_VIOLATION', 'STATUS_DELETE_PENDING', 'STATUS_CANNOT_DELETE', 'STATUS_DIRECTORY_NOT_EMPTY'],
    sizeGB: (rng) => `${(rng.next() * 14 + 2).toFixed(2)} GB`,
    sizeMB: (rng) => `${(rng.next() * 900 + 5).toFixed(2)} MB`,
    infName: ['oem12.inf', 'prnms009.inf', 'netrtwlane.inf', 'iastorac.inf', 'nvlt.inf', 'hdaudio.inf', 'usbxhci.inf', 'oem7.inf', 'rt640x64.inf'],
    dismOp: [
      '/Cleanup-Image /RestoreHealth', '/Cleanup-Image /ScanHealth', '/Cleanup-Image /CheckHealth', '/Cleanup-Image /StartComponentCleanup',
      '/Cleanup-Image /StartComponentCleanup /ResetBase', '/Cleanup-Image /AnalyzeComponentStore', '/Enable-Feature /FeatureName:NetFx3 /All /Source:D:\\sources\\sxs',
      '/Disable-Feature /FeatureName:SMB1Protocol', '/Get-Packages /Format:Table', '/Add-Package /PackagePath:C:\\Temp\\update.msu',
    ],
    deprecatedFeature: ['MicrosoftWindowsPowerShellV2Root', 'MicrosoftWindowsPowerShellV2', 'SMB1Protocol', 'Internet-Explorer-Optional-amd64', 'WMIC', 'VBSCRIPT', 'Microsoft-Windows-WordPad', 'TelnetClient'],
  },
  templates: [
    // TrustedInstaller and the servicing stack: routine lifecycle.
    { label: 'System Notification', text: 'Loaded Servicing Stack v{winVer} with Core: C:\\Windows\\winsxs\\{arch}_microsoft-windows-servicingstack_31bf3856ad364e35_{winVer}_none_{pkt}\\cbscore.dll', weight: 3 },
    { label: 'System Notification', text: '{Starting|Ending} TrustedInstaller initialization.', weight: 4 },
    { label: 'System Notification', text: '{Starting|Ending} the TrustedInstaller main loop.', weight: 3 },
    { label: 'System Notification', text: 'TrustedInstaller service starts successfully.', weight: 2 },
    { label: 'System Notification', text: '{Starting|Ending} TrustedInstaller finalization.' },
    { label: 'System Notification', text: 'Trusted Installer is shutting down because: SHUTDOWN_REASON_AUTOSTOP' },
    { label: 'System Notification', text: 'TiWorker signaled for shutdown, going to exit.' },
    { label: 'System Notification', text: 'No startup processing required, TrustedInstaller service was not set as autostart, or else a reboot is still pending.' },
    { label: 'System Notification', text: 'NonStart: Checking to ensure startup processing was not required.' },
    { label: 'System Notification', text: 'NonStart: Success, startup processing not required as expected.' },
    { label: 'System Notification', text: '{Startup|Idle} processing thread terminated normally' },
    { label: 'System Notification', text: 'Session: {cbsSession} initialized by client WindowsUpdateAgent.', weight: 5 },
    { label: 'System Notification', text: 'Session: {cbsSession} initialized by client {cbsClient}, external staging directory: (null), external registry directory: (null)', weight: 2 },
    { label: 'System Notification', text: 'Session: {cbsSession} finalized. Reboot required: {no|yes} [HRESULT = 0x00000000 - S_OK]' },
    { label: 'System Notification', text: 'Read out cached package applicability for package: {cbsPackage}, ApplicableState: {small}{small}, CurrentState:{small}{small}', weight: 4 },
    { label: 'System Notification', text: 'Warning: Unrecognized packageExtended attribute.', weight: 3 },
    { label: 'System Notification', text: 'SQM: Initializing online with Windows opt-in: {False|True}' },
    { label: 'System Notification', text: 'SQM: Cleaning up report files older than {n} days.' },
    { label: 'System Notification', text: 'SQM: Requesting upload of all unsent reports.' },
    { label: 'System Notification', text: 'SQM: Queued {small} file(s) for upload with pattern: C:\\Windows\\servicing\\sqm\\*_all.sqm, flags: 0x6' },
    { label: 'System Notification', text: 'Scavenge: Starts' },
    { label: 'System Notification', text: 'Scavenge: Completes, disposition: 0x{n}' },
    { label: 'System Notification', text: 'Unloading offline registry hive: {{{uuid}}}GLOBALROOT/Device/HarddiskVolumeShadowCopy{n}/Windows/System32/config/{hive}' },
    { label: 'System Notification', text: 'Exec: Processing started.  Client: {cbsClient}, Session: {cbsSession}, Package: {cbsPackage}' },
    { label: 'System Notification', text: 'Exec: Processing complete, session(Corruption Repairing): {cbsSession} [HRESULT = 0x00000000 - S_OK]' },
    { label: 'System Notification', text: 'FLOW: Entering stage: {cbsStage}', weight: 2 },
    { label: 'System Notification', text: 'FLOW: Enter Installation Stage: {cbsStage}, Set Stage: Install, Current Stage: {cbsStage}' },
    { label: 'System Notification', text: 'Plan: Package: {cbsPackage}, current: {cbsState}, pending: Default, start: {cbsState}, applicable: {cbsState}, targeted: {cbsState}, limit: {cbsState}', weight: 2 },
    { label: 'System Notification', text: 'Appl: detect Parent, Package: {cbsPackage}, Parent: Microsoft-Windows-Client-Features-Package~31bf3856ad364e35~amd64~~{winVer}, Disposition = Detect, VersionComp: EQ, BuildComp: EQ, RevisionComp: GE, Exist: present', weight: 2 },
    { label: 'System Notification', text: 'Reporting package change for package: {cbsPackage}, current: {cbsState}, pending: Default, start: {cbsState}, applicable: Installed, target: Installed, limit: Installed, status: 0x0, failure source: Not Applicable, reboot required: False, client id: {cbsClient}, initiated offline: False, execution sequence: {count}, first merged sequence: {count}, reboot reason: REBOOT_NOT_REQUIRED' },
    { label: 'System Notification', text: 'Winlogon: {Registering|Deregistering} for CreateSession notifications' },
    { label: 'System Notification', text: 'Winlogon: {Loading|Unloading} SysNotify DLL' },
    { label: 'System Notification', text: 'Setting ExecuteState key to: {execState}' },
    { label: 'System Notification', text: 'Perf: InstallUninstallChain complete.' },
    { label: 'System Notification', text: 'Restored system sleep block state: 0x{csiHex}' },
    { label: 'System Notification', text: '{Enabling|Disabling} LKG boot option' },
    { label: 'System Notification', text: 'Checking System Update Readiness.' },
    { label: 'System Notification', text: 'Exec: Download qualification evaluation, business scenario: {Manual Corruption Repair|Detect Corruption|Update}' },
    { label: 'System Notification', text: 'Repr: CBS Store check completes' },
    { label: 'System Notification', text: 'Exec: Reboot required for package {cbsPackage}, reboot will be scheduled by client {cbsClient}' },
    { label: 'System Notification', text: 'Doqe: Recording result: 0x00000000, for Inf: {infName}' },
    { label: 'System Notification', text: '{csiSeq}@{csiTime} WcpInitialize (wcp.dll version 0.0.0.6) called (stack @0x7fe{csiHex} @0x7fe{csiHex} @0x7fe{csiHex} @0xff{csiHex})', weight: 2 },
    { label: 'System Notification', text: '{csiSeq} Creating NT transaction (seq {n}), objectname [{small}]"(null)"' },
    { label: 'System Notification', text: '{csiSeq} Created NT transaction (seq {n}) result 0x00000000, handle @0x{small}{small}' },
    { label: 'System Notification', text: '{csiSeq}@{csiTime} CSI Transaction @0x{csiHex} initialized for deployment engine {{{uuid}}} with flags 00000002 and client id [10]"TI5.{cbsSession}:1/"' },
    { label: 'System Notification', text: '{csiSeq}@{csiTime} CSI Transaction @0x{csiHex} destroyed' },
    { label: 'System Notification', text: '{csiSeq} Warning: Overlap: Duplicate ownership for directory \\??\\C:\\Windows\\{winDir} in component {component}, version {winVer}, arch {arch}, nonSxS, pkt {{l:8 b:31bf3856ad364e35}}' },
    { label: 'System Notification', text: '{csiSeq} Performing {count} operations as follows:' },
    { label: 'System Notification', text: '[SR] Verifying {count} components' },
    { label: 'System Notification', text: '[SR] Beginning Verify and Repair transaction' },
    { label: 'System Notification', text: '[SR] Verify complete' },
    { label: 'System Notification', text: '[SR] Repairing {small} components' },
    { label: 'System Notification', text: 'DISM   DISM Provider Store: PID={pid} TID={pid} Getting the collection of providers from a local provider store type. - CDISMProviderStore::GetProviderCollection' },
    // Figures of the component store and disk.
    { label: 'Resource Usage', text: '{Windows Explorer Reported|Actual} Size of Component Store : {sizeGB}' },
    { label: 'Resource Usage', text: '{Backups and Disabled Features|Shared with Windows} : {sizeGB}' },
    { label: 'Resource Usage', text: 'Cache and Temporary Data :  {sizeMB}' },
    { label: 'Resource Usage', text: 'Scavenge: Disk space free before: {bytes} bytes, after: {bytes} bytes, {sizeMB} reclaimed' },
    { label: 'Resource Usage', text: 'Reserve Manager: Current reserve size {mb} MB, used {mb} MB, hard reserve adjustment {mb} MB' },
    // One servicing operation failed.
    { label: 'Error', text: 'Failed to internally open package. [HRESULT = 0x800f0805 - CBS_E_INVALID_PACKAGE]', weight: 3 },
    { label: 'Error', text: 'Failed to OpenPackage using worker session [HRESULT = 0x800f0805]', weight: 2 },
    { label: 'Error', text: 'Failed to create open package. [HRESULT = 0x800f0805 - CBS_E_INVALID_PACKAGE]', weight: 2 },
    { label: 'Error', text: 'Failed to open package {cbsPackage} from {cbsClient} [HRESULT = 0x800f0805 - CBS_E_INVALID_PACKAGE]' },
    { label: 'Error', text: 'Expecting attribute name [HRESULT = 0x800f080d - CBS_E_MANIFEST_INVALID_ITEM]', weight: 2 },
    { label: 'Error', text: 'Failed to get next element [HRESULT = 0x800f080d - CBS_E_MANIFEST_INVALID_ITEM]', weight: 2 },
    { label: 'Error', text: 'Failed to {cbsOp} [HRESULT = {hresultFail}]', weight: 4 },
    { label: 'Error', text: 'Failed to {cbsOp}: {cbsPackage} [HRESULT = {hresultFail}]', weight: 2 },
    { label: 'Error', text: 'SQM: Failed to start upload with file pattern: C:\\Windows\\servicing\\sqm\\*_std.sqm, flags: 0x{small} [HRESULT = 0x80004005 - E_FAIL]' },
    { label: 'Error', text: 'SQM: Failed to start standard sample upload. [HRESULT = 0x80004005 - E_FAIL]' },
    { label: 'Error', text: 'SQM: Warning: Failed to upload all unsent reports. [HRESULT = 0x80004005 - E_FAIL]' },
    { label: 'Error', text: 'Doqe: Failed to install driver package {infName} [HRESULT = 0x800f0922 - CBS_E_INSTALLERS_FAILED]' },
    { label: 'Error', text: 'Startup: Failed to process advanced operation queue, startupPhase: {small}. A rollback was initiated. [HRESULT = 0x800f0922 - CBS_E_INSTALLERS_FAILED]' },
    { label: 'Error', text: 'Insufficient disk space to stage package {cbsPackage} [HRESULT = 0x80070070 - ERROR_DISK_FULL]' },
    { label: 'Error', text: 'Reporting package change for package: {cbsPackage}, current: {cbsState}, pending: Default, start: {cbsState}, applicable: Installed, target: Installed, limit: Installed, status: 0x800f0922, failure source: Execute, reboot required: False, client id: {cbsClient}, initiated offline: False, execution sequence: {count}, first merged sequence: {count}' },
    { label: 'Error', text: 'Failed to repair store. The source files could not be found. [HRESULT = 0x800f081f - CBS_E_SOURCE_MISSING]' },
    { label: 'Error', text: 'Exec: Failed to download payload for package {cbsPackage}, will retry [HRESULT = 0x800f0906 - CBS_E_DOWNLOAD_FAILURE]' },
    { label: 'Error', text: '{csiSeq} (F) {ntStatus} #{int}# from Windows::Rtl::SystemImplementation::DirectFileSystemProvider::SysCreateFile(flags = (AllowSharingViolation), handle = {{provider=NULL, handle=0, name= ("null")}}, da = (SYNCHRONIZE|FILE_READ_ATTRIBUTES), oa = @0x{csiHex}->OBJECT_ATTRIBUTES {{s:48; rd:NULL; on:[{small}]"\\??\\C:\\Windows\\{winDir}\\{sysFile}"; a:(OBJ_CASE_INSENSITIVE)}})[gle=0x{csiHex}]' },
    { label: 'Error', text: '{csiSeq} Error: Failed to commit component {component} version {winVer} [HRESULT = {hresultFail}]' },
    // The component store is corrupt or the stack cannot run.
    { label: 'Critical Error', text: 'Mark store corruption flag because of package: {cbsPackage}. [HRESULT = 0x80070490 - ERROR_NOT_FOUND]', weight: 2 },
    { label: 'Critical Error', text: '(p)\tCSI Payload Corrupt\t\t\t{arch}_{component}_31bf3856ad364e35_{winVer}_none_{pkt}\\{sysFile}', weight: 2 },
    { label: 'Critical Error', text: 'Repair failed: Missing replacement payload.' },
    { label: 'Critical Error', text: '[SR] Cannot repair member file [l:{small}]"{sysFile}" of {component}, version {winVer}, arch {arch}, nonSxS, pkt {{l:8 b:31bf3856ad364e35}} in the store, hash mismatch' },
    { label: 'Critical Error', text: '{csiSeq} Hashes for file member [l:{small}]"{sysFile}" do not match.' },
    { label: 'Critical Error', text: 'Store corruption, manifest missing for package: {cbsPackage}' },
    { label: 'Critical Error', text: 'Startup: Failed to load the servicing stack, TrustedInstaller cannot continue. [HRESULT = 0x8007007e - ERROR_MOD_NOT_FOUND]' },
    { label: 'Critical Error', text: 'Poqexec: pending.xml is corrupt and cannot be processed, the system cannot complete servicing [HRESULT = 0x800f0900 - CBS_E_XML_PARSER_FAILURE]' },
    // Signatures of servicing content.
    { label: 'Security Alert', text: 'Failed to verify if catalog file \\\\?\\C:\\Windows\\Servicing\\Packages\\{cbsPackage}.cat is valid. [HRESULT = 0x800b0100 - TRUST_E_NOSIGNATURE]' },
    { label: 'Security Alert', text: 'Catalog signature verification failed for {cbsPackage}.cat [HRESULT = 0x80096010 - TRUST_E_BAD_DIGEST]' },
    // An administrator ran DISM.
    { label: 'User Action', text: 'DISM.EXE: Executing command line: "C:\\Windows\\system32\\Dism.exe" /Online {dismOp}', weight: 2 },
    { label: 'User Action', text: 'DISM   DISM.EXE: <----- Starting Dism.exe session -----> Host machine information: OS Version={winVer}, Running architecture={arch}, Number of processors={small}, command line: dism /online {dismOp}' },
    { label: 'Deprecation Warning', text: 'DISM   DISM Provider Store: PID={pid} Feature {deprecatedFeature} is deprecated and will be removed in a future release of Windows.' },
  ],
};

const SERVICES = [
  'Windows Update', 'Background Intelligent Transfer Service', 'Windows Modules Installer', 'Print Spooler', 'Microsoft Defender Antivirus Service',
  'Microsoft Defender Antivirus Network Inspection Service', 'Windows Search', 'WinHTTP Web Proxy Auto-Discovery Service', 'Windows Error Reporting Service',
  'Software Protection', 'Delivery Optimization', 'Connected User Experiences and Telemetry', 'DHCP Client', 'DNS Client', 'Remote Registry', 'Windows Time',
  'Google Update Service (gupdate)', 'Adobe Acrobat Update Service', 'SQL Server (MSSQLSERVER)', 'Volume Shadow Copy', 'Microsoft Store Install Service',
  'Windows Installer', 'Device Install Service', 'Network List Service', 'Windows Remote Management (WS-Management)', 'Remote Desktop Services',
  'Cryptographic Services', 'Task Scheduler', 'Windows Audio', 'Bluetooth Support Service', 'Netlogon', 'Server', 'Workstation', 'Hyper-V Virtual Machine Management',
  'Intel(R) Management and Security Application Local Management Service', 'NVIDIA Display Container LS', 'Sync Host_{hex}', 'Windows Push Notifications User Service',
];
const EXES = ['chrome.exe', 'explorer.exe', 'OUTLOOK.EXE', 'Teams.exe', 'svchost.exe', 'msedge.exe', 'WINWORD.EXE', 'EXCEL.EXE', 'java.exe', 'python.exe', 'notepad++.exe', 'sqlservr.exe', 'Code.exe', 'vlc.exe', 'SearchApp.exe', 'OneDrive.exe', 'Zoom.exe', 'firefox.exe', 'AcroRd32.exe', 'spoolsv.exe', 'MsMpEng.exe', 'dwm.exe'];

export const WINDOWS_EVENTLOG: LogFamily = {
  id: 'windows-eventlog',
  group: 'desktop',
  weight: 1.3,
  program: ['Service Control Manager', 'Microsoft-Windows-Kernel-Power', 'EventLog', 'disk', 'Microsoft-Windows-DNS-Client', 'Microsoft-Windows-GroupPolicy', 'Microsoft-Windows-WindowsUpdateClient', 'Application Error'],
  headers: ['iso-level'],
  labelMix: { 'System Notification': 56, 'User Action': 4, 'Security Alert': 3, Error: 22, 'Critical Error': 8, 'Resource Usage': 5, 'Deprecation Warning': 2 },
  slots: {
    svc: (rng) => rng.pick(SERVICES).replace('{hex}', hex(rng, 5)),
    svcShort: ['wuauserv', 'BITS', 'TrustedInstaller', 'Spooler', 'WinDefend', 'WSearch', 'W32Time', 'Dnscache', 'Dhcp', 'sppsvc', 'DoSvc', 'DiagTrack', 'gupdate', 'MSSQLSERVER', 'VSS', 'msiserver', 'Netlogon', 'LanmanServer', 'TermService', 'WinRM', 'CryptSvc', 'Schedule'],
    winErr: [
      'The system cannot find the file specified.', 'The service did not respond to the start or control request in a timely fashion.',
      'The specified module could not be found.', 'The dependency service or group failed to start.', 'Incorrect function.', 'The system cannot find the path specified.',
      'A device attached to the system is not functioning.', 'The handle is invalid.', '%%1053', '%%2', 'The service has returned a service-specific error code.',
    ],
    domain: ['CORP', 'CONTOSO', 'ACME', 'WORKGROUP', 'FABRIKAM', 'AD', 'LAB', 'HQ'],
    domainFqdn: ['corp.local', 'contoso.com', 'acme.internal', 'fabrikam.local', 'ad.example.com', 'lab.local', 'hq.example.org'],
    winHost: (rng) => `${rng.pick(['DESKTOP', 'LAPTOP', 'WS', 'PC', 'SRV', 'DC', 'WIN', 'NB'])}-${upperAlnum(rng, rng.int(3, 7))}`,
    sid: (rng) => `S-1-5-21-${rng.int(1000000000, 4000000000)}-${rng.int(1000000000, 4000000000)}-${rng.int(1000000000, 4000000000)}-${rng.int(500, 5000)}`,
    logonId: (rng) => `0x${hex(rng, rng.int(5, 8)).replace(/^0+/, '')}`,
    logonType: ['2', '3', '3', '3', '5', '7', '10', '11'],
    logonProcess: ['User32', 'NtLmSsp', 'Kerberos', 'Advapi', 'seclogo'],
    authPackage: ['Negotiate', 'NTLM', 'Kerberos', 'MICROSOFT_AUTHENTICATION_PACKAGE_V1_0'],
    failureReason: ['Unknown user name or bad password.', 'The user has not been granted the requested logon type at this machine.', 'Account locked out.', 'Account currently disabled.', "The specified account's password has expired.", 'Account logon time restriction violation.'],
    subStatus: ['0xC000006A', '0xC0000064', '0xC0000234', '0xC0000072', '0xC000015B', '0xC0000071', '0xC000006F'],
    exe: EXES,
    faultModule: ['ntdll.dll', 'KERNELBASE.dll', 'ucrtbase.dll', 'clr.dll', 'coreclr.dll', 'msvcrt.dll', 'nvwgf2umx.dll', 'unknown', 'combase.dll', 'VCRUNTIME140.dll', 'libcef.dll'],
    excCode: ['0xc0000005', '0xc0000409', '0xe0434352', '0xc0000374', '0x80000003', '0xc000001d', '0xc00000fd'],
    dotnetEx: ['System.NullReferenceException', 'System.IO.FileNotFoundException', 'System.InvalidOperationException', 'System.OutOfMemoryException', 'System.Net.Sockets.SocketException', 'System.AggregateException', 'System.Data.SqlClient.SqlException', 'System.IO.IOException', 'System.TypeInitializationException'],
    winVer: (rng) => `${rng.int(1, 125)}.${rng.int(0, 9)}.${rng.int(0, 9999)}.${rng.int(0, 999)}`,
    kbTitle: (rng) =>
      rng.pick([
        `${rng.int(2021, 2025)}-${pad(rng.int(1, 12), 2)} Cumulative Update for Windows ${rng.pick(['10 Version 22H2', '11 Version 23H2', '11 Version 22H2', 'Server 2019', 'Server 2022'])} for x64-based Systems (${kb(rng)})`,
        `Security Intelligence Update for Microsoft Defender Antivirus - KB2267602 (Version 1.${rng.int(380, 420)}.${rng.int(1, 999)}.0)`,
        `${rng.int(2021, 2025)}-${pad(rng.int(1, 12), 2)} Cumulative Update for .NET Framework 3.5, 4.8 and 4.8.1 for Windows 10 Version 22H2 for x64 (${kb(rng)})`,
        `Windows Malicious Software Removal Tool x64 - v5.${rng.int(90, 130)} (KB890830)`,
        `${rng.pick(['Intel', 'Realtek', 'NVIDIA', 'Dell', 'Lenovo'])} - ${rng.pick(['System', 'Display', 'Net', 'Firmware', 'MEDIA'])} - ${rng.int(1, 31)}.${rng.int(0, 99)}.${rng.int(0, 9999)}.${rng.int(0, 9999)}`,
        `Update for Microsoft Defender Antivirus antimalware platform - KB4052623 (Version 4.18.${rng.int(23000, 24100)}.${rng.int(1, 9)})`,
      ]),
    ntpSrc: ['time.example.com,0x9', 'time.example.net,0x8', 'dc01.corp.local', 'pool.ntp.example,0x9', 'VM IC Time Synchronization Provider', 'ntp.example.org,0x1'],
    wakeSource: ['Device -USB Root Hub (USB 3.0)', 'Power Button', 'Device -Intel(R) Ethernet Connection I219-LM', 'Unknown', 'Device -HID-compliant mouse', 'Device -HID Keyboard Device', 'Timer - Windows will execute scheduled task that requested waking the computer.'],
    drive: ['C:', 'D:', 'E:', '\\Device\\HarddiskVolume3', '\\Device\\HarddiskVolume2'],
    malware: ['Trojan:Win32/Wacatac.B!ml', 'HackTool:Win32/Mimikatz', 'Trojan:Script/Phonzy.B!ml', 'PUA:Win32/Presenoker', 'Ransom:Win32/WannaCrypt', 'Backdoor:Win32/Bladabindi!ml', 'Trojan:JS/Redirector.QE', 'Exploit:O97M/CVE-2017-11882!MTB', 'Virus:DOS/EICAR_Test_File', 'Trojan:Win32/AgentTesla!ml'],
    winGroup: ['Administrators', 'Remote Desktop Users', 'Domain Admins', 'Backup Operators', 'Users', 'Hyper-V Administrators', 'Event Log Readers', 'Remote Management Users'],
    macDash: (rng) => Array.from({ length: 6 }, () => hex(rng, 2).toUpperCase()).join('-'),
    clock12: (_rng, time) => {
      const d = new Date(time * 1000);
      const h = d.getUTCHours();
      return `${h % 12 || 12}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)} ${h < 12 ? 'AM' : 'PM'}`;
    },
    dateUS: (_rng, time) => {
      const d = new Date(time * 1000);
      return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
    },
    product: ['Microsoft Office Professional Plus 2019', '7-Zip 23.01 (x64 edition)', 'Google Chrome', 'Zoom(64bit)', 'Microsoft Visual C++ 2015-2022 Redistributable (x64)', 'Adobe Acrobat Reader DC', 'Python 3.11.7 Core Interpreter (64-bit)', 'Microsoft Teams Machine-Wide Installer'],
    nic: ['Intel(R) Ethernet Connection (7) I219-LM', 'Realtek PCIe GbE Family Controller', 'Intel(R) Wi-Fi 6 AX201 160MHz', 'Killer E2600 Gigabit Ethernet Controller', 'vmxnet3 Ethernet Adapter'],
    gpuDriver: ['nvlddmkm', 'amdkmdag', 'igfx', 'amdwddmg', 'BasicDisplay'],
  },
  templates: [
    // Service Control Manager.
    { label: 'System Notification', text: 'The {svc} service entered the running state.', weight: 6 },
    { label: 'System Notification', text: 'The {svc} service entered the stopped state.', weight: 5 },
    { label: 'System Notification', text: 'The {svc} service was successfully sent a {start|stop} control.', weight: 2 },
    { label: 'System Notification', text: 'The start type of the {svc} service was changed from {demand start|auto start|disabled} to {auto start|demand start}.', weight: 2 },
    { label: 'System Notification', text: 'The Event log service was {started|stopped}.' },
    { label: 'System Notification', text: 'Microsoft (R) Windows (R) 10.0. {int}  Multiprocessor Free.' },
    { label: 'System Notification', text: 'The system uptime is {int} seconds.' },
    { label: 'System Notification', text: 'The operating system started at system time {isoTime}.' },
    { label: 'System Notification', text: 'The operating system is shutting down at system time {isoTime}.' },
    { label: 'System Notification', text: 'The system is entering sleep.  Sleep Reason: {Application API|System Idle|Button or Lid|Hibernate from Sleep}' },
    { label: 'System Notification', text: 'The system has returned from a low power state.  Sleep Time: {isoTime}  Wake Time: {isoTime}  Wake Source: {wakeSource}' },
    { label: 'System Notification', text: 'The time service is now synchronizing the system time with the time source {ntpSrc}.' },
    { label: 'System Notification', text: 'The system time has changed to {isoTime} from {isoTime}.  Change Reason: System time synchronized with the hardware clock.' },
    { label: 'System Notification', text: 'The Group Policy settings for the computer were processed successfully. There were no changes detected since the last successful processing of Group Policy.', weight: 2 },
    { label: 'System Notification', text: 'The Group Policy settings for the user were processed successfully. New settings from {small} Group Policy objects were detected and applied.' },
    { label: 'System Notification', text: 'Installation Started: Windows has started installing the following update: {kbTitle}' },
    { label: 'System Notification', text: 'Installation Successful: Windows successfully installed the following update: {kbTitle}', weight: 2 },
    { label: 'System Notification', text: 'Windows Update started downloading an update.' },
    { label: 'System Notification', text: 'Restart Required: To complete the installation of the following updates, the computer must be restarted. Please restart the computer to complete the installation of the updates.' },
    { label: 'System Notification', text: 'The User Profile Service has {started|stopped} successfully.' },
    { label: 'System Notification', text: 'Successfully scheduled Software Protection service for re-start at {isoTime}. Reason: RulesEngine.' },
    { label: 'System Notification', text: '{nic}  Network link has been established at {1Gbps|100Mbps|2.5Gbps} full duplex.' },
    { label: 'System Notification', text: 'The VSS service is shutting down due to idle timeout.' },
    { label: 'System Notification', text: 'The WinRM service is listening for WS-Management requests.' },
    { label: 'System Notification', text: 'The driver \\Driver\\{svcShort} {loaded|was unloaded} successfully.' },
    { label: 'System Notification', text: 'Windows Error Reporting service configured: consent level {n}, queue reporting enabled' },
    { label: 'System Notification', text: 'The system has been resumed from hibernation, no errors detected during resume.' },
    // One operation or service failed.
    { label: 'Error', text: 'The {svc} service terminated with the following error: {winErr}', weight: 3 },
    { label: 'Error', text: 'The {svc} service failed to start due to the following error: {winErr}', weight: 3 },
    { label: 'Error', text: 'A timeout was reached ({int} milliseconds) while waiting for the {svc} service to connect.', weight: 2 },
    { label: 'Error', text: 'A timeout ({int} milliseconds) was reached while waiting for a transaction response from the {svcShort} service.' },
    { label: 'Error', text: 'The {svc} service depends on the {svc} service which failed to start because of the following error: {winErr}' },
    { label: 'Error', text: 'Name resolution for the name {fqdn} timed out after none of the configured DNS servers responded.', weight: 2 },
    { label: 'Error', text: 'The system failed to register host (A or AAAA) resource records (RRs) for network adapter with settings: Adapter Name : {{{uuid}}} Host Name : {winHost} Primary Domain Suffix : {domainFqdn} DNS server list : {ip} Sent update to server : <?> IP Address(es) : {ip}  The reason the system could not register these RRs was because the update request it sent to the DNS server timed out.' },
    { label: 'Error', text: 'The processing of Group Policy failed because of lack of network connectivity to a domain controller. This may be a transient condition.' },
    { label: 'Error', text: 'The processing of Group Policy failed. Windows attempted to read the file \\\\{domainFqdn}\\sysvol\\{domainFqdn}\\Policies\\{{{uuid}}}\\gpt.ini from a domain controller and was not successful.' },
    { label: 'Error', text: 'Installation Failure: Windows failed to install the following update with error 0x{hex8}: {kbTitle}.', weight: 2 },
    { label: 'Error', text: 'Unable to Connect: Windows is unable to connect to the automatic updates service and therefore cannot download and install updates according to the set schedule. Windows will continue to try to establish a connection.' },
    { label: 'Error', text: "NtpClient was unable to set a manual peer to use as a time source because of DNS resolution error on '{ntpSrc}'. NtpClient will try again in 15 minutes and double the reattempt interval thereafter. The error was: No such host is known. (0x80072AF9)" },
    { label: 'Error', text: 'This computer was not able to set up a secure session with a domain controller in domain {domain} due to the following: There are currently no logon servers available to service the logon request.' },
    { label: 'Error', text: 'The system detected an address conflict for IP address {ip} with the system having network hardware address {macDash}. Network operations on this system may be disrupted as a result.' },
    { label: 'Error', text: 'The IO operation at logical block address 0x{hex8} for Disk {small} (PDO name: \\Device\\000000{small}{small}) was retried.', weight: 2 },
    { label: 'Error', text: 'Reset to device, \\Device\\RaidPort{small}, was issued.' },
    { label: 'Error', text: 'Windows cannot find the local profile and is logging you on with a temporary profile. Changes you make to this profile will be lost when you log off.' },
    { label: 'Error', text: 'The program {exe} version {winVer} stopped interacting with Windows and was closed. To see if more information about the problem is available, check the problem history in the Security and Maintenance control panel.' },
    { label: 'Error', text: '{nic}  Network link is disconnected.' },
    { label: 'Error', text: 'Volume Shadow Copy Service error: Unexpected error calling routine CoCreateInstance.  hr = 0x80040154, Class not registered.' },
    { label: 'Error', text: 'The server {{{uuid}}} did not register with DCOM within the required timeout.' },
    { label: 'Error', text: 'Product: {product} -- Installation failed.' },
    { label: 'Error', text: 'Display driver {gpuDriver} stopped responding and has successfully recovered.' },
    { label: 'Error', text: 'A fatal alert was received from the remote endpoint. The TLS protocol defined fatal alert code is {n}{n}.' },
    { label: 'Error', text: 'The paging file is too small for this operation to complete.' },
    // Whole machine, disk or program down.
    { label: 'Critical Error', text: 'The system has rebooted without cleanly shutting down first. This error could be caused if the system stopped responding, crashed, or lost power unexpectedly.', weight: 3 },
    { label: 'Critical Error', text: 'The previous system shutdown at {clock12} on {dateUS} was unexpected.', weight: 3 },
    { label: 'Critical Error', text: 'The computer has rebooted from a bugcheck.  The bugcheck was: 0x000000{n}{n} (0x{hex16}, 0x{hex16}, 0x{hex16}, 0x{hex16}). A dump was saved in: C:\\Windows\\MEMORY.DMP. Report Id: {uuid}.', weight: 2 },
    { label: 'Critical Error', text: 'The device, \\Device\\Harddisk{small}\\DR{small}, has a bad block.', weight: 2 },
    { label: 'Critical Error', text: 'An error was detected on device \\Device\\Harddisk{small}\\DR{small} during a paging operation.' },
    { label: 'Critical Error', text: 'The driver has detected that device \\Device\\Harddisk{small}\\DR{small} has predicted that it will fail. Immediately back up your data and replace your hard disk drive. A failure may be imminent.' },
    { label: 'Critical Error', text: 'A corruption was discovered in the file system structure on volume {drive}.' },
    { label: 'Critical Error', text: 'The file system structure on the disk is corrupt and unusable. Please run the chkdsk utility on the volume {drive}.' },
    { label: 'Critical Error', text: 'The {svc} service terminated unexpectedly.  It has done this {n} time(s).  The following corrective action will be taken in {int} milliseconds: Restart the service.', weight: 3 },
    { label: 'Critical Error', text: 'The {svc} service terminated unexpectedly.  It has done this {n} time(s).' },
    { label: 'Critical Error', text: 'Faulting application name: {exe}, version: {winVer}, time stamp: 0x{hex8} Faulting module name: {faultModule}, version: {winVer}, time stamp: 0x{hex8} Exception code: {excCode} Fault offset: 0x{hex16} Faulting process id: 0x{hex8} Faulting application path: C:\\Program Files\\{exe}', weight: 3 },
    { label: 'Critical Error', text: 'Application: {exe} Framework Version: v4.0.30319 Description: The process was terminated due to an unhandled exception. Exception Info: {dotnetEx}' },
    { label: 'Critical Error', text: 'A fatal hardware error has occurred.  Reported by component: Processor Core  Error Source: Machine Check Exception  Error Type: {Cache Hierarchy Error|Bus/Interconnect Error|Internal Timer Error}  Processor APIC ID: {small}' },
    { label: 'Critical Error', text: 'A corrected hardware error has occurred.  Reported by component: {PCI Express Root Port|Processor Core|Memory}  Error Source: {Advanced Error Reporting (PCI Express)|Corrected Machine Check}  Error Type: {Bus/Interconnect Error|Cache Hierarchy Error|Memory Error}' },
    { label: 'Critical Error', text: 'The Desktop Window Manager has encountered a fatal error (0x{hex8})' },
    // People at the console.
    { label: 'User Action', text: 'The process C:\\Windows\\system32\\shutdown.exe ({winHost}) has initiated the {restart|power off} of computer {winHost} on behalf of user {domain}\\{user} for the following reason: No title for this reason could be found', weight: 2 },
    { label: 'User Action', text: 'User {Logon|Logoff} Notification for Customer Experience Improvement Program' },
    // Refused activation and failed verification.
    { label: 'Security Alert', text: 'The application-specific permission settings do not grant Local Activation permission for the COM Server application with CLSID {{{uuid}}} and APPID {{{uuid}}} to the user {domain}\\{user} SID ({sid}) from address LocalHost (Using LRPC).' },
    { label: 'Security Alert', text: 'The certificate received from the remote server has not validated correctly. The error code is 0x800B010{n}. The TLS connection request has failed.' },
    // Figures and limits.
    { label: 'Resource Usage', text: 'Windows successfully diagnosed a low virtual memory condition. The following programs consumed the most virtual memory: {exe} ({pid}) consumed {bytes} bytes, {exe} ({pid}) consumed {bytes} bytes, and {exe} ({pid}) consumed {bytes} bytes.', weight: 2 },
    { label: 'Resource Usage', text: 'The {drive} disk is at or near capacity.  You may need to delete some files.' },
    { label: 'Resource Usage', text: 'The speed of processor {small} in group 0 is being limited by system firmware. The processor has been in this reduced performance state for {int} seconds since the last report.', weight: 2 },
    { label: 'Resource Usage', text: 'Application popup: Windows - Low on Memory : Close programs to prevent information loss. Your computer is low on memory ({pct}% committed).' },
    // Features on their way out.
    { label: 'Deprecation Warning', text: 'The TLS 1.0 protocol is deprecated and will be disabled by default in a future release of Windows. Applications using TLS 1.0 should migrate to TLS 1.2 or later.' },
    { label: 'Deprecation Warning', text: 'Windows PowerShell 2.0 Engine is deprecated and will be removed in a future release. Scripts that use it should migrate to Windows PowerShell 5.1 or PowerShell 7.' },
    { label: 'Deprecation Warning', text: 'VBScript is deprecated and will be removed in a future release of Windows; script {file} uses it.' },
  ],
};

/** The Security log (auditing), Defender and Remote Desktop: logons, accounts, refusals, malware. */
export const WINDOWS_SECURITY: LogFamily = {
  id: 'windows-security',
  group: 'desktop',
  weight: 0.7,
  program: ['Microsoft-Windows-Security-Auditing', 'Microsoft-Windows-Windows Defender', 'Microsoft-Windows-TerminalServices-RemoteConnectionManager'],
  headers: ['iso-level'],
  labelMix: { 'System Notification': 30, 'User Action': 38, 'Security Alert': 30 },
  slots: WINDOWS_EVENTLOG.slots,
  templates: [
    // Routine audit and protection events.
    { label: 'System Notification', text: 'Microsoft Defender Antivirus security intelligence version updated.  Current security intelligence Version: 1.{int}.{int}.0  Previous security intelligence Version: 1.{int}.{int}.0' },
    { label: 'System Notification', text: 'Windows Defender Firewall Group Policy settings have changed. The new settings have been applied.' },
    { label: 'System Notification', text: 'Special privileges assigned to new logon.  Subject: Security ID: S-1-5-18 Account Name: SYSTEM Account Domain: NT AUTHORITY Logon ID: 0x3E7  Privileges: SeAssignPrimaryTokenPrivilege SeTcbPrivilege SeSecurityPrivilege SeBackupPrivilege', weight: 2 },
    { label: 'System Notification', text: 'Windows is starting up.' },
    { label: 'System Notification', text: 'The event logging service has shut down.' },
    { label: 'System Notification', text: 'Credential Manager credentials were read.  Subject: Account Name: SYSTEM Account Domain: NT AUTHORITY Logon ID: 0x3E7  Read Operation: Enumerate Credentials' },
    { label: 'System Notification', text: 'A security-enabled local group membership was enumerated.  Subject: Account Name: {winHost}$ Account Domain: {domain}  Group: Group Name: {winGroup} Group Domain: Builtin  Process Information: Process Name: C:\\Windows\\System32\\svchost.exe' },
    { label: 'System Notification', text: 'Cryptographic operation.  Subject: Account Name: {winHost}$  Cryptographic Parameters: Provider Name: Microsoft Software Key Storage Provider Algorithm Name: RSA Key Name: {uuid} Key Type: Machine key.  Operation: Open Key.  Return Code: 0x0' },
    { label: 'System Notification', text: 'Microsoft Defender Antivirus scan has finished.  Scan ID: {{{uuid}}}  Scan Type: Antimalware  Scan Parameters: Quick Scan  User: NT AUTHORITY\\SYSTEM  Scan Time: 0:0{n}:{small}{n}' },
    { label: 'System Notification', text: 'Microsoft Defender Antivirus Real-time Protection feature configuration has changed, Feature: {On Access|Behavior Monitoring|IE Downloads and Outlook Express Attachments}, Configuration: enabled' },
    // Logons, accounts and groups.
    { label: 'User Action', text: 'An account was successfully logged on.  Subject: Security ID: S-1-5-18 Account Name: {winHost}$ Account Domain: {domain} Logon ID: 0x3E7  Logon Information: Logon Type: {logonType} Restricted Admin Mode: - Virtual Account: No Elevated Token: {Yes|No}  New Logon: Security ID: {sid} Account Name: {user} Account Domain: {domain} Logon ID: {logonId}  Network Information: Workstation Name: {winHost} Source Network Address: {ip} Source Port: {port}  Detailed Authentication Information: Logon Process: {logonProcess} Authentication Package: {authPackage}', weight: 4 },
    { label: 'User Action', text: 'An account was successfully logged on.', weight: 2 },
    { label: 'User Action', text: 'An account was logged off.  Subject: Security ID: {sid} Account Name: {user} Account Domain: {domain} Logon ID: {logonId}  Logon Type: {logonType}', weight: 2 },
    { label: 'User Action', text: 'User initiated logoff:  Subject: Security ID: {sid} Account Name: {user} Account Domain: {domain} Logon ID: {logonId}' },
    { label: 'User Action', text: 'A user account was created.  Subject: Security ID: {sid} Account Name: {user} Account Domain: {domain} Logon ID: {logonId}  New Account: Security ID: {sid} Account Name: {user} Account Domain: {domain}' },
    { label: 'User Action', text: "An attempt was made to reset an account's password.  Subject: Security ID: {sid} Account Name: {user} Account Domain: {domain} Logon ID: {logonId}  Target Account: Security ID: {sid} Account Name: {user} Account Domain: {domain}" },
    { label: 'User Action', text: "An attempt was made to change an account's password.  Subject: Account Name: {user} Account Domain: {domain}  Target Account: Account Name: {user}" },
    { label: 'User Action', text: 'A user account was {deleted|enabled|disabled|changed}.  Subject: Account Name: {user} Account Domain: {domain} Logon ID: {logonId}  Target Account: Security ID: {sid} Account Name: {user}' },
    { label: 'User Action', text: 'A member was added to a security-enabled {local|global|universal} group.  Subject: Account Name: {user} Account Domain: {domain}  Member: Security ID: {sid} Account Name: -  Group: Group Name: {winGroup} Group Domain: {domain}' },
    { label: 'User Action', text: 'A logon was attempted using explicit credentials.  Subject: Account Name: {user} Account Domain: {domain} Logon ID: {logonId}  Account Whose Credentials Were Used: Account Name: {user}@{domainFqdn}  Target Server: Target Server Name: {winHost}' },
    { label: 'User Action', text: 'System audit policy was changed.  Subject: Account Name: {user} Account Domain: {domain} Logon ID: {logonId}  Audit Policy Change: Category: Logon/Logoff Subcategory: Logon Changes: Success removed' },
    { label: 'User Action', text: 'Remote Desktop Services: Session logon succeeded:  User: {domain}\\{user} Session ID: {small} Source Network Address: {ip}' },
    { label: 'User Action', text: 'Microsoft Defender Antivirus scan has started.  Scan Type: Antimalware  Scan Parameters: Full Scan  User: {domain}\\{user}' },
    // Refused logons, malware, blocked traffic.
    { label: 'Security Alert', text: 'An account failed to log on.  Subject: Security ID: S-1-0-0 Account Name: - Account Domain: - Logon ID: 0x0  Logon Type: {logonType}  Account For Which Logon Failed: Security ID: S-1-0-0 Account Name: {probeUser} Account Domain: {domain}  Failure Information: Failure Reason: {failureReason} Status: 0xC000006D Sub Status: {subStatus}  Network Information: Workstation Name: {winHost} Source Network Address: {ip} Source Port: {port}', weight: 4 },
    { label: 'Security Alert', text: 'An account failed to log on.', weight: 2 },
    { label: 'Security Alert', text: 'A user account was locked out.  Subject: Security ID: S-1-5-18 Account Name: {winHost}$ Account Domain: {domain}  Account That Was Locked Out: Security ID: {sid} Account Name: {user}  Additional Information: Caller Computer Name: {winHost}', weight: 2 },
    { label: 'Security Alert', text: 'Kerberos pre-authentication failed.  Account Information: Security ID: {sid} Account Name: {user}  Service Information: Service Name: krbtgt/{domain}  Network Information: Client Address: ::ffff:{ip} Client Port: {port}  Additional Information: Ticket Options: 0x40810010 Failure Code: 0x18 Pre-Authentication Type: 2' },
    { label: 'Security Alert', text: 'The computer attempted to validate the credentials for an account.  Authentication Package: MICROSOFT_AUTHENTICATION_PACKAGE_V1_0 Logon Account: {probeUser} Source Workstation: {winHost} Error Code: {subStatus}' },
    { label: 'Security Alert', text: 'The audit log was cleared.  Subject: Security ID: {sid} Account Name: {user} Domain Name: {domain} Logon ID: {logonId}' },
    { label: 'Security Alert', text: 'The Windows Filtering Platform has blocked a connection.  Application Information: Process ID: {pid} Application Name: \\device\\harddiskvolume{n}\\windows\\system32\\svchost.exe  Network Information: Direction: Inbound Source Address: {ip} Source Port: {port} Destination Address: {ip} Destination Port: {port} Protocol: {n}' },
    { label: 'Security Alert', text: 'Microsoft Defender Antivirus has detected malware or other potentially unwanted software.  Name: {malware}  ID: {int}  Severity: Severe  Category: Trojan  Path: file:_C:\\Users\\{user}\\Downloads\\{file}  Detection Origin: Local machine  Detection Type: Concrete  Detection Source: Real-Time Protection', weight: 2 },
    { label: 'Security Alert', text: 'Microsoft Defender Antivirus has taken action to protect this machine from malware or other potentially unwanted software.  Name: {malware}  Action: Quarantine  Action Status: No additional actions required' },
    { label: 'Security Alert', text: 'Remote Desktop Services: An authentication attempt from {ip} for user {probeUser} was rejected: the credentials supplied were invalid.' },
  ],
};
