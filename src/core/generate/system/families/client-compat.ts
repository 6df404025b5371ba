/**
 * What servers say about the clients that connect to them: the protocol, wire or API version a
 * client speaks, the TLS version it negotiated, the driver or library it reports – and the
 * warnings about old clients, legacy protocols, outdated authentication methods and API versions
 * that are deprecated, sunset or kept only for backward compatibility. Databases, MongoDB, JVM
 * services (Kafka, ZooKeeper, Cassandra, Elasticsearch, ActiveMQ), message brokers and Redis,
 * SSH/TLS endpoints, HTTP APIs, directory and mail servers, and object stores.
 *
 * Labels: a line that says deprecated, obsolete, legacy, will be removed/dropped/rejected in a
 * future release or mode, or asks the client to upgrade or migrate is Deprecation Warning; the
 * routine connection lines of the same servers are System Notification; a refusal of an
 * unsupported client that does not say so ("unsupported protocol", "not supported", "no
 * matching authentication protocol") is Error.
 */
import type { Rng } from '../../random.ts';
import type { LogFamily, SlotSpec } from '../family.ts';
import { MONTHS, WEEKDAYS } from '../slots.ts';

const hex = (rng: Rng, length: number): string => {
  let out = '';
  for (let i = 0; i < length; i++) out += '0123456789abcdef'[rng.int(0, 15)];
  return out;
};
const pad = (value: number, width: number): string => String(value).padStart(width, '0');

const DB_NAMES = ['app', 'orders', 'billing', 'inventory', 'analytics', 'users', 'crm', 'reporting', 'shop', 'ledger', 'ORCLPDB1', 'SALES'];
const DB_USERS = ['app', 'app_rw', 'reporting', 'etl', 'django', 'webapp', 'readonly', 'svc_orders', 'metabase', 'grafana', 'backup', 'legacy_app'];
const APP_NAMES = ['order-service', 'billing-api', 'PowerBI', 'Tableau', 'metabase', 'airflow', 'JDBC Thin Client', 'sqlplus', 'DBeaver', 'SQLAgent - Job Manager', 'psql', 'reporting-batch'];
const CLIENT_IDS = ['acme-mobile', 'partner-1042', 'legacy-erp', 'ios-app', 'android-app', 'web-frontend', 'billing-sync', 'crm-connector', 'cli', 'zapier', 'internal-tools', 'old-portal'];
const clientId: SlotSpec = (rng) => (rng.int(0, 2) ? rng.pick(CLIENT_IDS) : `client-${hex(rng, 6)}`);
const httpDate: SlotSpec = (rng, time) => {
  const d = new Date((time + rng.int(30, 400) * 86400) * 1000);
  return `${WEEKDAYS[d.getUTCDay()]}, ${pad(d.getUTCDate(), 2)} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} 00:00:00 GMT`;
};
const clf: SlotSpec = (_rng, time) => {
  const d = new Date(time * 1000);
  return `${pad(d.getUTCDate(), 2)}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${d.toISOString().slice(11, 19)} +0000`;
};
const TLS_CIPHERS = ['TLS_AES_256_GCM_SHA384', 'TLS_AES_128_GCM_SHA256', 'TLS_CHACHA20_POLY1305_SHA256', 'ECDHE-RSA-AES256-GCM-SHA384', 'ECDHE-ECDSA-AES128-GCM-SHA256'];
const futureDate: SlotSpec = (rng, time) => new Date((time + rng.int(30, 500) * 86400) * 1000).toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------

export const DB_CLIENT_COMPAT: LogFamily = {
  id: 'db-client-compat',
  group: 'app',
  weight: 0.5,
  program: ['mysqld', 'mariadbd', 'postgres', 'sqlservr', 'tnslsnr', 'oracle'],
  headers: ['syslog', 'iso-level'],
  labelMix: { 'Deprecation Warning': 34, 'System Notification': 38, Error: 16, 'Security Alert': 7, 'User Action': 5 },
  slots: {
    cipher: TLS_CIPHERS,
    db: DB_NAMES,
    dbUser: DB_USERS,
    app: APP_NAMES,
    myDriver: ['mysql-connector-java-5.1.49', 'libmysql - 5.6.51', 'mysqlnd 7.4.33', 'PyMySQL 0.9.3', 'MySQL Connector/NET 6.9.12', 'libmariadb 3.1.13', 'mysql-connector-j-8.3.0', 'go-sql-driver/mysql 1.8.1'],
    pgDriver: ['PostgreSQL JDBC Driver 9.4.1212', 'psycopg2 2.7.3', 'libpq 9.2.24', 'Npgsql 3.2.7', 'pgx 5.5.5', 'node-postgres 8.11.3', 'libpq 16.2'],
    oraVer: ['11.2.0.4.0', '12.1.0.2.0', '19.21.0.0.0', '21.3.0.0.0', '10.2.0.5.0'],
    tdsVer: ['7.1', '7.2', '7.3'],
    myCode: (rng) => `MY-0${rng.int(10000, 13999)}`,
    pgPre: (rng) => rng.pick(['', `[${rng.int(100, 99999)}] `, `user=${rng.pick(DB_USERS)},db=${rng.pick(DB_NAMES)},app=[unknown],client=10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)} `]),
  },
  templates: [
    // MySQL / MariaDB
    { label: 'Deprecation Warning', text: "[Warning] [MY-013360] [Server] Plugin sha256_password reported: ''sha256_password' is deprecated and will be removed in a future release. Please use caching_sha2_password instead'", weight: 2 },
    { label: 'Deprecation Warning', text: "[Warning] [MY-013360] [Server] Plugin mysql_native_password reported: ''mysql_native_password' is deprecated and will be removed in a future release. Please use caching_sha2_password instead' (user '{dbUser}'@'{ip}')", weight: 2 },
    { label: 'Deprecation Warning', text: "[Warning] Client '{dbUser}'@'{ip}' authenticated with a pre-4.1 password hash. Pre-4.1 password hash is deprecated and will be removed in a future release. Please upgrade it to a new format." },
    { label: 'Deprecation Warning', text: "[Warning] [MY-013711] [Server] Client '{dbUser}'@'{ip}' negotiated {TLSv1|TLSv1.1}; the TLSv1 and TLSv1.1 protocols are deprecated and support for them will be removed in a future release." },
    { label: 'Deprecation Warning', text: '[Warning] Connection {int} from {ip} uses client library {myDriver}, which is deprecated; please upgrade your client' },
    { label: 'Deprecation Warning', text: '[Warning] [{myCode}] [Server] Client {ip} used the deprecated COM_FIELD_LIST command; it will be removed in a future release, use SHOW COLUMNS instead.' },
    { label: 'Deprecation Warning', text: "[Warning] [MY-011069] [Server] The syntax 'default_authentication_plugin' is deprecated and will be removed in a future release. Please use authentication_policy instead." },
    { label: 'Deprecation Warning', text: 'Client does not support authentication protocol requested by server; consider upgrading MySQL client' },
    { label: 'System Notification', text: "[System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '{version}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL." },
    { label: 'System Notification', text: "[Note] Client '{dbUser}'@'{ip}' connected using caching_sha2_password over {TLSv1.2|TLSv1.3}", weight: 2 },
    { label: 'System Notification', text: '[Note] Connection {int} from {ip}: client library {myDriver}, protocol version 10, charset utf8mb4', weight: 2 },
    { label: 'System Notification', text: '[System] [MY-013602] [Server] Channel mysql_main configured to support TLS. Encrypted connections are now supported for this channel.' },
    { label: 'Error', text: '[Note] [MY-010914] [Server] Bad handshake' },
    { label: 'Error', text: '[ERROR] [{myCode}] [Server] SSL_accept failed for client {ip}: error:0A00010B:SSL routines::wrong version number' },
    { label: 'Error', text: '[Warning] Rejected client {ip}: client protocol version {n} is not supported by this server (requires 10)' },
    { label: 'Security Alert', text: "[Note] [MY-010926] [Server] Access denied for user '{dbUser}'@'{ip}' (using password: YES)", weight: 2 },
    // PostgreSQL
    { label: 'Deprecation Warning', text: '{pgPre}DETAIL:  MD5 password support is deprecated and will be removed in a future release of PostgreSQL.', weight: 2 },
    { label: 'Deprecation Warning', text: '{pgPre}HINT:  Refer to the PostgreSQL documentation for details about migrating to another password type.' },
    { label: 'Deprecation Warning', text: '{pgPre}WARNING:  role "{dbUser}" authenticated with md5 from {ip}; md5 authentication is deprecated, switch to scram-sha-256' },
    { label: 'Deprecation Warning', text: '{pgPre}WARNING:  client "{pgDriver}" at {ip} requested protocol version 2.0, which is obsolete and will be rejected by a future release' },
    { label: 'System Notification', text: '{pgPre}LOG:  connection received: host={ip} port={port}', weight: 3 },
    { label: 'System Notification', text: '{pgPre}LOG:  client {pgDriver} negotiated protocol version 3.0, SSL {TLSv1.3|TLSv1.2} cipher {cipher}' },
    { label: 'System Notification', text: '{pgPre}LOG:  database system is ready to accept connections' },
    { label: 'User Action', text: '{pgPre}LOG:  connection authenticated: identity="{dbUser}" method=scram-sha-256 (/etc/postgresql/16/main/pg_hba.conf:{int})', weight: 2 },
    { label: 'Error', text: '{pgPre}FATAL:  unsupported frontend protocol {n}.0: server supports 3.0 to 3.0', weight: 3 },
    { label: 'Error', text: '{pgPre}LOG:  could not accept SSL connection: unsupported protocol', weight: 2 },
    { label: 'Error', text: '{pgPre}LOG:  could not accept SSL connection: no shared cipher' },
    { label: 'Security Alert', text: '{pgPre}FATAL:  no pg_hba.conf entry for host "{ip}", user "{dbUser}", database "{db}", {SSL off|no encryption}', weight: 2 },
    // Oracle
    { label: 'Deprecation Warning', text: 'Using deprecated SQLNET.ALLOWED_LOGON_VERSION parameter.', weight: 2 },
    { label: 'Deprecation Warning', text: 'ORA-03134: Connections to this server version are no longer supported.' },
    { label: 'Deprecation Warning', text: 'WARNING: client {host} ({ip}) authenticated with the 10G password verifier, which is deprecated. Set SQLNET.ALLOWED_LOGON_VERSION_SERVER=12a and reset the password.' },
    { label: 'System Notification', text: '{date} {clock} * (CONNECT_DATA=(SERVICE_NAME={db})(CID=(PROGRAM={app})(HOST={host})(USER={dbUser}))) * (ADDRESS=(PROTOCOL=tcp)(HOST={ip})(PORT={port})) * establish * {db} * 0', weight: 3 },
    { label: 'System Notification', text: '{date} {clock} * service_update * {db} * 0' },
    { label: 'System Notification', text: 'Client {ip} connected: client version {oraVer}, negotiated TTC version {n}' },
    { label: 'Error', text: 'ORA-28040: No matching authentication protocol', weight: 3 },
    { label: 'Error', text: 'TNS-12560: TNS:protocol adapter error' },
    { label: 'Error', text: 'ORA-03137: malformed TTC packet from client rejected: [{int}] [{n}] [] [] [] [] [] []' },
    // SQL Server
    { label: 'Deprecation Warning', text: 'Deprecation announcement: the client {app} on {ip} uses TDS protocol version {tdsVer}, which will be removed in a future version of SQL Server.' },
    { label: 'Deprecation Warning', text: 'The TLS 1.0 connection from {ip} uses a deprecated protocol; TLS 1.0 and 1.1 will not be accepted in a future release.' },
    { label: 'System Notification', text: 'Server is listening on [ \'any\' <ipv4> 1433].' },
    { label: 'System Notification', text: 'The client {app} ({ip}) connected with TDS version 7.4 and {TLS 1.2|TLS 1.3} encryption.' },
    { label: 'System Notification', text: 'The SQL Server Network Interface library successfully registered the Service Principal Name (SPN) [ MSSQLSvc/{fqdn}:1433 ] for the SQL Server service.' },
    { label: 'Error', text: 'A connection was successfully established with the server, but then an error occurred during the pre-login handshake. (provider: TCP Provider, error: 0 - An existing connection was forcibly closed by the remote host.)' },
    { label: 'Error', text: 'An TLS 1.2 connection request was received from a remote client application, but none of the cipher suites supported by the client application are supported by the server. The TLS connection request has failed.' },
    { label: 'Security Alert', text: "Login failed for user '{dbUser}'. Reason: Password did not match that for the login provided. [CLIENT: {ip}]", weight: 2 },
    { label: 'User Action', text: "Login succeeded for user '{dbUser}'. Connection made using SQL Server authentication. [CLIENT: {ip}]" },
    // Terse
    { label: 'System Notification', text: 'client library version reported: {myDriver}' },
    { label: 'Deprecation Warning', text: 'old client detected ({pgDriver}) from {ip}, please upgrade' },
  ],
};

