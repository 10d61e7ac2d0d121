/**
 * Every word the scenario language knows, with a short doc for editor hover and completion:
 * the keywords the simulation models (the grammar table's directives, and the lines the routing
 * reads: routing/lines.ts), and real HAProxy keywords it does not model (those parse, and give a
 * warning "ignored by the simulation" rather than an error). Pure data + lookups.
 */
import { ENGINE_NAMES } from './ast';
import { DIRECTIVE_LIST, BALANCE_IGNORED, BALANCE_MODELLED, keywordOf } from './grammar/directives';
import { serverOptionKeywords } from './grammar/server-options';
import { SERVER_PROPS, SERVER_PROPERTY_NAMES } from './grammar/server-props';
import { SCRIPT_KEYWORDS, SCRIPT_WORDS } from './grammar/script-words';
import { versionKeywords } from './version-keywords';
import { routedKeyword } from './routing/lines';
import type { KeywordContext, KeywordInfo } from './keyword-info';

export type { KeywordContext, KeywordInfo } from './keyword-info';
export { BALANCE_IGNORED, BALANCE_MODELLED };

const IGNORED = 'Real HAProxy keyword; not modelled, ignored by the simulation (warning).';

/**
 * The rows of keywords the routing reads (routing/lines.ts) replaced by that table's entry: modelled,
 * with the doc that says which forms are (rows keep their place, which completion lists follow).
 */
function routed(rows: KeywordInfo[]): KeywordInfo[] {
  return rows.map((k) => {
    const r = k.context === 'proxy' || k.context === 'timeout' ? routedKeyword(k.context, k.name) : undefined;
    return r ? { name: r.name, context: r.context, modelled: true, doc: r.doc, syntax: r.syntax } : k;
  });
}

function mk(context: KeywordContext, modelled: boolean, rows: readonly (readonly [string, string, string?, (readonly string[])?])[]): KeywordInfo[] {
  return rows.map(([name, doc, syntax, values]) => ({
    name,
    context,
    modelled,
    doc: modelled ? doc : `${doc} ${IGNORED}`,
    ...(syntax ? { syntax } : {}),
    ...(values ? { values } : {}),
  }));
}

// ---- sections --------------------------------------------------------------------------------

export const CONFIG_SECTIONS = ['global', 'defaults', 'backend', 'listen', 'frontend'] as const;
export const PLAYGROUND_SECTIONS = ['servers', 'script'] as const;

const SECTIONS = mk('section', true, [
  ['engine', 'Which algorithm runs the scenario: seed (7c6f8b146, default), parent (131fd89d5) or modern (HAProxy 2.6, checked against the 2.6.12 binary; `modern 2.8`, `modern 3.0` and `modern 3.2` follow those releases; one thread; the only engine with server maxconn queues). Must be the first statement.', 'engine seed|parent|modern [2.8|3.0|3.2]', ENGINE_NAMES],
  ['global', 'Process-wide settings (haproxy.cfg). Modelled: tune.h2.max-concurrent-streams.', 'global'],
  ['defaults', 'Default settings for the backend, listen and frontend sections that follow (haproxy.cfg).', 'defaults [NAME]'],
  ['backend', 'A set of servers and how requests are spread over them and reuse connections (haproxy.cfg).', 'backend NAME [from DEFAULTS]'],
  ['listen', 'A frontend and a backend in one section (haproxy.cfg).', 'listen NAME [from DEFAULTS]'],
  ['frontend', 'Where clients connect; chooses the backend (default_backend, use_backend) (haproxy.cfg).', 'frontend NAME [from DEFAULTS]'],
  ['servers', 'Playground section: how the emulated servers behave, one `SERVER PROPERTY VALUE` per line.', 'servers'],
  ['script', 'Playground section: what the clients do, in order.', 'script'],
  ['file', 'Playground section: the lines of a pattern file (`acl … -f PATH`) or map file (`map(PATH)`, `map_beg(PATH)` …) the configuration reads, one per line as in the file; the simulation reads no disk.', 'file PATH'],
  ['userlist', 'Users and groups for HTTP basic authentication, read by the http_auth(NAME) and http_auth_group(NAME) fetches. Modelled: `user NAME insecure-password PASS [groups G,…]` and `group NAME [users U,…]`; a hashed `password` cannot be checked by the simulation (warning): that user never authenticates.', 'userlist NAME'],
  ['param', 'A named value, written before the first section: `$NAME` then stands for it in any word of the configuration, the servers and the script.', 'param NAME VALUE'],
  ['sweep', 'A parameter with several values, before the first section: one run per value (two sweeps make a grid), shown as a chart or `npm run sim -- FILE --csv`.', 'sweep NAME V1 V2 … | sweep NAME FROM..TO step S'],
  ['seed', 'The seed of every random draw (arrivals, response-time ranges): the same scenario and seed give the same run.', 'seed N'],
  ['plot', 'Before the first section: the metric a sweep\'s chart shows when it opens (default opened). One of requests, opened, reused, reuse_ratio, peak_conns, idle_end, p50_ms, p95_ms, errors, queued, backlogged.', 'plot METRIC'],
]);

