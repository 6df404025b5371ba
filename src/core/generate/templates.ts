/**
 * What the synthetic logs say: the labels, the sources and how often each source emits each
 * label, and the message templates with the vocabulary that fills their {slots}.
 *
 * The label of a template is carried by its words alone. Slots only vary numbers, ids, addresses,
 * paths and names, so masking those (as the pipeline's cache key does) never makes two templates
 * of different labels look the same; test/unit/model/generate.test.ts checks it.
 */
import { WeightedTable, type Rng } from './random.ts';

export const LABELS = [
  'HTTP Status',
  'Security Alert',
  'System Notification',
  'Error',
  'Resource Usage',
  'Critical Error',
  'User Action',
  'Workflow Error',
  'Deprecation Warning',
] as const;
export type Label = (typeof LABELS)[number];

export const SOURCES = ['ModernCRM', 'BillingSystem', 'AnalyticsEngine', 'ModernHR', 'ThirdPartyAPI', 'LegacyCRM'] as const;
export type Source = (typeof SOURCES)[number];

/** The classes with too few samples for the model tier: they exist only in the legacy system. */
export const RARE_LABELS = ['Workflow Error', 'Deprecation Warning'] as const satisfies readonly Label[];
export const RARE_SOURCE: Source = 'LegacyCRM';

/** Share of rows per source (relative weights). LegacyCRM is about 0.1% of all rows. */
export const SOURCE_WEIGHTS: Record<Source, number> = {
  ModernCRM: 24,
  BillingSystem: 18,
  AnalyticsEngine: 19,
  ModernHR: 17,
  ThirdPartyAPI: 21.9,
  LegacyCRM: 0.1,
};

/** Each source's mix of labels (relative weights); a missing label is never emitted by it. */
export const SOURCE_LABEL_WEIGHTS: Record<Source, Partial<Record<Label, number>>> = {
  ModernCRM: {
    'HTTP Status': 24,
    'User Action': 30,
    'System Notification': 23,
    'Security Alert': 10,
    Error: 6,
    'Critical Error': 3,
    'Resource Usage': 4,
  },
  BillingSystem: {
    'HTTP Status': 22,
    'User Action': 17,
    'System Notification': 28,
    'Security Alert': 10,
    Error: 11,
    'Critical Error': 6,
    'Resource Usage': 6,
  },
  AnalyticsEngine: {
    'HTTP Status': 12,
    'User Action': 11,
    'System Notification': 34,
    'Security Alert': 7,
    Error: 9,
    'Critical Error': 6,
    'Resource Usage': 21,
  },
  ModernHR: {
    'HTTP Status': 20,
    'User Action': 28,
    'System Notification': 27,
    'Security Alert': 14,
    Error: 5,
    'Critical Error': 3,
    'Resource Usage': 3,
  },
  ThirdPartyAPI: {
    'HTTP Status': 54,
    'System Notification': 14,
    'Security Alert': 10,
    Error: 10,
    'Critical Error': 5,
    'Resource Usage': 7,
  },
  LegacyCRM: {
    'Workflow Error': 60,
    'Deprecation Warning': 40,
  },
};

export interface LogTemplate {
  label: Label;
  /** The message with {slot} placeholders; each placeholder draws a fresh value. */
  text: string;
  /** Relative weight among the templates of the same label and source. */
  weight: number;
  /** A frequent message with fixed wording, the kind a default regex rule should catch. */
  fixed?: true;
  /** Only these sources emit it; all sources with its label when absent. */
  sources?: readonly Source[];
}

/** Fills one slot; `timestamp` is the row's own `YYYY-MM-DD HH:MM:SS`, for messages that quote it. */
export type SlotFiller = (rng: Rng, timestamp: string) => string;

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

const hexDigits = (rng: Rng, length: number): string => {
  let out = '';
  for (let i = 0; i < length; i++) out += '0123456789abcdef'[rng.int(0, 15)];
  return out;
};

