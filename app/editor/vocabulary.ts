/**
 * The scenario language's words, grouped the way the editor needs them (highlighting,
 * completion). The meaning of each word is documented by core's KEYWORD_DOCS; this
 * list only says where a word may appear (shared/spec/scenario-language.md).
 */
export const SECTIONS = ['global', 'defaults', 'backend', 'listen', 'frontend', 'servers', 'script'] as const;
export const CONFIG_SECTIONS = ['global', 'defaults', 'backend', 'listen', 'frontend'] as const;

export const ENGINES = ['seed', 'parent'] as const;

export const DIRECTIVES = [
  'mode',
  'http-reuse',
  'balance',
  'option',
  'timeout',
  'server',
  'source',
  'default_backend',
  'use_backend',
] as const;

export const VALUES: Record<string, readonly string[]> = {
  mode: ['http'],
  'http-reuse': ['never', 'safe', 'aggressive', 'always'],
  balance: ['roundrobin', 'first', 'leastconn', 'source'],
  option: ['http-keep-alive', 'http-server-close', 'httpclose', 'forceclose', 'prefer-last-server'],
  timeout: ['connect', 'server', 'client', 'http-keep-alive', 'http-request'],
  usesrc: ['client', 'clientip', 'hdr_ip(X-Forwarded-For)'],
};

export const SERVER_OPTIONS = ['send-proxy', 'send-proxy-v2', 'sni', 'source', 'disabled'] as const;

export const SERVER_PROPS = ['response-time', 'connect-time', 'close-after', 'idle-timeout', 'auth', 'refuse'] as const;
export const DURATION_PROPS = ['response-time', 'connect-time', 'idle-timeout'] as const;
export const AUTH = ['ntlm', 'negotiate'] as const;

export const SCRIPT_STATEMENTS = ['open', 'wait', 'await', 'close', 'repeat'] as const;
export const PROTOCOLS = ['h1', 'h2'] as const;
export const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH'] as const;
export const REQUEST_OPTIONS = ['->', 'to', 'close', 'takes', 'host', 'header', '&'] as const;
/** After `open CLIENT h1|h2`: the client's source address and TLS. */
export const OPEN_OPTIONS = ['from', 'tls', 'sni'] as const;
export const STATUSES = ['200', '204', '301', '304', '401', '403', '404', '407', '500', '503'] as const;
export const SERVER_CLOSE = ['idle', 'all'] as const;

export const DURATIONS = ['1ms', '2ms', '5ms', '10ms', '20ms', '50ms', '100ms', '250ms', '500ms', '1s', '2s', '10s', '30s'] as const;

/** Every word the highlighter shows as a keyword. */
export const KEYWORDS: readonly string[] = [
  'engine',
  ...DIRECTIVES,
  ...SERVER_OPTIONS,
  'usesrc',
  ...SERVER_PROPS,
  ...SCRIPT_STATEMENTS,
  'to',
  'takes',
  'host',
  'header',
  ...OPEN_OPTIONS,
  'if',
  'unless',
  'path_beg',
];

export const VALUE_WORDS: readonly string[] = [
  ...ENGINES,
  ...Object.values(VALUES).flat(),
  ...AUTH,
  ...PROTOCOLS,
  ...SERVER_CLOSE,
  'tcp',
];