/** Real haproxy.cfg sections the simulation skips entirely (with one warning on the header). */
const IGNORED_SECTIONS = mk('section', false, [
  ['peers', 'Stick-table synchronisation between HAProxy instances.'],
  ['resolvers', 'DNS resolvers for server addresses.'],
  ['mailers', 'Email alerts.'],
  ['program', 'An external program started by the master process.'],
  ['http-errors', 'Custom error pages.'],
  ['ring', 'A ring buffer for logs and traces.'],
  ['cache', 'The small object cache.'],
  ['fcgi-app', 'A FastCGI application.'],
  ['log-forward', 'Syslog forwarding.'],
  ['crt-store', 'Certificate store.'],
  ['traces', 'Trace configuration.'],
  ['acme', 'ACME certificate issuance.'],
]);

// ---- global ----------------------------------------------------------------------------------


const GLOBAL_IGNORED = mk('global', false, [
  ['daemon', 'Run in the background.'],
  ['master-worker', 'Master-worker mode.'],
  ['maxconnrate', 'Maximum connections per second.'],
  ['maxsessrate', 'Maximum sessions per second.'],
  ['maxsslconn', 'Maximum concurrent SSL connections.'],
  ['maxsslrate', 'Maximum SSL sessions per second.'],
  ['maxpipes', 'Maximum pipes for splicing.'],
  ['maxcomprate', 'Maximum compression input rate.'],
  ['maxcompcpuusage', 'Maximum CPU used by compression.'],
  ['maxzlibmem', 'Maximum memory for zlib.'],
  ['log', 'Where to send logs.'],
  ['log-tag', 'Syslog tag.'],
  ['log-send-hostname', 'Hostname field in syslog headers.'],
  ['nbthread', 'Number of threads.'],
  ['nbproc', 'Number of processes (old versions).'],
  ['thread-groups', 'Number of thread groups.'],
  ['cpu-map', 'CPU affinity of threads.'],
  ['cpu-policy', 'Automatic CPU binding policy.'],
  ['user', 'User to run as.'],
  ['group', 'Group to run as.'],
  ['uid', 'User id to run as.'],
  ['gid', 'Group id to run as.'],
  ['chroot', 'Chroot directory.'],
  ['pidfile', 'Where to write the pid.'],
  ['stats', 'Statistics socket and settings.'],
  ['ca-base', 'Default directory for CA files.'],
  ['crt-base', 'Default directory for certificates.'],
  ['key-base', 'Default directory for keys.'],
  ['spread-checks', 'Randomness added to health-check intervals.'],
  ['hard-stop-after', 'Maximum time for a soft stop.'],
  ['grace', 'Grace period on stop.'],
  ['ulimit-n', 'File descriptor limit.'],
  ['node', 'Node name.'],
  ['description', 'Text description.'],
  ['localpeer', 'Name of the local peer.'],
  ['server-state-file', 'File with saved server states.'],
  ['server-state-base', 'Directory of server state files.'],
  ['setenv', 'Set an environment variable.'],
  ['presetenv', 'Set an environment variable if unset.'],
  ['resetenv', 'Keep only listed environment variables.'],
  ['unsetenv', 'Remove environment variables.'],
  ['external-check', 'Allow external health checks.'],
  ['insecure-fork-wanted', 'Allow forking.'],
  ['insecure-setuid-wanted', 'Allow setuid binaries.'],
  ['expose-experimental-directives', 'Allow experimental directives.'],
  ['h1-case-adjust', 'Header name case for HTTP/1.'],
  ['h1-case-adjust-file', 'File of header name cases for HTTP/1.'],
  ['h2-workaround-bogus-websocket-clients', 'Workaround for broken WebSocket clients.'],
  ['lua-load', 'Load a Lua script.'],
  ['lua-load-per-thread', 'Load a Lua script per thread.'],
  ['lua-prepend-path', 'Lua module search path.'],
  ['busy-polling', 'Busy polling.'],
  ['noepoll', 'Disable epoll.'],
  ['nokqueue', 'Disable kqueue.'],
  ['nopoll', 'Disable poll.'],
  ['nosplice', 'Disable splicing.'],
  ['nogetaddrinfo', 'Disable getaddrinfo.'],
  ['noreuseport', 'Disable SO_REUSEPORT.'],
  ['profiling.tasks', 'Task profiling.'],
  ['profiling.memory', 'Memory profiling.'],
  ['quiet', 'Quiet mode.'],
  ['zero-warning', 'Treat warnings as errors.'],
  ['strict-limits', 'Fail when limits cannot be set.'],
  ['set-dumpable', 'Allow core dumps.'],
  ['numa-cpu-mapping', 'NUMA-aware CPU mapping.'],
  ['pp2-never-send-local', 'PROXY v2 LOCAL command.'],
  ['fd-hard-limit', 'Hard limit on file descriptors.'],
  ['httpclient.resolvers.id', 'Resolvers of the HTTP client.'],
  ['httpclient.ssl.verify', 'Certificate verification of the HTTP client.'],
  ['ssl-default-bind-ciphers', 'Default ciphers for bind lines.'],
  ['ssl-default-bind-ciphersuites', 'Default TLS 1.3 ciphersuites for bind lines.'],
  ['ssl-default-bind-options', 'Default SSL options for bind lines.'],
  ['ssl-default-bind-curves', 'Default curves for bind lines.'],
  ['ssl-default-bind-sigalgs', 'Default signature algorithms for bind lines.'],
  ['ssl-default-server-ciphers', 'Default ciphers for server lines.'],
  ['ssl-default-server-ciphersuites', 'Default TLS 1.3 ciphersuites for server lines.'],
  ['ssl-default-server-options', 'Default SSL options for server lines.'],
  ['ssl-dh-param-file', 'Diffie-Hellman parameters file.'],
  ['ssl-server-verify', 'Server certificate verification.'],
  ['ssl-engine', 'OpenSSL engine.'],
  ['ssl-mode-async', 'Asynchronous SSL mode.'],
  ['ssl-load-extra-files', 'Extra certificate files to load.'],
  ['ssl-skip-self-issued-ca', 'Skip self-issued CA in chains.'],
  ['tune.bufsize', 'Buffer size.'],
  ['tune.maxrewrite', 'Reserved space for header rewriting.'],
  ['tune.maxaccept', 'Connections accepted at once.'],
  ['tune.maxpollevents', 'Events processed per poll.'],
  ['tune.recv_enough', 'Receive threshold.'],
  ['tune.http.maxhdr', 'Maximum headers per request.'],
  ['tune.http.cookielen', 'Captured cookie length.'],
  ['tune.http.logurilen', 'Logged URI length.'],
  ['tune.h2.header-table-size', 'HTTP/2 HPACK table size.'],
  ['tune.h2.initial-window-size', 'HTTP/2 initial window size.'],
  ['tune.h2.max-frame-size', 'HTTP/2 maximum frame size.'],
  ['tune.h2.fe.max-concurrent-streams', 'HTTP/2 streams per frontend connection (2.9+).'],
  ['tune.h2.be.max-concurrent-streams', 'HTTP/2 streams per backend connection (2.9+).'],
  ['tune.h2.fe.initial-window-size', 'HTTP/2 frontend window size.'],
  ['tune.h2.be.initial-window-size', 'HTTP/2 backend window size.'],
  ['tune.idle-pool.shared', 'Share idle connection pools between threads.'],
  ['tune.pool-high-fd-ratio', 'Idle connections high-water mark.'],
  ['tune.pool-low-fd-ratio', 'Idle connections low-water mark.'],
  ['tune.ssl.default-dh-param', 'Default Diffie-Hellman parameter size.'],
  ['tune.ssl.cachesize', 'SSL session cache size.'],
  ['tune.ssl.lifetime', 'SSL session lifetime.'],
  ['tune.ssl.maxrecord', 'Maximum SSL record size.'],
  ['tune.rcvbuf.client', 'Client receive buffer.'],
  ['tune.rcvbuf.server', 'Server receive buffer.'],
  ['tune.sndbuf.client', 'Client send buffer.'],
  ['tune.sndbuf.server', 'Server send buffer.'],
  ['tune.comp.maxlevel', 'Maximum compression level.'],
  ['tune.lua.maxmem', 'Lua memory limit.'],
  ['tune.runqueue-depth', 'Tasks run per loop.'],
  ['tune.listener.multi-queue', 'Listener multi-queue.'],
  ['tune.fail-alloc', 'Allocation failure testing.'],
]);