// ---------------------------------------------------------------------------------------------

const mongo = (s: string, c: string, id: number, ctx: string, msg: string, attr: string): string =>
  `{{"t":{{"$date":"{isoTime}"}},"s":"${s}",  "c":"${c}", "id":${id}, "ctx":"${ctx}","msg":"${msg}"${attr ? `,"attr":{{${attr}}}` : ''}}}`;

export const MONGODB_CLIENT_COMPAT: LogFamily = {
  id: 'mongodb-client-compat',
  group: 'app',
  weight: 0.35,
  labelMix: { 'Deprecation Warning': 34, 'System Notification': 40, Error: 15, 'Security Alert': 7, 'User Action': 3 },
  slots: {
    conn: (rng) => String(rng.int(1, 90000)),
    mdriver: ['nodejs', 'PyMongo', 'mongo-java-driver', 'mongo-go-driver', 'mongo-csharp-driver', 'mongo-ruby-driver', 'mongoc', 'PHPLIB'],
    oldVer: ['2.2.36', '3.0.12', '3.4.1', '2.8.1', '3.12.14', '1.9.0'],
    app: ['MongoDB Shell', 'mongosh 2.1.1', 'order-service', 'Studio 3T', 'MongoDB Compass', 'airflow'],
    cmd: ['insert', 'find', 'update', 'delete', 'count', 'aggregate', 'getMore'],
    dbUser: DB_USERS,
    wire: (rng) => String(rng.int(0, 25)),
  },
  templates: [
    { label: 'Deprecation Warning', text: mongo('W', 'COMMAND', 5578800, 'conn{conn}', 'Deprecated operation requested. For more details see https://dochub.mongodb.org/core/legacy-opcode-compatibility', '"op":"{query|insert|update|delete|getMore|killCursors}","clientInfo":{{"application":{{"name":"{app}"}},"driver":{{"name":"{mdriver}","version":"{oldVer}"}}}}'), weight: 3 },
    { label: 'Deprecation Warning', text: mongo('I', 'NETWORK', 5294404, 'conn{conn}', 'Unsupported OP_QUERY command: {cmd}. The client driver may require an upgrade. For more details see https://dochub.mongodb.org/core/legacy-opcode-removal', '"remote":"{ip}:{port}"'), weight: 2 },
    { label: 'Deprecation Warning', text: mongo('W', 'NETWORK', 23838, 'conn{conn}', 'Client connected with a deprecated TLS protocol version', '"remote":"{ip}:{port}","protocol":"{TLS1_0|TLS1_1}"'), weight: 2 },
    { label: 'Deprecation Warning', text: mongo('W', 'ACCESS', 5286307, 'conn{conn}', 'Client authenticated with SCRAM-SHA-1, which is deprecated; configure SCRAM-SHA-256', '"user":"{dbUser}","db":"admin","remote":"{ip}:{port}"') },
    { label: 'Deprecation Warning', text: mongo('W', 'NETWORK', 4913010, 'conn{conn}', 'Client driver version is older than the minimum supported release; support for this driver will be removed in a future version', '"driver":{{"name":"{mdriver}","version":"{oldVer}"}},"remote":"{ip}:{port}"') },
    { label: 'Deprecation Warning', text: mongo('W', 'COMMAND', 6405000, 'conn{conn}', "Command 'isMaster' is deprecated, use 'hello' instead", '"client":"conn{conn}","driver":"{mdriver}"') },
    { label: 'Deprecation Warning', text: 'Warning: the "mongo" shell has been superseded by "mongosh", which delivers improved usability and compatibility.The "mongo" shell has been deprecated and will be removed in an upcoming release.' },
    { label: 'Deprecation Warning', text: mongo('W', 'CONTROL', 22120, 'initandlisten', 'Option tlsDisabledProtocols=none enables TLS 1.0 for legacy clients; TLS 1.0 support is deprecated', '') },
    { label: 'System Notification', text: mongo('I', 'NETWORK', 22943, 'listener', 'Connection accepted', '"remote":"{ip}:{port}","uuid":{{"uuid":{{"$uuid":"{uuid}"}}}},"connectionId":{conn},"connectionCount":{count}'), weight: 4 },
    { label: 'System Notification', text: mongo('I', 'NETWORK', 22944, 'conn{conn}', 'Connection ended', '"remote":"{ip}:{port}","uuid":{{"uuid":{{"$uuid":"{uuid}"}}}},"connectionId":{conn},"connectionCount":{count}'), weight: 4 },
    { label: 'System Notification', text: mongo('I', 'NETWORK', 51800, 'conn{conn}', 'client metadata', '"remote":"{ip}:{port}","client":"conn{conn}","negotiatedCompressors":[],"doc":{{"application":{{"name":"{app}"}},"driver":{{"name":"{mdriver}","version":"{version}"}},"platform":"{Node.js v20.11.1, LE|CPython 3.11.7.final.0|Java/Eclipse Adoptium/17.0.10+7|go1.22.1}"}}'), weight: 3 },
    { label: 'System Notification', text: mongo('I', 'NETWORK', 6788700, 'conn{conn}', 'Received first command on ingress connection since session start or auth handshake', '"elapsedMillis":{ms}'), weight: 2 },
    { label: 'System Notification', text: mongo('I', 'NETWORK', 6723804, 'conn{conn}', 'Ingress TLS handshake complete', '"durationMillis":{ms},"protocol":"{TLS 1.3|TLS 1.2}","remote":"{ip}:{port}"'), weight: 2 },
    { label: 'System Notification', text: mongo('I', 'NETWORK', 4615710, 'conn{conn}', 'Client wire version range', '"remote":"{ip}:{port}","minWireVersion":0,"maxWireVersion":{wire}') },
    { label: 'System Notification', text: mongo('I', 'COMMAND', 20883, 'conn{conn}', 'Interrupted operation as its client disconnected', '"opId":{int}') },
    { label: 'System Notification', text: mongo('I', 'CONTROL', 4615611, 'initandlisten', 'MongoDB starting', '"pid":{pid},"port":27017,"dbPath":"/var/lib/mongodb","architecture":"64-bit","host":"{host}"') },
    { label: 'System Notification', text: mongo('I', 'NETWORK', 23015, 'listener', 'Listening on', '"address":"{0.0.0.0|127.0.0.1|/tmp/mongodb-27017.sock}"') },
    { label: 'Error', text: mongo('I', 'NETWORK', 22988, 'conn{conn}', 'Error receiving request from client. Ending connection from remote', '"error":{{"code":141,"codeName":"SSLHandshakeFailed","errmsg":"SSL handshake received but server is started without SSL support"}},"remote":"{ip}:{port}","connectionId":{conn}'), weight: 2 },
    { label: 'Error', text: mongo('E', 'NETWORK', 23256, 'conn{conn}', 'SSL handshake failed', '"remote":"{ip}:{port}","error":"tlsv1 alert protocol version"') },
    { label: 'Error', text: mongo('W', 'NETWORK', 4615711, 'conn{conn}', 'Client wire version is not supported by this server', '"remote":"{ip}:{port}","clientMaxWireVersion":{wire},"serverMinWireVersion":{wire}') },
    { label: 'Error', text: mongo('I', 'COMMAND', 51803, 'conn{conn}', 'Assertion while executing command', '"command":"{cmd}","db":"app","error":"UnsupportedOpQueryCommand: OP_QUERY is not supported for this command"') },
    { label: 'Deprecation Warning', text: mongo('W', 'COMMAND', 4600101, 'conn{conn}', 'The geoNear command is deprecated and will be removed in a future release. Use the $geoNear aggregation stage', '"client":"conn{conn}","driver":"{mdriver}"') },
    { label: 'Deprecation Warning', text: mongo('W', 'COMMAND', 5159001, 'conn{conn}', 'The map reduce command is deprecated. Use an aggregation pipeline instead', '"ns":"app.{cmd}","client":"{ip}:{port}"') },
    { label: 'Deprecation Warning', text: 'DeprecationWarning: collection.count is deprecated, and will be removed in a future version. Use Collection.countDocuments or Collection.estimatedDocumentCount instead' },
    { label: 'Deprecation Warning', text: mongo('W', 'NETWORK', 4615712, 'conn{conn}', 'Client maxWireVersion is deprecated; clients below this wire version will be rejected by the next major release', '"remote":"{ip}:{port}","maxWireVersion":{wire}') },
    { label: 'System Notification', text: mongo('I', 'NETWORK', 6723801, 'conn{conn}', 'Accepted TLS connection from peer', '"peerSubject":"CN={host}","remote":"{ip}:{port}"') },
    { label: 'User Action', text: mongo('I', 'ACCESS', 5286306, 'conn{conn}', 'Successfully authenticated', '"client":"{ip}:{port}","mechanism":"SCRAM-SHA-256","user":"{dbUser}","db":"admin","isSpeculative":{true|false}') },
    { label: 'Error', text: mongo('I', 'NETWORK', 22989, 'conn{conn}', 'Error sending response to client. Ending connection from remote', '"error":{{"code":6,"codeName":"HostUnreachable","errmsg":"Connection reset by peer"}},"remote":"{ip}:{port}","connectionId":{conn}') },
    { label: 'Error', text: mongo('W', 'NETWORK', 4615713, 'conn{conn}', 'Client sent an invalid message: Unrecognized opcode', '"opCode":{int},"remote":"{ip}:{port}"') },
    { label: 'Security Alert', text: mongo('I', 'ACCESS', 20436, 'conn{conn}', 'Checking authorization failed', '"error":{{"code":13,"codeName":"Unauthorized","errmsg":"command {cmd} requires authentication"}}') },
    { label: 'Security Alert', text: mongo('I', 'ACCESS', 20249, 'conn{conn}', 'Authentication failed', '"mechanism":"{SCRAM-SHA-1|SCRAM-SHA-256}","speculative":false,"principalName":"{dbUser}","authenticationDatabase":"admin","remote":"{ip}:{port}","error":"AuthenticationFailed: SCRAM authentication failed, storedKey mismatch"'), weight: 2 },
    { label: 'Security Alert', text: mongo('E', 'NETWORK', 23830, 'conn{conn}', 'SSL peer certificate validation failed', '"reason":"{self signed certificate|certificate has expired|unable to get local issuer certificate}"') },
  ],
};