/** Exponential draw: most latencies are short, a few are long, as in real access logs. */
const skewed = (rng: Rng, mean: number): number => Math.floor(-Math.log(1 - rng.next()) * mean);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const HTTP_METHODS = new WeightedTable<string>([
  ['GET', 60],
  ['POST', 20],
  ['PUT', 7],
  ['PATCH', 5],
  ['DELETE', 5],
  ['HEAD', 2],
  ['OPTIONS', 1],
]);

const HTTP_STATUSES = new WeightedTable<string>([
  ['200', 62],
  ['201', 8],
  ['204', 5],
  ['301', 2],
  ['302', 2],
  ['304', 5],
  ['400', 4],
  ['401', 3],
  ['403', 2],
  ['404', 5],
  ['409', 1],
  ['422', 1],
  ['429', 1],
  ['500', 1.5],
  ['502', 0.5],
  ['503', 0.5],
]);

const API_PATHS: readonly SlotFiller[] = [
  (rng) => `/api/v2/customers/${rng.int(1000, 99999)}`,
  (rng) => `/api/v2/customers/${rng.int(1000, 99999)}/contacts`,
  (rng) => `/api/v1/invoices/INV-${rng.int(2023, 2025)}-${pad(rng.int(1, 99999), 5)}`,
  (rng) => `/api/v1/payments?status=pending&page=${rng.int(1, 40)}`,
  (rng) => `/api/v3/orders/ORD-${rng.int(100000, 999999)}/items`,
  (rng) => `/hr/employees/${rng.int(100, 9999)}/payslips`,
  (rng) => `/analytics/dashboards/${uuid(rng)}`,
  (rng) => `/static/js/app.${hexDigits(rng, 8)}.js`,
  (rng) => `/api/v1/reports/export?format=csv&limit=${rng.int(10, 5000)}`,
  () => '/healthz',
  () => '/login',
  () => '/oauth/token',
  () => '/webhooks/payments',
];

const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'curl/8.5.0',
  'python-requests/2.31.0',
  'okhttp/4.12.0',
  'PostmanRuntime/7.37.0',
];