// ---- proxies (defaults, backend, listen, frontend) ---------------------------------------------


const PROXY_IGNORED = routed(mk('proxy', false, [
  ['bind', ''],
  ['log', 'Where to send logs.'],
  ['log-format', 'Format of log lines.'],
  ['log-format-sd', 'Structured-data part of log lines.'],
  ['error-log-format', 'Format of error log lines.'],
  ['log-tag', 'Syslog tag.'],
  ['log-steps', 'Log steps.'],
  ['stats', ''],
  ['http-request', ''],
  ['http-response', 'HTTP response rules.'],
  ['http-after-response', 'Rules applied after the response.'],
  ['http-error', 'Custom error responses.'],
  ['http-send-name-header', 'Header with the server name.'],
  ['tcp-request', 'TCP request rules.'],
  ['tcp-response', 'TCP response rules.'],
  ['tcp-check', 'TCP health-check rules.'],
  ['errorfile', 'Custom error page file.'],
  ['errorfiles', 'Custom error pages section.'],
  ['errorloc', 'Redirect on error.'],
  ['errorloc302', 'Redirect (302) on error.'],
  ['errorloc303', 'Redirect (303) on error.'],
  ['redirect', ''],
  ['capture', 'Capture headers or cookies in logs.'],
  ['declare', 'Declare a capture slot.'],
  ['compression', 'HTTP compression.'],
  ['filter', 'A stream filter.'],
  ['hash-preserve-affinity', 'Hash affinity policy.'],
  ['server-template', 'A set of servers from a template.'],
  ['id', 'Numeric id of the proxy.'],
  ['description', 'Text description.'],
  ['disabled', 'Disables the proxy.'],
  ['enabled', 'Enables the proxy.'],
  ['force-persist', 'Force persistence.'],
  ['ignore-persist', 'Ignore persistence.'],
  ['persist', 'Persistence on RDP cookie.'],
  ['stick', 'Stickiness rule.'],
  ['stick-table', 'A stick table.'],
  ['stick-on', 'Stickiness on a pattern.'],
  ['stick-match', 'Stickiness matching.'],
  ['stick-store-request', 'Store a request pattern.'],
  ['stick-store-response', 'Store a response pattern.'],
  ['unique-id-format', 'Format of the unique request id.'],
  ['unique-id-header', 'Header carrying the unique id.'],
  ['use-server', ''],
  ['use-fcgi-app', 'Use a FastCGI application.'],
  ['monitor-uri', 'Monitoring URI.'],
  ['monitor-net', 'Monitoring network (old).'],
  ['monitor', 'Monitoring rule.'],
  ['rate-limit', 'Session rate limit.'],
  ['backlog', 'Listen backlog.'],
  ['bind-process', 'Processes the proxy runs on (old).'],
  ['email-alert', 'Email alerts.'],
  ['external-check', 'External health checks.'],
  ['grace', 'Grace period on stop.'],
  ['load-server-state-from-file', 'Load saved server states.'],
  ['server-state-file-name', 'Server state file name.'],
  ['max-keep-alive-queue', 'Queue length before a keep-alive connection is given up.'],
  ['clitcpka-cnt', 'Client TCP keep-alive probes.'],
  ['clitcpka-idle', 'Client TCP keep-alive idle time.'],
  ['clitcpka-intvl', 'Client TCP keep-alive interval.'],
  ['srvtcpka-cnt', 'Server TCP keep-alive probes.'],
  ['srvtcpka-idle', 'Server TCP keep-alive idle time.'],
  ['srvtcpka-intvl', 'Server TCP keep-alive interval.'],
  ['guid', 'Global unique id of the proxy.'],
  ['reqadd', 'Add a request header (old).'],
  ['reqdel', 'Delete request headers (old).'],
  ['reqrep', 'Rewrite request headers (old).'],
  ['reqirep', 'Rewrite request headers, case-insensitive (old).'],
  ['reqallow', 'Allow requests (old).'],
  ['reqdeny', 'Deny requests (old).'],
  ['rspadd', 'Add a response header (old).'],
  ['rspdel', 'Delete response headers (old).'],
  ['rsprep', 'Rewrite response headers (old).'],
  ['rspirep', 'Rewrite response headers, case-insensitive (old).'],
  ['block', 'Block requests (old).'],
  ['contimeout', 'Connect timeout (old name of `timeout connect`).'],
  ['clitimeout', 'Client timeout (old name of `timeout client`).'],
  ['srvtimeout', 'Server timeout (old name of `timeout server`).'],
  ['redisp', 'Redispatch (old name of `option redispatch`).'],
  ['redispatch', 'Redispatch (old).'],
]));

