/**
 * Nouns that name a thing, so the word after one is that thing's name, not a word of the message
 * (`user alice`, `host web-a`, `table orders`, `service nginx`; cluster.ts), and so is the value of
 * a field keyed by one (`user=guest`; template.ts). State words (`status`, `state`, `mode`) are not among them: the word
 * after those often names a different message; nor are hardware nouns (`interface`, `device`,
 * `disk`): a link on one network or a fault on one device is often its own message.
 */
export const NAMING_NOUNS = new Set([
  'user', 'username', 'name', 'account', 'login', 'host', 'hostname', 'node', 'server', 'client', 'peer', 'member',
  'table', 'database', 'db', 'schema', 'index', 'queue', 'topic', 'partition', 'shard', 'bucket', 'repository', 'repo', 'branch',
  'service', 'unit', 'container', 'pod', 'namespace', 'image', 'package', 'plugin', 'module', 'volume',
  'file', 'directory', 'folder', 'path', 'domain', 'zone', 'region', 'cluster', 'instance', 'vm', 'project', 'tenant', 'group', 'role',
  'job', 'task', 'worker', 'thread', 'channel', 'app', 'application',
  'component', 'process', 'daemon', 'program', 'class', 'provider', 'handler', 'adapter', 'controller', 'profile', 'session',
]);