// ---------------------------------------------------------------------------------------------

export const JVM_SERVICE_CLIENT_COMPAT: LogFamily = {
  id: 'jvm-service-client-compat',
  group: 'app',
  weight: 0.45,
  program: ['kafka', 'zookeeper', 'cassandra', 'elasticsearch', 'activemq'],
  headers: ['log4j'],
  loggers: [
    'kafka.server.KafkaApis',
    'kafka.network.Processor',
    'kafka.network.RequestChannel$',
    'org.apache.kafka.common.network.Selector',
    'org.apache.zookeeper.server.ZooKeeperServer',
    'org.apache.zookeeper.server.NIOServerCnxn',
    'org.apache.cassandra.transport.Message',
    'org.apache.cassandra.transport.Server',
    'org.apache.cassandra.transport.PreV5Handlers',
    'org.elasticsearch.deprecation.rest.RestController',
    'org.elasticsearch.deprecation.action.index.IndexRequest',
    'org.elasticsearch.xpack.security.transport.netty4.SecurityNetty4HttpServerTransport',
    'org.apache.activemq.broker.TransportConnection.Transport',
    'org.apache.activemq.broker.TransportConnector',
  ],
  threads: ['data-plane-kafka-network-thread-1-ListenerName(PLAINTEXT)-PLAINTEXT-2', 'NIOWorkerThread-3', 'epollEventLoopGroup-5-3', 'elasticsearch[es-data-1][transport_worker][T#4]', 'ActiveMQ Transport: tcp:///10.0.4.21:51422@61616', 'Native-Transport-Requests-7', 'main'],
  labelMix: { 'Deprecation Warning': 34, 'System Notification': 40, Error: 18, 'Security Alert': 8 },
  slots: {
    cipher: TLS_CIPHERS,
    clientId: ['producer-1', 'consumer-orders-1', 'connect-cluster-3', 'rdkafka', 'sarama', 'kafka-python-2.0.2', 'logstash-0', 'spark-executor-12', 'legacy-producer'],
    kclient: ['apache-kafka-java', 'librdkafka', 'sarama', 'kafka-python', 'confluent-kafka-go', 'kafkajs'],
    apiKey: ['PRODUCE', 'FETCH', 'METADATA', 'OFFSET_COMMIT', 'LIST_OFFSETS', 'JOIN_GROUP'],
    chan: (rng) => `${rng.int(10, 250)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}:9092-${rng.int(10, 250)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}:${rng.int(30000, 65000)}-${rng.int(0, 99)}`,
    session: (rng) => `0x${rng.pick(['1', '10', '18e', '20'])}${hex(rng, 12)}`,
    cdriver: ['DataStax Java Driver', 'DataStax Python Driver', 'gocql', 'cassandra-driver (Node.js)', 'Datastax C# Driver'],
    protoV: ['3/v3', '4/v4', '5/v5'],
    esNode: ['es-data-1', 'es-master-0', 'node-1', 'elasticsearch-es-default-2', 'hot-3'],
    index: ['logs-2024.03', 'orders', 'products', 'customers', 'metrics-app'],
    owVer: (rng) => String(rng.int(1, 12)),
    broker: ['localhost', 'amq-broker-1', 'broker-east'],
    hex8: (rng) => hex(rng, 8),
  },
  templates: [
    // Kafka
    { label: 'Deprecation Warning', text: '[KafkaApi-{n}] Client {clientId} at /{ip} sent {apiKey} request version {small}, which is deprecated and will be removed in Apache Kafka 4.0', weight: 2 },
    { label: 'Deprecation Warning', text: 'Client {clientId} ({kclient} {version}) uses a request version that is deprecated; please upgrade the client library before upgrading to Kafka 4.0' },
    { label: 'Deprecation Warning', text: 'Topic configuration message.format.version {0.10.2|0.11.0|1.0} is deprecated and will be ignored by Kafka 4.0; old clients will need down-conversion' },
    { label: 'System Notification', text: 'Client {clientId} ({ip}) sent ApiVersionsRequest with clientSoftwareName={kclient} clientSoftwareVersion={version}', weight: 2 },
    { label: 'System Notification', text: '[SocketServer listenerType=BROKER, nodeId={n}] Created data-plane acceptor and processors for endpoint : ListenerName(PLAINTEXT)' },
    { label: 'System Notification', text: '[SocketServer listenerType=BROKER, nodeId={n}] Accepted connection from /{ip}:{port} on /{ip}:9092 and assigned it to processor {small}' },
    { label: 'Error', text: 'Closing socket connection to /{ip} due to invalid request: Received request api key {apiKey} with version {small} which is not supported', weight: 2 },
    { label: 'Error', text: '[SocketServer listenerType=BROKER, nodeId={n}] Unexpected error from /{ip} (channelId={chan}); closing connection' },
    { label: 'Security Alert', text: '[SocketServer listenerType=BROKER, nodeId={n}] Failed authentication with /{ip} (channelId={chan}) (SSL handshake failed)', weight: 2 },
    // ZooKeeper
    { label: 'System Notification', text: 'Client attempting to establish new session at /{ip}:{port}', weight: 2 },
    { label: 'System Notification', text: 'Session establishment request from client /{ip}:{port} client\'s lastZxid is 0x{hex8}' },
    { label: 'Error', text: 'Exception causing close of session {session}: Connection reset by peer' },
    { label: 'Error', text: 'Refusing session request for client /{ip}:{port} as it has seen zxid 0x{hex8} our last zxid is 0x{hex8} client must try another server' },
    // Cassandra
    { label: 'Deprecation Warning', text: 'Detected connection using native protocol version {protoV} from /{ip}:{port}. This protocol version is deprecated and will be removed in a future release', weight: 2 },
    { label: 'Deprecation Warning', text: 'Client /{ip}:{port} is using the Thrift protocol, which is deprecated; migrate the application to the CQL native protocol' },
    { label: 'System Notification', text: 'Starting listening for CQL clients on /{ip}:9042 (unencrypted)...' },
    { label: 'System Notification', text: 'Client /{ip}:{port} connected using native protocol {protoV}, driver {cdriver} {version}', weight: 2 },
    { label: 'Error', text: 'Invalid or unsupported protocol version ({n}); supported versions are (3/v3, 4/v4, 5/v5, 6/v6-beta)', weight: 2 },
    { label: 'Error', text: 'Unexpected exception during request; channel = [id: 0x{hex8}, L:/{ip}:9042 - R:/{ip}:{port}]' },
    // Elasticsearch
    { label: 'Deprecation Warning', text: '[{esNode}] [types removal] Specifying types in document index requests is deprecated, use the typeless endpoints instead (/{{index}}/_doc/{{id}}, /{{index}}/_doc, or /{{index}}/_create/{{id}}).', weight: 2 },
    { label: 'Deprecation Warning', text: '[{esNode}] [types removal] Using include_type_name in put mapping requests is deprecated. The parameter will be removed in the next major version.' },
    { label: 'Deprecation Warning', text: '[{esNode}] this request accesses system indices: [.security-7, .tasks], but in a future major version, direct access to system indices will be prevented by default' },
    { label: 'Deprecation Warning', text: '[{esNode}] [ignore_throttled] parameter is deprecated because frozen indices have been deprecated. Consider cold or frozen tiers in place of frozen indices.' },
    { label: 'System Notification', text: '[{esNode}] publish_address {{{ip}:9200}}, bound_addresses {{[::]:9200}}' },
    { label: 'System Notification', text: '[{esNode}] client {ip} negotiated {TLSv1.3|TLSv1.2} with cipher {cipher} on the http layer' },
    { label: 'Error', text: '[{esNode}] caught exception while handling client http traffic, closing connection Netty4HttpChannel{{localAddress=/{ip}:9200, remoteAddress=/{ip}:{port}}} io.netty.handler.codec.DecoderException: javax.net.ssl.SSLHandshakeException: Client requested protocol {TLSv1|TLSv1.1} is not enabled or supported in server context', weight: 2 },
    { label: 'Security Alert', text: "[{esNode}] http client did not trust this server's certificate, closing connection Netty4HttpChannel{{localAddress=/{ip}:9200, remoteAddress=/{ip}:{port}}}" },
    // ActiveMQ and JVM TLS
    { label: 'Deprecation Warning', text: 'Client {clientId} from tcp://{ip}:{port} uses OpenWire version {owVer}; OpenWire versions older than 12 are deprecated and will be rejected by a future broker release' },
    { label: 'System Notification', text: 'Apache ActiveMQ {version} ({broker}, ID:{host}-{int}-{int}-0:1) is starting' },
    { label: 'System Notification', text: 'Connector openwire started' },
    { label: 'System Notification', text: 'Transport Connection to: tcp://{ip}:{port} established, OpenWire version {owVer}, client {clientId}' },
    { label: 'Error', text: 'Transport Connection to: tcp://{ip}:{port} failed: java.io.EOFException' },
    { label: 'Error', text: 'Could not accept connection from tcp://{ip}:{port}: javax.net.ssl.SSLHandshakeException: No appropriate protocol (protocol is disabled or cipher suites are inappropriate)', weight: 2 },
    { label: 'Error', text: 'javax.net.ssl.SSLHandshakeException: The client supported protocol versions [TLSv1, TLSv1.1] are not accepted by server preferences [TLS13, TLS12]', weight: 2 },
  ],
};