// ---- option / timeout ------------------------------------------------------------------------


const OPTION_IGNORED = mk('option', false, [
  ['httplog', 'HTTP log format.'],
  ['tcplog', 'TCP log format.'],
  ['httpslog', 'HTTPS log format.'],
  ['dontlognull', 'Do not log empty connections.'],
  ['dontlog-normal', 'Log only errors.'],
  ['log-separate-errors', 'Log errors at a higher level.'],
  ['log-health-checks', 'Log health-check changes.'],
  ['logasap', 'Log before the end of the transfer.'],
  ['forwardfor', 'Add X-Forwarded-For.'],
  ['forwarded', 'Add the Forwarded header.'],
  ['originalto', 'Add X-Original-To.'],
  ['ssl-hello-chk', 'SSL hello health checks.'],
  ['smtpchk', 'SMTP health checks.'],
  ['mysql-check', 'MySQL health checks.'],
  ['pgsql-check', 'PostgreSQL health checks.'],
  ['redis-check', 'Redis health checks.'],
  ['ldap-check', 'LDAP health checks.'],
  ['spop-check', 'SPOP health checks.'],
  ['tcp-check', 'TCP health-check rules.'],
  ['external-check', 'External health checks.'],
  ['persist', 'Keep persistence on a down server.'],
  ['checkcache', 'Check for cacheable responses with cookies.'],
  ['contstats', 'Continuous statistics.'],
  ['http-pretend-keepalive', 'Pretend keep-alive to the server.'],
  ['http-buffer-request', 'Wait for the request body.'],
  ['http-ignore-probes', 'Ignore empty connections.'],
  ['http-no-delay', 'Low-latency HTTP.'],
  ['http-use-proxy-header', 'Use Proxy-Connection.'],
  ['http-use-htx', 'HTX engine (1.9/2.0).'],
  ['http-restrict-req-hdr-names', 'Restrict request header names.'],
  ['http-drop-request-trailers', 'Drop request trailers.'],
  ['http-drop-response-trailers', 'Drop response trailers.'],
  ['http_proxy', 'Old HTTP proxy mode.'],
  ['accept-invalid-http-request', 'Accept invalid requests.'],
  ['accept-invalid-http-response', 'Accept invalid responses.'],
  ['accept-unsafe-violations-in-http-request', 'Accept unsafe request violations.'],
  ['accept-unsafe-violations-in-http-response', 'Accept unsafe response violations.'],
  ['h1-case-adjust-bogus-client', 'Adjust header case for clients.'],
  ['h1-case-adjust-bogus-server', 'Adjust header case for servers.'],
  ['disable-h2-upgrade', 'Refuse h2c upgrades.'],
  ['idle-close-on-response', 'Close idle client connections on response.'],
  ['independent-streams', 'Independent read/write timeouts.'],
  ['nolinger', 'No lingering on close.'],
  ['socket-stats', 'Per-socket statistics.'],
  ['splice-auto', 'Automatic splicing.'],
  ['splice-request', 'Splicing of requests.'],
  ['splice-response', 'Splicing of responses.'],
  ['srvtcpka', 'Server TCP keep-alive.'],
  ['clitcpka', 'Client TCP keep-alive.'],
  ['tcpka', 'TCP keep-alive on both sides.'],
  ['tcp-smart-accept', 'Delayed accept.'],
  ['tcp-smart-connect', 'Delayed connect.'],
  ['tcp-check-send-proxy', 'PROXY header in checks.'],
]);