const PARTNERS = ['Stripe', 'Twilio', 'SendGrid', 'DocuSign', 'Plaid', 'Zendesk', 'Mapbox'];
const PARTNER_HOSTS = ['api.stripe.com', 'api.twilio.com', 'api.sendgrid.com', 'eu.docusign.net', 'production.plaid.com', 'acme.zendesk.com'];
const PARTNER_RESOURCES = ['charges', 'messages', 'envelopes', 'accounts', 'sync', 'geocode'];
const SERVICES = ['auth-service', 'billing-api', 'report-worker', 'search-index', 'notification-hub', 'payroll-service', 'crm-sync', 'etl-runner', 'pdf-renderer'];
const COMPONENTS = ['SchedulerCore', 'InvoiceRenderer', 'PayrollEngine', 'SyncAgent', 'QueryPlanner', 'ReportBuilder', 'SessionManager', 'LedgerWriter'];
const HOST_ROLES = ['web', 'api', 'db', 'worker', 'cache', 'batch', 'etl', 'gateway', 'queue'];
const HOST_ZONES = ['prod.internal', 'eu-west-1.internal', 'us-east-2.internal', 'dc2.corp.local'];
const JOBS = ['nightly-rollup', 'invoice-reminders', 'payroll-close', 'index-refresh', 'gdpr-purge', 'currency-rates-sync', 'lead-scoring'];
const TABLES = ['orders', 'invoices', 'customers', 'employees', 'events', 'sessions', 'payments', 'contacts'];
const QUEUES = ['email-outbound', 'invoice-render', 'webhook-retry', 'etl-ingest', 'audit-events', 'sms-outbound'];
const POOLS = ['primary-db', 'reporting-db', 'redis-sessions', 'http-client', 'worker-threads'];
const COUNTRIES = ['Brazil', 'Romania', 'Vietnam', 'Nigeria', 'Indonesia', 'Ukraine', 'Peru', 'Kazakhstan'];
const SQL_PARAMS = ['customer_id', 'sort', 'q', 'invoice_ref', 'email', 'page'];
const MALWARE = ['Trojan.GenericKD', 'EICAR-Test-File', 'W97M.Downloader', 'JS.Miner', 'PDF.Exploit.CVE'];
const DATASETS = ['sales_daily', 'churn_features', 'web_sessions', 'pipeline_snapshot', 'headcount_monthly'];
const COLUMNS = ['region_code', 'customer_tier', 'net_amount', 'signup_channel', 'cost_center'];
const DOMAINS = ['crm.acme-corp.com', 'billing.acme-corp.com', 'hr.acme-corp.com', 'api.acme-corp.com'];
const FEATURE_FLAGS = ['new-invoice-editor', 'bulk-import-v2', 'dark-mode', 'smart-lead-routing', 'fast-payroll-preview'];
const ROLES = ['admin', 'billing-manager', 'hr-viewer', 'analyst', 'support-agent', 'sales-lead'];
const DASHBOARDS = ['Q3 pipeline', 'Churn by region', 'Weekly revenue', 'Open tickets', 'Headcount plan'];
const SEARCH_TERMS = ['overdue invoices', 'acme renewal', 'parental leave policy', 'refund', 'enterprise leads'];
const TEAMS = ['Finance', 'Sales Ops', 'People', 'Customer Success', 'Leadership'];
const EMAIL_NAMES = ['j.smith', 'a.nguyen', 'm.garcia', 'k.oconnor', 'billing', 'hr-team', 'p.kowalski'];
const EMAIL_DOMAINS = ['example.com', 'acme-corp.com', 'contoso.net', 'mail.test'];
const FILE_STEMS = ['report', 'export', 'payroll', 'invoices', 'contacts', 'usage', 'leads', 'timesheet'];
const FILE_EXTENSIONS = ['csv', 'xlsx', 'pdf', 'json'];
const CONFIG_PATHS = ['/etc/acme/app.yaml', '/etc/acme/billing.toml', '/opt/crm/conf/server.properties', '/srv/hr/config/settings.json'];
const MOUNTS = ['/', '/var', '/data', '/var/lib/docker', '/mnt/archive', 'C:\\', 'D:\\Backups'];
const WORKFLOWS = ['Lead Assignment', 'Quote Approval', 'Case Escalation', 'Contract Renewal', 'Discount Review'];
const CRM_FIELDS = ['Region__c', 'AccountOwner', 'BillingCountry', 'Industry', 'Legacy_Code__c'];
const DEAL_STAGES = ['Negotiation', 'Proposal Sent', 'Closed Won', 'Qualification'];
const LEGACY_ENDPOINTS = ['fetchAccountSummary', 'listOpenLeads', 'updateContactV1', 'exportPipelineXml', 'getCaseHistory'];
const SOAP_SERVICES = ['LeadService', 'AccountSync', 'QuoteCalculator', 'CaseBridge'];
const LEGACY_FUNCTIONS = ['calcDiscountLegacy', 'sendMailV1', 'mergeDuplicateContacts', 'buildQuotePdf'];
const MODERN_FUNCTIONS = ['pricing.applyDiscount', 'mailer.send', 'contacts.merge', 'quotes.render'];
const PORTS = [443, 5432, 6379, 3306, 8080, 9092, 27017];

function uuid(rng: Rng): string {
  const variant = '89ab'[rng.int(0, 3)];
  return `${hexDigits(rng, 8)}-${hexDigits(rng, 4)}-4${hexDigits(rng, 3)}-${variant}${hexDigits(rng, 3)}-${hexDigits(rng, 12)}`;
}