// ---------------------------------------------------------------------------------------------

export const BROKER_CLIENT_COMPAT: LogFamily = {
  id: 'broker-client-compat',
  group: 'app',
  weight: 0.45,
  program: ['rabbitmq-server', 'mosquitto', 'nats-server', 'redis-server'],
  headers: ['syslog', 'iso-level'],
  labelMix: { 'Deprecation Warning': 30, 'System Notification': 42, Error: 18, 'Security Alert': 8, 'User Action': 2 },
  slots: {
    epid: (rng) => `<0.${rng.int(100, 99999)}.0>`,
    clientId: ['sensor-042', 'paho-1f3a', 'mqttjs_5b2c', 'gw-floor2', 'esp32-7c9e', 'node-red', 'auto-3F2A9B', 'telegraf'],
    app: ['order-service', 'celery', 'billing-worker', 'shovel', 'notification-api', 'spring-amqp'],
    rproduct: ['RabbitMQ .NET Client', 'pika', 'amqp091-go', 'Bunny', 'amqplib', 'RabbitMQ Java Client'],
    cid: (rng) => String(rng.int(1, 99999)),
    natsLib: ['v1.11.0:go', 'v2.2.0:nats.js', 'v2.7.2:python3', 'v1.31.0:go', '0.4.0:nats.rs'],
    redisLib: ['redis-py', 'jedis', 'ioredis', 'go-redis', 'lettuce', 'hiredis'],
    fd: (rng) => String(rng.int(8, 4000)),
  },
  templates: [
    // RabbitMQ
    { label: 'System Notification', text: 'accepting AMQP connection {epid} ({ip}:{port} -> {ip}:5672)', weight: 3 },
    { label: 'System Notification', text: 'connection {epid} ({ip}:{port} -> {ip}:5672) has a client-provided name: {app}', weight: 2 },
    { label: 'System Notification', text: 'client {ip}:{port} connected with AMQP 0-9-1, client properties: product="{rproduct}" version="{version}"', weight: 2 },
    { label: 'System Notification', text: 'closing AMQP connection {epid} ({ip}:{port} -> {ip}:5672, vhost: \'/\', user: \'{user}\')' },
    { label: 'Error', text: 'closing AMQP connection {epid} ({ip}:{port} -> {ip}:5672): {{handshake_timeout,frame_header}}' },
    { label: 'Error', text: 'error on AMQP connection {epid} ({ip}:{port} -> {ip}:5672): {{bad_version,{{0,8,0}}}}' },
    { label: 'Deprecation Warning', text: 'Deprecated features: `amqp_address_v1`: Client {app} uses AMQP address format v1, which is deprecated and will be removed in a future major RabbitMQ version', weight: 2 },
    { label: 'Deprecation Warning', text: 'MQTT 3.1 client {clientId} connected; MQTT 3.1 is a legacy protocol version, please upgrade the client to MQTT 3.1.1 or 5.0' },
    { label: 'Deprecation Warning', text: 'Client connection {epid} from {ip} negotiated TLSv1.1, which is deprecated; TLSv1.0 and TLSv1.1 will be disabled in a future release' },
    { label: 'Security Alert', text: "PLAIN login refused: user '{probeUser}' - invalid credentials", weight: 2 },
    { label: 'Security Alert', text: "HTTP access denied: user '{probeUser}' - invalid credentials" },
    // Mosquitto
    { label: 'System Notification', text: 'New connection from {ip}:{port} on port {1883|8883}.', weight: 3 },
    { label: 'System Notification', text: "New client connected from {ip}:{port} as {clientId} (p{2|5}, c1, k60, u'{user}').", weight: 3 },
    { label: 'System Notification', text: 'Client {clientId} disconnected.' },
    { label: 'System Notification', text: 'Client {clientId} closed its connection.' },
    { label: 'Error', text: 'Client {clientId} disconnected due to protocol error.', weight: 2 },
    { label: 'Error', text: 'Invalid protocol "MQIsdp" in CONNECT from {ip}.' },
    { label: 'Error', text: 'OpenSSL Error[0]: error:0A000102:SSL routines::unsupported protocol', weight: 2 },
    { label: 'Deprecation Warning', text: 'Warning: Client {clientId} uses MQTT v3.1 (MQIsdp); support for MQTT v3.1 is deprecated and will be removed in a future release.' },
    { label: 'Deprecation Warning', text: "Warning: The 'bind_address' option is deprecated and will be removed in a future version. Please use 'listener' instead." },
    // NATS
    { label: 'System Notification', text: 'Listening for client connections on 0.0.0.0:4222' },
    { label: 'System Notification', text: 'Server is ready' },
    { label: 'System Notification', text: '{ip}:{port} - cid:{cid} - Client connection created', weight: 2 },
    { label: 'System Notification', text: '{ip}:{port} - cid:{cid} - "{natsLib}" - Client connection closed: Client Closed', weight: 2 },
    { label: 'Error', text: '{ip}:{port} - cid:{cid} - TLS handshake error: tls: client offered only unsupported versions: [302 301]', weight: 2 },
    { label: 'Error', text: '{ip}:{port} - cid:{cid} - Client parser ERROR, state=0, i=0: proto=\'"GET / HTTP/1.1\\r\\nHost: {ip}:4222"...\'' },
    { label: 'Deprecation Warning', text: '{ip}:{port} - cid:{cid} - "{natsLib}" - Client protocol 0 is deprecated; headers and no-responders require protocol 1, please upgrade the client library' },
    { label: 'Deprecation Warning', text: '{ip}:{port} - cid:{cid} - Client authenticated with the "authorization token" option, which is deprecated; use nkeys or JWT credentials' },
    { label: 'Deprecation Warning', text: 'STOMP 1.0 client connected from {ip}:{port}; STOMP 1.0 is deprecated, clients should speak STOMP 1.2' },
    { label: 'Deprecation Warning', text: 'AMQP 0-9-1 client {app} ({rproduct} {version}) is outdated and relies on features kept only for backward compatibility; please upgrade' },
    { label: 'Security Alert', text: '{ip}:{port} - cid:{cid} - authentication error - User "{probeUser}"' },
    // Redis
    { label: 'System Notification', text: 'Accepted {ip}:{port}', weight: 2 },
    { label: 'System Notification', text: 'Client id={int} addr={ip}:{port} fd={fd} name={app} lib-name={redisLib} lib-ver={version} resp={2|3}' },
    { label: 'Deprecation Warning', text: "WARNING: client {ip}:{port} ({redisLib} {version}) sent the deprecated command '{SLAVEOF|GEORADIUS|HMSET|SYNC}'; it may be removed in a future version" },
    { label: 'Error', text: 'Protocol error (invalid multibulk length) from client: id={int} addr={ip}:{port} laddr={ip}:6379 fd={fd} name= age=0 idle=0 flags=N db=0 sub=0 psub=0 multi=-1 qbuf=0 obl=0 oll=0 cmd=NULL' },
    { label: 'Error', text: 'Error accepting a client connection: error:0A00010B:SSL routines::wrong version number (conn: fd={fd})', weight: 2 },
    { label: 'Security Alert', text: 'Possible SECURITY ATTACK detected. It looks like somebody is sending POST or Host: commands to Redis. This is likely due to an attacker attempting to use Cross Protocol Scripting to compromise your Redis instance. Connection from {ip}:{port} aborted.' },
    { label: 'User Action', text: "ACL: user '{user}' authenticated from {ip}:{port}" },
  ],
};