const TIMEOUT_IGNORED = routed(mk('timeout', false, [
  ['client-fin', 'Client timeout after a half-close.'],
  ['server-fin', 'Server timeout after a half-close.'],
  ['tarpit', ''],
  ['client-hs', 'Handshake timeout.'],
]));

// ---- server options --------------------------------------------------------------------------


/** [name, number of value words]. */
const SERVER_OPTION_ROWS: readonly (readonly [string, number, string])[] = [
  ['check-ssl', 0, 'TLS for health checks.'],
  ['check-send-proxy', 0, 'PROXY header in health checks.'],
  ['send-proxy-v2-ssl', 0, 'PROXY v2 with SSL information.'],
  ['send-proxy-v2-ssl-cn', 0, 'PROXY v2 with SSL client CN.'],
  ['agent-check', 0, 'Enable agent checks.'],
  ['non-stick', 0, 'Never stick to this server.'],
  ['tfo', 0, 'TCP Fast Open.'],
  ['allow-0rtt', 0, 'TLS 0-RTT.'],
  ['force-sslv3', 0, 'Force SSLv3.'],
  ['force-tlsv10', 0, 'Force TLS 1.0.'],
  ['force-tlsv11', 0, 'Force TLS 1.1.'],
  ['force-tlsv12', 0, 'Force TLS 1.2.'],
  ['force-tlsv13', 0, 'Force TLS 1.3.'],
  ['no-sslv3', 0, 'Disable SSLv3.'],
  ['no-tlsv10', 0, 'Disable TLS 1.0.'],
  ['no-tlsv11', 0, 'Disable TLS 1.1.'],
  ['no-tlsv12', 0, 'Disable TLS 1.2.'],
  ['no-tlsv13', 0, 'Disable TLS 1.3.'],
  ['no-tls-tickets', 0, 'Disable TLS tickets.'],
  ['tls-tickets', 0, 'Enable TLS tickets.'],
  ['no-ssl-reuse', 0, 'Disable TLS session reuse.'],
  ['no-verifyhost', 0, 'Do not verify the host name.'],
  ['ws', 1, 'WebSocket protocol selection.'],
  ['port', 1, 'Health-check port.'],
  ['addr', 1, 'Health-check address.'],
  ['verify', 1, 'Certificate verification: none or required.'],
  ['verifyhost', 1, 'Expected host name in the certificate.'],
  ['ca-file', 1, 'CA file.'],
  ['crt', 1, 'Client certificate.'],
  ['crl-file', 1, 'CRL file.'],
  ['ciphers', 1, 'TLS ciphers.'],
  ['ciphersuites', 1, 'TLS 1.3 ciphersuites.'],
  ['curves', 1, 'TLS curves.'],
  ['sigalgs', 1, 'Signature algorithms.'],
  ['client-sigalgs', 1, 'Client signature algorithms.'],
  ['ssl-min-ver', 1, 'Minimum TLS version.'],
  ['ssl-max-ver', 1, 'Maximum TLS version.'],
  ['alpn', 1, 'ALPN protocols offered to the server.'],
  ['npn', 1, 'NPN protocols offered to the server.'],
  ['slowstart', 1, 'Slow-start period.'],
  ['agent-port', 1, 'Agent check port.'],
  ['agent-inter', 1, 'Agent check interval.'],
  ['agent-addr', 1, 'Agent check address.'],
  ['agent-send', 1, 'Agent check string.'],
  ['resolvers', 1, 'DNS resolvers section.'],
  ['resolve-prefer', 1, 'Preferred address family.'],
  ['resolve-net', 1, 'Preferred networks.'],
  ['resolve-opts', 1, 'Resolution options.'],
  ['init-addr', 1, 'Initial address resolution.'],
  ['namespace', 1, 'Network namespace.'],
  ['check-alpn', 1, 'ALPN for health checks.'],
  ['check-proto', 1, 'Multiplexer for health checks.'],
  ['check-sni', 1, 'SNI for health checks.'],
  ['redir', 1, 'Redirect prefix.'],
  ['tcp-ut', 1, 'TCP user timeout.'],
  ['socks4', 1, 'SOCKS4 proxy.'],
  ['proxy-v2-options', 1, 'PROXY v2 options.'],
  ['shard', 1, 'Peer shard.'],
  ['log-proto', 1, 'Log protocol.'],
  ['guid', 1, 'Global unique id.'],
  ['hash-key', 1, 'Hash key of the server.'],
  ['interface', 1, 'Outgoing interface.'],
];