function ipv4(rng: Rng): string {
  switch (rng.int(0, 2)) {
    case 0:
      return `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
    case 1:
      return `192.168.${rng.int(0, 255)}.${rng.int(1, 254)}`;
    default:
      return `${rng.int(23, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
  }
}

const partnerPath = (rng: Rng): string => `/v${rng.int(1, 3)}/${rng.pick(PARTNER_RESOURCES)}`;

const fileName = (rng: Rng): string => `${rng.pick(FILE_STEMS)}_${rng.int(1, 9999)}.${rng.pick(FILE_EXTENSIONS)}`;

/** `YYYY-MM-DD` within the next two years: expiry dates, deadlines, planned windows. */
const futureDate = (rng: Rng): string => `${rng.int(2026, 2027)}-${pad(rng.int(1, 12), 2)}-${pad(rng.int(1, 28), 2)}`;

/** The vocabulary of the placeholders; a template naming any other slot fails at load time. */
export const SLOTS: Record<string, SlotFiller> = {
  user: (rng) => `User${rng.int(1, 999)}`,
  ip: ipv4,
  host: (rng) => `${rng.pick(HOST_ROLES)}-${pad(rng.int(1, 24), 2)}.${rng.pick(HOST_ZONES)}`,
  port: (rng) => String(rng.next() < 0.7 ? rng.pick(PORTS) : rng.int(1024, 65535)),
  uuid,
  hexId: (rng) => hexDigits(rng, 16),
  containerId: (rng) => hexDigits(rng, 12),
  volume: (rng) => `vol-${hexDigits(rng, 17)}`,
  method: (rng) => HTTP_METHODS.pick(rng),
  status: (rng) => HTTP_STATUSES.pick(rng),
  apiPath: (rng, timestamp) => rng.pick(API_PATHS)(rng, timestamp),
  partnerPath,
  externalUrl: (rng) => `https://${rng.pick(PARTNER_HOSTS)}${partnerPath(rng)}`,
  userAgent: (rng) => rng.pick(USER_AGENTS),
  bytes: (rng) => String(skewed(rng, 6000)),
  ms: (rng) => String(1 + skewed(rng, 180)),
  seconds: (rng) => (rng.next() * 30).toFixed(3),
  minutes: (rng) => String(rng.int(2, 90)),
  // The common log format's time, taken from the row so the two never disagree.
  clfTime: (_rng, timestamp) =>
    `${timestamp.slice(8, 10)}/${MONTHS[Number(timestamp.slice(5, 7)) - 1]}/${timestamp.slice(0, 4)}:${timestamp.slice(11)} +0000`,
  timestamp: (_rng, timestamp) => timestamp,
  futureDate,
  logFile: (rng, timestamp) => `${rng.pick(SERVICES)}-${timestamp.slice(0, 10)}.log`,
  version: (rng) => `${rng.int(1, 9)}.${rng.int(0, 12)}.${rng.int(0, 20)}`,
  major: (rng) => String(rng.int(2, 5)),
  pct: (rng) => String(rng.int(40, 99)),
  memUsage: (rng) => {
    const totalGb = rng.pick([8, 16, 32, 64, 128]);
    const share = 0.35 + rng.next() * 0.64;
    return `${(totalGb * share).toFixed(1)} GB of ${totalGb} GB (${Math.round(share * 100)}%)`;
  },
  poolUsage: (rng) => {
    const size = rng.pick([20, 50, 100, 200]);
    return `${rng.int(1, size)}/${size}`;
  },
  mb: (rng) => String(rng.int(256, 15800)),
  mbps: (rng) => String(rng.int(5, 9400)),
  kb: (rng) => String(rng.int(1025, 65536)),
  load: (rng) => (rng.next() * 14).toFixed(2),
  temperature: (rng) => String(rng.int(88, 105)),
  count: (rng) => String(rng.int(3, 5000)),
  num: (rng) => String(rng.int(100, 99999)),
  step: (rng) => String(rng.int(1, 12)),
  attempt: (rng) => String(rng.int(1, 5)),
  pid: (rng) => String(rng.int(1000, 65000)),
  exitCode: (rng) => String(rng.pick([1, 2, 126, 127, 137, 139])),
  accountId: (rng) => String(rng.int(10000, 999999)),
  order: (rng) => `ORD-${rng.int(100000, 999999)}`,
  invoice: (rng) => `INV-${rng.int(2023, 2025)}-${pad(rng.int(1, 99999), 5)}`,
  quote: (rng) => `Q-${rng.int(1000, 99999)}`,
  file: fileName,
  fsPath: (rng) => {
    switch (rng.int(0, 4)) {
      case 0:
        return `/var/lib/postgresql/16/main/base/${rng.int(10000, 99999)}`;
      case 1:
        return `/data/exports/${fileName(rng)}`;
      case 2:
        return `/srv/app/uploads/${uuid(rng)}.bin`;
      case 3:
        return `D:\\Backups\\CRM\\${fileName(rng)}`;
      default:
        return `/mnt/warehouse/parquet/part-${pad(rng.int(0, 99999), 5)}.parquet`;
    }
  },
  mount: (rng) => rng.pick(MOUNTS),
  configPath: (rng) => rng.pick(CONFIG_PATHS),
  email: (rng) => `${rng.pick(EMAIL_NAMES)}@${rng.pick(EMAIL_DOMAINS)}`,
  service: (rng) => rng.pick(SERVICES),
  component: (rng) => rng.pick(COMPONENTS),
  partner: (rng) => rng.pick(PARTNERS),
  job: (rng) => rng.pick(JOBS),
  table: (rng) => rng.pick(TABLES),
  queue: (rng) => rng.pick(QUEUES),
  pool: (rng) => rng.pick(POOLS),
  country: (rng) => rng.pick(COUNTRIES),
  sqlParam: (rng) => rng.pick(SQL_PARAMS),
  malware: (rng) => rng.pick(MALWARE),
  dataset: (rng) => rng.pick(DATASETS),
  column: (rng) => rng.pick(COLUMNS),
  domain: (rng) => rng.pick(DOMAINS),
  featureFlag: (rng) => rng.pick(FEATURE_FLAGS),
  tenant: (rng) => `tenant-${rng.int(1, 400)}`,
  role: (rng) => rng.pick(ROLES),
  dashboard: (rng) => rng.pick(DASHBOARDS),
  searchTerm: (rng) => rng.pick(SEARCH_TERMS),
  team: (rng) => rng.pick(TEAMS),
  workflow: (rng) => rng.pick(WORKFLOWS),
  crmField: (rng) => rng.pick(CRM_FIELDS),
  dealStage: (rng) => rng.pick(DEAL_STAGES),
  legacyEndpoint: (rng) => rng.pick(LEGACY_ENDPOINTS),
  soapService: (rng) => rng.pick(SOAP_SERVICES),
  legacyFunction: (rng) => rng.pick(LEGACY_FUNCTIONS),
  modernFunction: (rng) => rng.pick(MODERN_FUNCTIONS),
};

const labelled = (label: Label, templates: Omit<LogTemplate, 'label'>[]): LogTemplate[] =>
  templates.map((template) => ({ ...template, label }));

const HTTP_STATUS = labelled('HTTP Status', [
  { text: '{ip} - - [{clfTime}] "{method} {apiPath} HTTP/1.1" {status} {bytes}', weight: 4 },
  { text: '{method} {apiPath} -> {status} ({ms} ms, {bytes} bytes)', weight: 2 },
  { text: 'Request {method} {apiPath} completed with status {status} in {ms} ms', weight: 2 },
  { text: 'access method={method} path={apiPath} status={status} duration_ms={ms} bytes={bytes}', weight: 2 },
  { text: 'HTTP {status} returned for {method} {apiPath} in {ms}ms', weight: 1 },
  { text: 'Upstream {host} responded {status} to {method} {apiPath} after {ms} ms', weight: 1 },
  { text: '[{service}] {method} {apiPath} {status} {bytes}b {ms}ms', weight: 1 },
  { text: 'Response sent: status={status}, path={apiPath}, client={ip}, latency={ms}ms', weight: 1 },
  { text: 'API gateway: {method} {apiPath} status {status} (request id {uuid})', weight: 1 },
  { text: '{ip} "{method} {apiPath} HTTP/2" {status} rt={seconds}s ua="{userAgent}"', weight: 1 },
  { text: 'Outbound call {method} {externalUrl} answered HTTP {status} in {ms} ms', weight: 3, sources: ['ThirdPartyAPI'] },
  { text: 'Partner API {partner} replied {status} for {method} {partnerPath} (attempt {attempt})', weight: 2, sources: ['ThirdPartyAPI'] },
  { text: 'Webhook delivery to {externalUrl} got HTTP {status} after {ms} ms', weight: 1, sources: ['ThirdPartyAPI', 'BillingSystem'] },
]);

const SECURITY_ALERT = labelled('Security Alert', [
  { text: 'Multiple failed login attempts for user {user} from {ip}', weight: 3 },
  { text: 'Brute force attack suspected on account {user}: {count} failed logins in {minutes} minutes', weight: 2 },
  { text: 'Privilege escalation attempt by {user} on {host} blocked', weight: 2 },
  { text: 'Blocked IP {ip} after repeated authentication failures', weight: 2 },
  { text: 'Suspicious login for {user} from unusual location {country} ({ip})', weight: 2 },
  { text: 'Unauthorized access attempt to {fsPath} by user {user}', weight: 2 },
  { text: "Possible SQL injection in parameter '{sqlParam}' from {ip}", weight: 1 },
  { text: 'Admin console opened from unrecognised IP {ip}', weight: 1 },
  { text: 'Session token reuse detected for {user}; all sessions revoked', weight: 1 },
  { text: 'Port scan detected from {ip}: {count} ports probed in {seconds}s', weight: 1 },
  { text: 'Firewall dropped connection from blocklisted host {ip}:{port}', weight: 1 },
  { text: 'API key {hexId} used from two regions at once; key suspended', weight: 1 },
  { text: 'Malware signature {malware} found in uploaded file {file}', weight: 1 },
  { text: 'User {user} tried to read records belonging to another tenant', weight: 1 },
  { text: 'Password spraying detected: {count} accounts targeted from {ip}', weight: 1 },
  { text: 'Payroll record {num} accessed outside business hours by {user}', weight: 2, sources: ['ModernHR'] },
  { text: 'Card testing pattern detected: {count} small charges from {ip}', weight: 2, sources: ['BillingSystem'] },
]);

const ERROR = labelled('Error', [
  { text: 'Failed to send notification email to {email}: SMTP timeout', weight: 2 },
  { text: 'Database query failed: deadlock on table {table}, retrying', weight: 2 },
  { text: 'Could not connect to {service} at {host}:{port} (retry {attempt} of 5)', weight: 2 },
  { text: 'Request to {externalUrl} timed out after {ms} ms', weight: 2 },
  { text: 'Unable to parse {file}: unexpected quote at row {num}', weight: 1 },
  { text: 'Unhandled exception in {component}: NullReferenceException at line {num}', weight: 1 },
  { text: 'Invalid JSON payload received from {service}', weight: 1 },
  { text: 'Report generation failed for {user}: template {file} missing', weight: 1 },
  { text: 'Email to {email} bounced: mailbox unavailable', weight: 1 },
  { text: 'Task {job} exited with code {exitCode}', weight: 1 },
  { text: 'Cache write to {host} rejected: value too large ({kb} KB)', weight: 1 },
  { text: 'Payment for invoice {invoice} declined by processor: card expired', weight: 3, sources: ['BillingSystem'] },
  { text: 'Could not generate PDF for invoice {invoice}: font not found', weight: 1, sources: ['BillingSystem'] },
  { text: 'Order {order} could not be synced with the warehouse API', weight: 1, sources: ['ModernCRM', 'BillingSystem'] },
  { text: 'Payslip {num} could not be rendered: missing tax table', weight: 2, sources: ['ModernHR'] },
  { text: "Query {hexId} on dataset {dataset} failed: column '{column}' does not exist", weight: 2, sources: ['AnalyticsEngine'] },
  { text: 'Rate limit exceeded on {partner} API; request dropped', weight: 2, sources: ['ThirdPartyAPI'] },
]);

const CRITICAL_ERROR = labelled('Critical Error', [
  { text: 'CRITICAL: database cluster {host} is down, all writes rejected', weight: 2 },
  { text: 'Fatal error in {component}: out of memory, process terminated', weight: 2 },
  { text: 'Kernel panic on host {host}, node removed from pool', weight: 1 },
  { text: 'Service outage: {service} unreachable in every availability zone', weight: 2 },
  { text: 'Data corruption detected in {fsPath}: checksum mismatch', weight: 1 },
  { text: 'Critical failure in unit {component}: hardware fault reported', weight: 1 },
  { text: 'RAID array on {host} failed beyond recovery; volume offline', weight: 1 },
  { text: 'Emergency shutdown on {host}: CPU temperature {temperature} C', weight: 1 },
  { text: 'Unrecoverable replication failure: primary {host} lost with no healthy replica', weight: 1 },
  { text: 'Fatal: certificate authority unreachable, every TLS handshake failing', weight: 1 },
  { text: 'Storage backend {host} offline, {count} tenants affected', weight: 1 },
  { text: 'Ledger inconsistency detected in batch {num}; all payment processing halted', weight: 2, sources: ['BillingSystem'] },
  { text: 'Payroll run {num} aborted with fatal error; salaries not disbursed', weight: 2, sources: ['ModernHR'] },
  { text: 'Total outage of {partner} integration: every call failing for {minutes} minutes', weight: 2, sources: ['ThirdPartyAPI'] },
]);

const RESOURCE_USAGE = labelled('Resource Usage', [
  { text: 'CPU usage at {pct}% on {host}', weight: 3 },
  { text: 'Memory usage on {host}: {memUsage}', weight: 2 },
  { text: 'Disk {mount} is {pct}% full', weight: 2 },
  { text: 'Connection pool {pool}: {poolUsage} connections in use', weight: 1 },
  { text: 'JVM heap after GC on {host}: {mb} MB', weight: 1 },
  { text: 'Queue {queue} depth is {count} messages', weight: 1 },
  { text: 'Network throughput on {host}: {mbps} Mbps in, {mbps} Mbps out', weight: 1 },
  { text: 'Thread pool {pool} utilisation {pct}%', weight: 1 },
  { text: 'Load average on {host} over 5 minutes: {load}', weight: 1 },
  { text: 'Container {containerId} memory at {pct}% of its limit', weight: 1 },
  { text: 'Volume {volume} IOPS: {count} read, {count} write', weight: 1 },
  { text: 'Warehouse query slots in use: {poolUsage}', weight: 2, sources: ['AnalyticsEngine'] },
  { text: 'Spark executor {step} memory at {pct}%', weight: 2, sources: ['AnalyticsEngine'] },
  { text: 'API quota for {partner}: {pct}% of daily limit used', weight: 2, sources: ['ThirdPartyAPI'] },
]);

const SYSTEM_NOTIFICATION = labelled('System Notification', [
  { text: 'Backup completed successfully.', weight: 8, fixed: true },
  { text: 'Backup started at {timestamp}.', weight: 6, fixed: true },
  { text: 'Backup ended at {timestamp}.', weight: 4, fixed: true },
  { text: 'System updated to version {version}.', weight: 5, fixed: true },
  { text: 'Disk cleanup completed successfully.', weight: 5, fixed: true },
  { text: 'File {file} uploaded successfully by user {user}.', weight: 6, fixed: true },
  { text: 'System reboot initiated by user {user}.', weight: 3, fixed: true },
  { text: 'Scheduled job {job} finished in {seconds}s, {count} records processed', weight: 1 },
  { text: 'Service {service} started on {host} (pid {pid})', weight: 1 },
  { text: 'Configuration reloaded from {configPath}', weight: 0.5 },
  { text: 'TLS certificate for {domain} renewed, valid until {futureDate}', weight: 0.5 },
  { text: 'Cache warm-up complete: {count} entries loaded in {ms} ms', weight: 0.5 },
  { text: 'Node {host} joined the cluster', weight: 0.5 },
  { text: 'Log rotation complete, {logFile} archived', weight: 0.5 },
  { text: 'Index rebuild for table {table} finished', weight: 0.5 },
  { text: 'Health check passed for {service} on {host}', weight: 1 },
  { text: 'Feature flag {featureFlag} enabled for {tenant}', weight: 0.5 },
  { text: 'Replica {host} caught up with primary (lag {ms} ms)', weight: 0.5 },
  { text: 'Nightly export written to {fsPath}', weight: 0.5 },
  { text: 'Maintenance window scheduled for {futureDate}, expected downtime {minutes} minutes', weight: 0.5 },
]);

const USER_ACTION = labelled('User Action', [
  { text: 'User {user} logged in.', weight: 14, fixed: true },
  { text: 'User {user} logged out.', weight: 11, fixed: true },
  { text: 'Account with ID {accountId} created by {user}.', weight: 5, fixed: true },
  { text: 'User {user} updated profile settings', weight: 1 },
  { text: 'User {user} changed their password', weight: 1 },
  { text: 'User {user} granted role {role} to {user}', weight: 0.5 },
  { text: 'User {user} enabled two-factor authentication', weight: 0.5 },
  { text: 'User {user} searched for "{searchTerm}"', weight: 0.5 },
  { text: '{user} exported {count} contacts to {file}', weight: 1, sources: ['ModernCRM'] },
  { text: 'User {user} scheduled a meeting with {user} on {futureDate}', weight: 1, sources: ['ModernCRM'] },
  { text: 'User {user} downloaded invoice {invoice}', weight: 1.5, sources: ['BillingSystem'] },
  { text: 'User {user} updated the billing address of account {accountId}', weight: 1, sources: ['BillingSystem'] },
  { text: 'User {user} created dashboard "{dashboard}"', weight: 1.5, sources: ['AnalyticsEngine'] },
  { text: 'User {user} shared report {file} with team {team}', weight: 1, sources: ['AnalyticsEngine'] },
  { text: 'User {user} submitted leave request {num}', weight: 1.5, sources: ['ModernHR'] },
  { text: 'User {user} approved timesheet {num} for {user}', weight: 1, sources: ['ModernHR'] },
]);

// The rare classes speak the legacy CRM's business-process language: workflows, approvals,
// cases; never the infrastructure words of Error or Critical Error.
const WORKFLOW_ERROR = labelled('Workflow Error', [
  { text: 'Case escalation for ticket {num} failed: assigned agent is no longer active', weight: 2 },
  { text: 'Lead conversion workflow aborted at step {step}: missing account owner', weight: 2 },
  { text: 'Approval chain for quote {quote} stalled: approver {user} has left the company', weight: 1 },
  { text: 'Task assignment rule could not route case {num} to any queue', weight: 1 },
  { text: "Workflow '{workflow}' halted: required field '{crmField}' is empty on opportunity {num}", weight: 1 },
  { text: 'Renewal reminder workflow skipped contract {num}: no primary contact on record', weight: 1 },
  { text: 'Escalation rule {num} did not fire for case {num} after SLA breach', weight: 1 },
  { text: "Approval step {step} of process '{workflow}' rejected automatically: approver mailbox missing", weight: 1 },
  { text: "Opportunity {num} stuck in stage '{dealStage}': transition workflow returned an error", weight: 1 },
]);

const DEPRECATION_WARNING = labelled('Deprecation Warning', [
  { text: "API endpoint '{legacyEndpoint}' is deprecated and will be removed in version {version}", weight: 2 },
  { text: 'SOAP interface {soapService} is deprecated; migrate to REST API v{major}', weight: 1 },
  { text: 'Function {legacyFunction}() will be removed in release {version}, use {modernFunction}() instead', weight: 1 },
  { text: 'Legacy report format XLS is deprecated and stops working after {futureDate}', weight: 1 },
  { text: "Field '{crmField}' on object Account is deprecated since version {version}", weight: 1 },
  { text: 'Batch import over plain FTP is retired in {version}; switch to secure upload', weight: 1 },
  { text: 'Login with API username and password is deprecated; use OAuth tokens before {futureDate}', weight: 1 },
  { text: 'Custom script engine v{major} is end-of-life and no longer receives updates', weight: 1 },
]);

export const TEMPLATES: readonly LogTemplate[] = [
  ...HTTP_STATUS,
  ...SECURITY_ALERT,
  ...SYSTEM_NOTIFICATION,
  ...ERROR,
  ...RESOURCE_USAGE,
  ...CRITICAL_ERROR,
  ...USER_ACTION,
  ...WORKFLOW_ERROR,
  ...DEPRECATION_WARNING,
];