// ---------------------------------------------------------------------------------------------

export const TLS_SSH_COMPAT: LogFamily = {
  id: 'tls-ssh-compat',
  group: 'app',
  weight: 0.5,
  program: ['sshd', 'sshd', 'nginx', 'haproxy', 'stunnel', 'envoy'],
  headers: ['syslog'],
  labelMix: { 'Deprecation Warning': 32, 'System Notification': 42, Error: 20, 'Security Alert': 6 },
  slots: {
    cipher: TLS_CIPHERS,
    sshClient: ['OpenSSH_9.6p1 Ubuntu-3ubuntu13', 'OpenSSH_7.4', 'OpenSSH_5.3', 'PuTTY_Release_0.70', 'libssh2_1.4.3', 'JSCH-0.1.54', 'paramiko_2.4.2', 'Go', 'WinSCP_release_5.9.6', 'OpenSSH_for_Windows_8.1'],
    oldKex: ['diffie-hellman-group1-sha1', 'diffie-hellman-group14-sha1', 'diffie-hellman-group-exchange-sha1'],
    oldCipher: ['aes128-cbc,3des-cbc', 'arcfour,blowfish-cbc', 'aes256-cbc,aes192-cbc,aes128-cbc'],
    oldProto: ['TLSv1', 'TLSv1.1', 'SSLv3'],
    svc: ['https', 'imaps', 'redis-tls', 'ldaps', 'pop3s'],
    fe: ['https-in', 'fe_https', 'public_tls', 'api_frontend'],
    ngxConf: ['default.conf', 'api.conf', 'legacy.conf', 'ssl.conf'],
    cid: (rng) => String(rng.int(1, 999999)),
    ngxPid: (rng) => `${rng.int(100, 40000)}#${rng.int(100, 40000)}`,
    stid: (rng) => String(rng.int(0, 200)),
  },
  templates: [
    // OpenSSH
    { label: 'System Notification', text: 'debug1: Remote protocol version 2.0, remote software version {sshClient}', weight: 3 },
    { label: 'System Notification', text: 'debug1: compat_banner: match: {sshClient} pat OpenSSH* compat 0x04000000' },
    { label: 'System Notification', text: 'debug1: kex: algorithm: {curve25519-sha256|sntrup761x25519-sha512@openssh.com|mlkem768x25519-sha256} [preauth]', weight: 2 },
    { label: 'System Notification', text: 'debug1: kex: client->server cipher: chacha20-poly1305@openssh.com MAC: <implicit> compression: none [preauth]' },
    { label: 'Error', text: 'Unable to negotiate with {ip} port {port}: no matching key exchange method found. Their offer: {oldKex},{oldKex} [preauth]', weight: 2 },
    { label: 'Error', text: 'Unable to negotiate with {ip} port {port}: no matching cipher found. Their offer: {oldCipher} [preauth]', weight: 2 },
    { label: 'Error', text: 'Unable to negotiate with {ip} port {port}: no matching host key type found. Their offer: ssh-rsa,ssh-dss [preauth]' },
    { label: 'Error', text: 'userauth_pubkey: signature algorithm ssh-rsa not in PubkeyAcceptedAlgorithms [preauth]', weight: 2 },
    { label: 'Deprecation Warning', text: 'ssh-rsa (SHA-1) signature from client {ip} ({sshClient}): SHA-1 signatures are deprecated and will be disabled by default in a future release', weight: 2 },
    { label: 'Deprecation Warning', text: 'Client {ip} port {port} ({sshClient}) negotiated {oldKex}, a legacy key exchange that will be removed in a future release' },
    { label: 'Deprecation Warning', text: '** WARNING: connection is not using a post-quantum key exchange algorithm. ** This session may be vulnerable to "store now, decrypt later" attacks. ** The server may need to be upgraded. See https://openssh.com/pq.html' },
    { label: 'Deprecation Warning', text: 'DSA user key from {ip} accepted for compatibility; DSA support is deprecated and will be removed in a future release' },
    // nginx, haproxy, stunnel, envoy
    { label: 'Error', text: '*{cid} SSL_do_handshake() failed (SSL: error:0A000102:SSL routines::unsupported protocol) while SSL handshaking, client: {ip}, server: 0.0.0.0:443', weight: 3 },
    { label: 'Error', text: '*{cid} SSL_do_handshake() failed (SSL: error:1417A0C1:SSL routines:tls_post_process_client_hello:no shared cipher) while SSL handshaking, client: {ip}, server: 0.0.0.0:443', weight: 2 },
    { label: 'Error', text: '*{cid} SSL_do_handshake() failed (SSL: error:14209102:SSL routines:tls_early_post_process_client_hello:unsupported protocol) while SSL handshaking, client: {ip}, server: 0.0.0.0:443' },
    { label: 'Error', text: '{ip}:{port} [{date}] {fe}/1: SSL handshake failure', weight: 2 },
    { label: 'Error', text: 'LOG3[{stid}]: SSL_accept: ssl/statem/statem_srvr.c:1657: error:0A000102:SSL routines::unsupported protocol' },
    { label: 'Error', text: 'TLS error: OPENSSL_internal:TLSV1_ALERT_PROTOCOL_VERSION from downstream {ip}:{port}' },
    { label: 'Deprecation Warning', text: 'the "ssl" directive is deprecated, use the "listen ... ssl" directive instead in /etc/nginx/conf.d/{ngxConf}:{small}', weight: 2 },
    { label: 'Deprecation Warning', text: 'the "http2_max_field_size" directive is obsolete, use the "large_client_header_buffers" directive instead in /etc/nginx/nginx.conf:{small}' },
    { label: 'Deprecation Warning', text: 'LOG4[ui]: Deprecated option "sslVersion" in service [{svc}]: use "sslVersionMin" and "sslVersionMax"' },
    { label: 'Deprecation Warning', text: 'client {ip} negotiated {oldProto}: this protocol version is deprecated and connections using it will be rejected in a future release', weight: 2 },
    { label: 'Deprecation Warning', text: 'deprecated TLS version {oldProto} from {ip}' },
    { label: 'Deprecation Warning', text: 'legacy client {ip} ({oldProto}) allowed by ssl-min-ver; this compatibility mode will be removed' },
    { label: 'Deprecation Warning', text: "{fe}: 'force-tlsv10' is deprecated and will be removed in a future version, use 'ssl-min-ver TLSv1.0' instead" },
    { label: 'System Notification', text: 'LOG5[{stid}]: Service [{svc}] accepted connection from {ip}:{port}', weight: 2 },
    { label: 'System Notification', text: 'LOG6[{stid}]: TLS accepted: new session negotiated' },
    { label: 'System Notification', text: 'LOG6[{stid}]: TLSv1.3 ciphersuite: TLS_AES_256_GCM_SHA384 (256-bit encryption)', weight: 2 },
    { label: 'System Notification', text: 'LOG6[{stid}]: Negotiated TLSv1.2 ciphersuite ECDHE-RSA-AES256-GCM-SHA384 (256-bit encryption)' },
    { label: 'System Notification', text: 'client {ip} negotiated TLSv1.3 TLS_AES_128_GCM_SHA256', weight: 2 },
    { label: 'System Notification', text: 'TLS handshake completed with {ip}:{port}: protocol=TLSv1.{2|3} cipher={cipher} resumed={yes|no}', weight: 2 },
    { label: 'System Notification', text: 'Proxy {fe} started.' },
    { label: 'System Notification', text: 'ssl-min-ver TLSv1.2 set for frontend {fe}' },
    { label: 'Security Alert', text: '*{cid} client SSL certificate verify error: (20:unable to get local issuer certificate) while reading client request headers, client: {ip}, server: {fqdn}', weight: 2 },
    { label: 'Security Alert', text: '{ip}:{port} [{date}] {fe}/1: SSL client certificate not trusted' },
  ],
};