const SERVER_OPTIONS_IGNORED: KeywordInfo[] = SERVER_OPTION_ROWS.map(([name, args, doc]) => ({
  name,
  context: 'server-option',
  modelled: false,
  doc: `${doc} ${IGNORED}`,
  args,
}));

// ---- playground sections ---------------------------------------------------------------------


// ---- modelled keywords: from the grammar's tables (grammar/directives.ts, server-options.ts, server-props.ts)

const optional = (syntax?: string, values?: readonly string[]) => ({ ...(syntax ? { syntax } : {}), ...(values ? { values } : {}) });

const DIRECTIVES_MODELLED: KeywordInfo[] = DIRECTIVE_LIST.flatMap((d): KeywordInfo[] => [
  { name: keywordOf(d), context: d.context, modelled: true, doc: d.doc, ...optional(d.syntax, d.values) },
  ...(d.sub?.entries ?? []).map((e): KeywordInfo => ({ name: e.name, context: d.sub!.context, modelled: true, doc: e.doc })),
]);

export const SERVER_PROPERTIES = SERVER_PROPERTY_NAMES;
export type ServerProperty = (typeof SERVER_PROPERTIES)[number];

const SERVERS: KeywordInfo[] = SERVER_PROPERTY_NAMES.map((p) => {
  const e = SERVER_PROPS[p];
  return { name: p, context: 'servers', modelled: true, doc: e.doc, ...optional(e.syntax, e.values) };
});