// ---------------------------------------------------------------------------------------------

export const API_VERSION_COMPAT: LogFamily = {
  id: 'api-version-compat',
  group: 'app',
  weight: 0.5,
  program: ['api-gateway', 'dockerd', 'kong', 'graphql-server'],
  headers: ['iso-level', 'bracket-level'],
  labelMix: { 'Deprecation Warning': 36, 'System Notification': 36, Error: 16, 'HTTP Status': 8, 'Security Alert': 4 },
  slots: {
    clientId,
    httpDate,
    clf,
    futureDate,
    apiVer: ['v1', 'v2', '2019-01-01', '2020-08-27', '2022-11-15', '1.0', 'beta', '2023-10-16'],
    sdk: ['acme-sdk-js', 'acme-python', 'stripe-java', 'aws-sdk-go', 'acme-cli', 'okhttp', 'legacy-soap-client'],
    oldUa: ['Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0)', 'Mozilla/5.0 (Windows NT 6.1; Trident/7.0; rv:11.0) like Gecko', 'Mozilla/5.0 (Linux; U; Android 4.0.3; en-us) AppleWebKit/534.30 (KHTML, like Gecko) Version/4.0 Mobile Safari/534.30', 'Mozilla/5.0 (Windows NT 6.1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/49.0.2623.112 Safari/537.36', 'Opera/9.80 (Windows NT 6.1) Presto/2.12.388 Version/12.18'],
    res: ['orders', 'users', 'invoices', 'products', 'accounts', 'payments', 'reports'],
    field: ['fullName', 'address', 'avatarUrl', 'legacyId', 'email'],
    dockerApi: (rng) => `1.${rng.int(12, 45)}`,
    image: ['registry.example.com/legacy/app:1.0', 'registry.example.com/library/busybox:1.19', 'quay.io/acme/old-worker:latest', 'example/app:v1'],
    k8sDep: [
      'policy/v1beta1 PodDisruptionBudget is deprecated in v1.21+, unavailable in v1.25+; use policy/v1 PodDisruptionBudget',
      'discovery.k8s.io/v1beta1 EndpointSlice is deprecated in v1.21+, unavailable in v1.25+; use discovery.k8s.io/v1 EndpointSlice',
      'storage.k8s.io/v1beta1 CSIStorageCapacity is deprecated in v1.24+, unavailable in v1.27+; use storage.k8s.io/v1 CSIStorageCapacity',
    ],
  },
  templates: [
    // Generic REST and GraphQL APIs
    { label: 'Deprecation Warning', text: 'API version {apiVer} is deprecated and will be sunset on {futureDate}; client {clientId} should migrate to the current version', weight: 3 },
    { label: 'Deprecation Warning', text: 'Deprecation header sent: {method} /api/v1/{res} (Sunset: {httpDate}) client_id={clientId}', weight: 2 },
    { label: 'Deprecation Warning', text: 'Request from {clientId} used deprecated endpoint /api/v1/{res}; this endpoint will be removed in the next major release', weight: 2 },
    { label: 'Deprecation Warning', text: 'Legacy API key authentication used by {clientId}: API keys in query strings are deprecated, send them in the Authorization header' },
    { label: 'Deprecation Warning', text: 'Client {clientId} pinned to API version {apiVer}, which is past its deprecation date; upgrade to a supported version' },
    { label: 'Deprecation Warning', text: 'Outdated SDK {sdk}/{version} detected for client {clientId}; please upgrade to {version} or later' },
    { label: 'Deprecation Warning', text: "Field 'User.{field}' is deprecated: use 'User.{field}V2' instead (operation {name}, client {clientId})", weight: 2 },
    { label: 'Deprecation Warning', text: 'Support for this browser is deprecated and will end on {futureDate}: {oldUa}' },
    { label: 'Deprecation Warning', text: 'Internet Explorer 11 is no longer supported; served legacy bundle to {ip}' },
    { label: 'Deprecation Warning', text: 'SOAP endpoint /services/{res}Service is kept for backward compatibility only and will be removed; client {clientId}' },
    { label: 'Deprecation Warning', text: 'Basic authentication for API clients is deprecated and will be rejected after {futureDate} (client {clientId})' },
    { label: 'System Notification', text: 'Resolved API version {apiVer} for client {clientId} (sdk {sdk}/{version})', weight: 3 },
    { label: 'System Notification', text: 'Registered route group /api/{v1|v2|v3} ({int} routes)' },
    { label: 'System Notification', text: 'Negotiated API version {apiVer} with client {clientId}' },
    { label: 'System Notification', text: 'client {clientId} user-agent: {userAgent}' },
    { label: 'System Notification', text: 'Loaded {int} deprecation rules from /etc/gateway/deprecations.yaml' },
    { label: 'System Notification', text: 'No API version header from {clientId}, defaulting to {apiVer}' },
    { label: 'System Notification', text: 'Routing {clientId} to handler {name}-{v1|v2|v3}' },
    { label: 'System Notification', text: 'Schema for API version {apiVer} loaded ({int} operations)' },
    { label: 'Error', text: 'Rejected request from {clientId}: API version {apiVer} is not supported (supported: 2023-10-16, 2024-06-20)', weight: 2 },
    { label: 'Error', text: "Unknown API version header value '{apiVer}-beta' from {ip}" },
    { label: 'Error', text: 'Unsupported browser: {oldUa} from {ip}' },
    { label: 'Error', text: 'Request body for /api/v2/{res} failed validation: unknown field "{field}"' },
    { label: 'HTTP Status', text: '{ip} - - [{clf}] "{method} /api/v1/{res} HTTP/1.1" 410 {bytes} "-" "{sdk}/{version}"', weight: 2 },
    { label: 'HTTP Status', text: '{ip} - {clientId} [{clf}] "GET /api/v2/{res}?page={n} HTTP/1.1" 200 {bytes} "-" "{sdk}/{version}"' },
    { label: 'Security Alert', text: 'Rejected request from {ip}: invalid API key for client {clientId}' },
    // Kubernetes API deprecations
    { label: 'Deprecation Warning', text: 'Warning: {k8sDep}', weight: 2 },
    { label: 'Deprecation Warning', text: 'deprecated API requested: {method} /apis/{policy|batch|extensions}/v1beta1/namespaces/{word}/{res} user-agent="kubectl/v1.{int}.0" k8s.io/removed-release=1.{int}' },
    { label: 'System Notification', text: 'client kubectl/v1.{int}.{small} ({ip}) using API group apps/v1' },
    // Docker daemon
    { label: 'Deprecation Warning', text: 'level=warning msg="[DEPRECATION NOTICE] Docker Image Format v1 and Docker Image manifest version 2, schema 1 support is disabled by default and will be removed in an upcoming release. Suggest the author of {image} to upgrade the image to the OCI Format or Docker Image manifest v2, schema 2."', weight: 2 },
    { label: 'Deprecation Warning', text: 'Error response from daemon: client version {dockerApi} is too old. Minimum supported API version is 1.24, please upgrade your client to a newer version', weight: 2 },
    { label: 'Deprecation Warning', text: 'level=warning msg="API version {dockerApi} used by client {userAgent} is deprecated and will be removed in the next release"' },
    { label: 'System Notification', text: 'level=debug msg="Calling {GET|POST} /v{dockerApi}/{containers/json|images/json|version|info}"', weight: 2 },
    { label: 'System Notification', text: 'level=info msg="API listen on /var/run/docker.sock"' },
    { label: 'Error', text: 'level=error msg="Handler for GET /v{dockerApi}/containers/json returned error: client version {dockerApi} is too new. Maximum supported API version is {dockerApi}"' },
  ],
};

// ---------------------------------------------------------------------------------------------

export const DIRECTORY_MAIL_COMPAT: LogFamily = {
  id: 'directory-mail-compat',
  group: 'app',
  weight: 0.45,
  program: ['slapd', 'smbd', 'samba', 'postfix/smtpd', 'dovecot', 'exim', 'MSExchangeFrontEnd'],
  headers: ['syslog'],
  labelMix: { 'Deprecation Warning': 32, 'System Notification': 38, Error: 16, 'Security Alert': 10, 'User Action': 4 },
  slots: {
    cipher: TLS_CIPHERS,
    conn: (rng) => String(rng.int(1000, 999999)),
    fd: (rng) => String(rng.int(8, 2000)),
    op: (rng) => String(rng.int(0, 40)),
    baseDn: ['dc=example,dc=com', 'dc=corp,dc=local', 'o=acme', 'dc=lab,dc=local'],
    sambaOpt: ['lanman auth', 'encrypt passwords', 'client NTLMv2 auth', 'client use spnego', 'domain logons', 'raw NTLMv2 auth'],
    dialect: ['SMB3_11', 'SMB3_02', 'SMB2_10', 'SMB3_00'],
    domain: ['CORP', 'ACME', 'LAB', 'EXAMPLE'],
    postfixParam: ['smtpd_tls_dh1024_param_file', 'smtpd_tls_eecdh_grade', 'smtp_tls_mandatory_protocols = !SSLv2', 'disable_dns_lookups'],
    mech: ['CRAM-MD5', 'DIGEST-MD5', 'LOGIN', 'NTLM'],
  },
  templates: [
    // OpenLDAP slapd
    { label: 'System Notification', text: 'conn={conn} fd={fd} ACCEPT from IP={ip}:{port} (IP=0.0.0.0:{389|636})', weight: 2 },
    { label: 'System Notification', text: 'conn={conn} fd={fd} TLS established tls_ssf=256 ssf=256 tls_proto={TLSv1.3|TLSv1.2} tls_cipher={cipher}', weight: 2 },
    { label: 'System Notification', text: 'conn={conn} op={op} EXT oid=1.3.6.1.4.1.1466.20037' },
    { label: 'System Notification', text: 'conn={conn} op={op} UNBIND' },
    { label: 'Error', text: 'conn={conn} op=0 RESULT tag=97 err=2 text=requested protocol version not allowed', weight: 2 },
    { label: 'Error', text: 'conn={conn} fd={fd} closed (TLS negotiation failure)', weight: 2 },
    { label: 'Deprecation Warning', text: 'conn={conn} op=0 LDAPv2 bind from IP={ip}: LDAPv2 is historic (RFC 3494) and "allow bind_v2" will be removed in a future release' },
    { label: 'Deprecation Warning', text: 'conn={conn} op={op} client {ip} used deprecated SASL mechanism {mech}' },
    { label: 'Security Alert', text: 'conn={conn} op={op} RESULT tag=97 err=49 text=Invalid credentials', weight: 2 },
    { label: 'User Action', text: 'conn={conn} op={op} MOD dn="uid={user},ou=people,{baseDn}"' },
    // Samba and Windows authentication
    { label: 'Deprecation Warning', text: 'WARNING: The "{sambaOpt}" option is deprecated', weight: 3 },
    { label: 'Deprecation Warning', text: 'Client {ip} negotiated SMB1 (NT1); SMB1 is deprecated and support will be removed in a future release', weight: 2 },
    { label: 'Deprecation Warning', text: 'NTLMv1 authentication used by {domain}\\{user} from {ip}; NTLMv1 is deprecated, set "ntlm auth = ntlmv2-only"', weight: 2 },
    { label: 'Deprecation Warning', text: 'NTLM authentication request from {host} ({ip}) used NTLM V1, which is deprecated and will be blocked in a future update' },
    { label: 'System Notification', text: 'smbd_smb2_request_process_negprot: using dialect {dialect} for client {ip}', weight: 2 },
    { label: 'System Notification', text: 'Server min protocol set to SMB2_02, max protocol SMB3' },
    { label: 'System Notification', text: 'Kerberos authentication for {domain}\\{user} from {ip} succeeded, using AES256-CTS-HMAC-SHA1-96' },
    { label: 'Error', text: 'reply_negprot: No protocol supported !', weight: 2 },
    { label: 'Error', text: 'smbd: negprot from {ip} failed: NT_STATUS_INVALID_NETWORK_RESPONSE' },
    { label: 'Security Alert', text: 'check_ntlm_password:  Authentication for user [{user}] -> [{user}] FAILED with error NT_STATUS_NTLM_BLOCKED, authoritative=1', weight: 2 },
    { label: 'Security Alert', text: 'Auth: [SMB2,(null)] user [{domain}]\\[{probeUser}] at [{date} {clock}] with [NTLMv2] status [NT_STATUS_WRONG_PASSWORD] remote host [ipv4:{ip}:{port}]' },
    // Mail servers
    { label: 'Deprecation Warning', text: 'warning: /etc/postfix/main.cf: support for parameter "{postfixParam}" will be removed; instead, do not specify (leave at default)', weight: 2 },
    { label: 'Deprecation Warning', text: 'warning: {remoteHost}[{ip}]: SMTP client negotiated obsolete protocol TLSv1; it will be refused in a future release' },
    { label: 'Deprecation Warning', text: "auth: Warning: {mech} mechanism used by {user} from {ip} is deprecated and will be removed" },
    { label: 'Deprecation Warning', text: 'Client {ip} connected to EWS with Basic authentication; Basic authentication is deprecated and will be permanently turned off' },
    { label: 'System Notification', text: 'Anonymous TLS connection established from {remoteHost}[{ip}]: TLSv1.3 with cipher TLS_AES_128_GCM_SHA256 (128/128 bits) key-exchange X25519' },
    { label: 'System Notification', text: 'connect from {remoteHost}[{ip}]', weight: 2 },
    { label: 'System Notification', text: 'imap-login: client {ip} negotiated TLSv1.3, capability IMAP4rev1 IMAP4rev2' },
    { label: 'Error', text: 'warning: TLS library problem: error:0A000102:SSL routines::unsupported protocol:ssl/statem/statem_srvr.c:1657:', weight: 2 },
    { label: 'Error', text: 'imap-login: Disconnected: Connection closed: SSL_accept() failed: error:0A000102:SSL routines::unsupported protocol (no auth attempts in 0 secs): user=<>, rip={ip}, lip={ip}, TLS handshaking: SSL_accept() failed' },
    { label: 'Error', text: 'TLS error on connection from {remoteHost} [{ip}] (SSL_accept): error:0A000102:SSL routines::unsupported protocol' },
    { label: 'Security Alert', text: 'warning: unknown[{ip}]: SASL LOGIN authentication failed: UGFzc3dvcmQ6' },
    { label: 'User Action', text: 'imap-login: Login: user=<{user}>, method=PLAIN, rip={ip}, lip={ip}, mpid={pid}, TLS, session=<{hex8}>' },
  ],
};