export { SCRIPT_KEYWORDS };

const SCRIPT: KeywordInfo[] = SCRIPT_WORDS.map((w) => ({ name: w.name, context: 'script', modelled: true, doc: w.doc, ...optional(w.syntax, w.values) }));

const ENGINES: KeywordInfo[] = [
  { name: 'seed', context: 'engine', modelled: true, doc: 'HAProxy at 7c6f8b146 (1.9-dev6): the session keeps its server connection. Default.' },
  { name: 'parent', context: 'engine', modelled: true, doc: 'HAProxy at 131fd89d5, the commit before the seed: the connection belongs to the stream.' },
  { name: 'modern', context: 'engine', modelled: true, doc: 'HAProxy 2.6, checked against the real 2.6.12: idle/safe pools, server maxconn queues; http-reuse defaults to safe. Not modelled: threads.' },
];

/**
 * What leaving out an ignored keyword means for reuse, where it matters: said in its hover and
 * in the warning on its line.
 */
const CONSEQUENCES: Readonly<Record<string, string>> = {
  'global:nbthread':
    'The simulation runs one thread, as `nbthread 1`: HAProxy keeps each thread\'s idle server connections apart, a request taking over another thread\'s only ' +
    'when its own thread has none (conn_backend_get, backend.c:1158-1277 of v2.6.0), and runs one thread per CPU when nbthread is not set.',
  'proxy:http-response':
    'The simulation passes each response on as the server sent it. Header and status rules do not change which connection a request gets; a response that ' +
    '`http-response deny` blocks would get HAProxy\'s 502 and close both the client and the server connection (http_process_res_common, http_ana.c:2021-2056 ' +
    'of v2.6.0), which the simulation does not do.',
  'global:tune.idle-pool.shared':
    'No effect with the simulation\'s single thread; with several, `off` stops a thread from taking over the idle server connections of another.',
};

/** What ignoring the keyword means, when it matters (see CONSEQUENCES). */
export function ignoredConsequence(context: KeywordContext, name: string): string | undefined {
  return CONSEQUENCES[`${context}:${name}`];
}

const withConsequence = (k: KeywordInfo): KeywordInfo => {
  const c = k.modelled ? undefined : ignoredConsequence(k.context, k.name);
  return c ? { ...k, doc: `${k.doc} ${c}` } : k;
};

const LISTED: readonly KeywordInfo[] = [
  ...SECTIONS, ...IGNORED_SECTIONS, ...DIRECTIVES_MODELLED, ...GLOBAL_IGNORED, ...PROXY_IGNORED,
  ...OPTION_IGNORED, ...TIMEOUT_IGNORED,
  ...serverOptionKeywords(), ...SERVER_OPTIONS_IGNORED, ...SERVERS, ...SCRIPT, ...ENGINES,
].map(withConsequence);

/**
 * Every keyword the editor knows, for hover and completion: the table above, then every other
 * name the parser of HAProxy 1.9 or 2.6 knows (haproxy-keywords.json), as real but ignored.
 */
export const KEYWORDS: readonly KeywordInfo[] = [...LISTED, ...versionKeywords(LISTED, IGNORED)];

const BY_CONTEXT = new Map<KeywordContext, Map<string, KeywordInfo>>();
for (const k of KEYWORDS) {
  let m = BY_CONTEXT.get(k.context);
  if (!m) BY_CONTEXT.set(k.context, (m = new Map()));
  m.set(k.name, k);
}

/** The keyword `name` in `context`, or undefined. */
export function keywordInfo(context: KeywordContext, name: string): KeywordInfo | undefined {
  return BY_CONTEXT.get(context)?.get(name);
}

/** All keywords of a context, in table order (modelled first): completion lists. */
export function keywordsIn(context: KeywordContext): readonly KeywordInfo[] {
  return [...(BY_CONTEXT.get(context)?.values() ?? [])];
}

/**
 * The grammar table's directives of a context, in table order: the parser's "did you mean" and
 * misplaced-keyword checks (the routed keywords, modelled too, are not among them).
 */
export function directiveNames(context: 'global' | 'proxy'): string[] {
  return DIRECTIVE_LIST.filter((d) => d.context === context).map(keywordOf);
}

export function namesIn(context: KeywordContext, modelledOnly = false): string[] {
  return keywordsIn(context).filter((k) => !modelledOnly || k.modelled).map((k) => k.name);
}

/** Markdown hover text for a keyword. */
export function hoverText(k: KeywordInfo): string {
  const head = k.syntax ? `\`${k.syntax}\`` : `\`${k.name}\``;
  return `${head}\n\n${k.doc}`;
}

/**
 * Families of real keywords too many to list (`tune.*`, `ssl-*` in global): a word of the family
 * that is not close to a modelled keyword is taken as real-but-ignored rather than misspelt.
 */
const GLOBAL_FAMILIES = ['tune.', 'ssl-', 'lua-', 'profiling.', 'httpclient.', '51degrees-', 'deviceatlas-', 'wurfl-', 'quic-', 'ocsp-update.', 'harden.', 'stats-', 'debug.', 'limited-quic', 'h2-', 'h1-'];
const PROXY_FAMILIES = ['http-request', 'http-response', 'tcp-request', 'tcp-response', 'stick-', 'errorloc', 'stats', 'option-'];

export function inIgnoredFamily(context: 'global' | 'proxy', name: string): boolean {
  const fams = context === 'global' ? GLOBAL_FAMILIES : PROXY_FAMILIES;
  return fams.some((f) => name.startsWith(f));
}

/** Server options with a value that the table cannot list by name (`set-proxy-v2-tlv-fmt(ID) FMT`). */
export function serverOptionFamilyArgs(name: string): number | undefined {
  if (name.startsWith('set-proxy-v2-tlv-fmt(')) return 1;
  return undefined;
}