// ---------------------------------------------------------------------------------------------

export const OBJECT_STORE_COMPAT: LogFamily = {
  id: 'object-store-compat',
  group: 'app',
  weight: 0.35,
  program: ['minio', 'radosgw', 'swift-proxy-server', 's3-gateway'],
  headers: ['iso-level', 'syslog'],
  labelMix: { 'Deprecation Warning': 32, 'System Notification': 36, Error: 14, 'HTTP Status': 8, 'Security Alert': 5, 'Resource Usage': 3, 'User Action': 2 },
  slots: {
    clf,
    bucket: ['backups', 'media', 'logs', 'artifacts', 'static-assets', 'data-lake', 'invoices', 'tfstate'],
    key: (rng) => `${rng.pick(['2024/03', 'uploads', 'tmp', 'builds', 'db'])}/${hex(rng, 8)}.${rng.pick(['gz', 'jpg', 'json', 'parquet', 'tar'])}`,
    s3ua: ['aws-cli/1.16.312 Python/2.7.18', 'Boto3/1.7.84 Python/2.7.5', 'aws-sdk-java/1.11.1000', 'MinIO (linux; amd64) minio-go/v6.0.57', 's3cmd/2.0.2', 'rclone/v1.53.3', 'aws-sdk-go/1.44.0', 'aws-sdk-js/2.1550.0'],
    reqId: (rng) => hex(rng, 16).toUpperCase(),
    hex: (rng) => hex(rng, 12),
    api: ['PutObject', 'GetObject', 'ListObjects', 'HeadObject', 'DeleteObject'],
  },
  templates: [
    { label: 'Deprecation Warning', text: 'AWS Signature Version 2 request from {ip} (bucket {bucket}, agent {s3ua}); Signature Version 2 is deprecated, use Signature Version 4', weight: 3 },
    { label: 'Deprecation Warning', text: 'Path-style request for bucket {bucket} from {s3ua}; path-style addressing is deprecated, use virtual-hosted-style requests', weight: 2 },
    { label: 'Deprecation Warning', text: 'ListObjects (v1) called by {s3ua} on {bucket}; ListObjects v1 is deprecated, use ListObjectsV2' },
    { label: 'Deprecation Warning', text: 'WARNING: Environment variable MINIO_ACCESS_KEY is deprecated. Use MINIO_ROOT_USER instead', weight: 2 },
    { label: 'Deprecation Warning', text: 'WARNING: Environment variable MINIO_SECRET_KEY is deprecated. Use MINIO_ROOT_PASSWORD instead' },
    { label: 'Deprecation Warning', text: 'client {ip} uses Swift v1 auth (tempauth), which is deprecated; switch to Keystone v3 authentication' },
    { label: 'Deprecation Warning', text: 'Request from {s3ua} relies on Content-MD5 only; MD5-only integrity checks are a legacy mode that will be rejected in a future release' },
    { label: 'Deprecation Warning', text: 'SDK {s3ua} has reached end-of-support; please upgrade the client used by {ip}' },
    { label: 'System Notification', text: 'S3-API: http://{ip}:9000  http://127.0.0.1:9000' },
    { label: 'System Notification', text: 'Console: http://{ip}:9001 http://127.0.0.1:9001' },
    { label: 'System Notification', text: 'Status:         {n} Online, 0 Offline.' },
    { label: 'System Notification', text: '====== starting new request req=0x{hex} =====', weight: 3 },
    { label: 'System Notification', text: 'req {int} 0.000000000s s3:{get_obj|put_obj|list_bucket} verifying op params', weight: 2 },
    { label: 'System Notification', text: 'Client {ip} signed request with AWS4-HMAC-SHA256 ({s3ua})', weight: 2 },
    { label: 'System Notification', text: 'client {ip} negotiated {TLS 1.3|TLS 1.2} for bucket endpoint {bucket}' },
    { label: 'Error', text: 'API: {api}(bucket={bucket}, object={key}) Time: {clock} RemoteHost: {ip} UserAgent: {s3ua} Error: The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256. (cmd.APIError)', weight: 2 },
    { label: 'Error', text: 'ERROR: client_io->complete_request() returned Broken pipe' },
    { label: 'Error', text: 'req {int} 0.{int}s s3:put_obj ERROR: signature v2 header not supported: -22' },
    { label: 'Error', text: 'API: {api}(bucket={bucket}) RequestID: {reqId} RemoteHost: {ip} Error: Unsupported checksum algorithm in x-amz-sdk-checksum-algorithm header' },
    { label: 'HTTP Status', text: 'beast: 0x{hex}: {ip} - {user} [{clf}] "{GET|PUT|HEAD} /{bucket}/{key} HTTP/1.1" {httpCode} {bytes} - "{s3ua}" - latency=0.{int}s', weight: 2 },
    { label: 'HTTP Status', text: '{ip} - - [{clf}] "GET /{bucket}?list-type=2 HTTP/1.1" 200 {bytes} "-" "{s3ua}"' },
    { label: 'Security Alert', text: 'API: {api}(bucket={bucket}, object={key}) RemoteHost: {ip} Error: The request signature we calculated does not match the signature you provided. Check your key and signing method.', weight: 2 },
    { label: 'Security Alert', text: 'AccessDenied: access key {reqId} from {ip} has no permission on bucket {bucket}' },
    { label: 'Resource Usage', text: 'bucket {bucket}: {int} objects, {size} used of {size} quota' },
    { label: 'Deprecation Warning', text: 'Gateway mode is deprecated and will be removed in a future release; please migrate to MinIO server mode' },
    { label: 'Deprecation Warning', text: "rgw: frontend 'civetweb' is deprecated and will be removed, use 'beast'" },
    { label: 'System Notification', text: 'MinIO Object Storage Server' },
    { label: 'System Notification', text: 'frontend initialized: beast port={7480|8080|443}' },
    { label: 'System Notification', text: 'bucket {bucket} lifecycle rule applied, {int} objects expired' },
    { label: 'Error', text: 's3 request from {ip} rejected: missing x-amz-content-sha256 header' },
    { label: 'Error', text: 'http: TLS handshake error from {ip}:{port}: tls: client offered only unsupported versions: [301]' },
    { label: 'Resource Usage', text: 'Storage usage: {size} used of {size}, {int} buckets, {int} objects' },
    { label: 'User Action', text: 'mc: user {user} created bucket {bucket}' },
  ],
};
