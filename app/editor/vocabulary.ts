import { VOCABULARY as V } from '../../core';

/**
 * The scenario language's words, grouped the way the editor needs them (highlighting,
 * completion). Every keyword comes from core's grammar tables (core/scenario/grammar/,
 * through VOCABULARY); only the example values the editor offers (methods, statuses,
 * durations) are chosen here, as they are not keywords.
 */
export const SECTIONS = V.sections;
export const CONFIG_SECTIONS = V.configSections;
export const ENGINES = V.engines;
export const GLOBAL_DIRECTIVES = V.globalDirectives;
export const DIRECTIVES = V.proxyDirectives;
/** Values offered after a directive (and after `usesrc`). */
export const VALUES = V.values;
export const SERVER_OPTIONS = V.serverOptions;
export const SERVER_PROPS = V.serverProps;
export const DURATION_PROPS = V.durationProps;
export const COUNT_PROPS = V.countProps;
/** Values offered after a server property (`auth` → ntlm, negotiate). */
export const PROP_VALUES = V.propValues;
export const SCRIPT_STATEMENTS = V.statements;
export const PROTOCOLS = V.protocols;
export const REQUEST_OPTIONS = V.requestOptions;
/** After `-> STATUS`: ntlm, negotiate. */
export const ANSWERS = V.answers;
/** After `open CLIENT h1|h2`: the client's source address and TLS. */
export const OPEN_OPTIONS = V.openOptions;
export const SERVER_CLOSE = V.serverClose;
/** What follows a directive or a script word, word by word. */
export const DIRECTIVE_ARGS = V.directiveArgs;
/** option → option, timeout → timeout: where the word after them is looked up. */
export const SUB_CONTEXTS = V.subContexts;
export const SCRIPT_ARGS = V.scriptArgs;

// Examples to offer, not keywords.
export const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH'] as const;
export const STATUSES = ['200', '204', '301', '304', '401', '403', '404', '407', '500', '503'] as const;
export const DURATIONS = ['1ms', '2ms', '5ms', '10ms', '20ms', '50ms', '100ms', '250ms', '500ms', '1s', '2s', '10s', '30s'] as const;
export const COUNTS = ['1', '2', '3', '5', '10'] as const;

/** Every word the highlighter shows as a keyword. */
export const KEYWORDS: readonly string[] = [
  ...new Set([
    'engine',
    ...GLOBAL_DIRECTIVES,
    ...DIRECTIVES,
    ...SERVER_OPTIONS,
    'usesrc',
    ...SERVER_PROPS,
    ...SCRIPT_STATEMENTS,
    ...REQUEST_OPTIONS.filter((w) => /^\w/.test(w)),
    ...OPEN_OPTIONS,
    'arrive',
    ...V.arriveOptions,
    // Words of conditions (routing rules), highlighted though documented with the rule.
    'if',
    'unless',
    'path_beg',
  ]),
];

export const VALUE_WORDS: readonly string[] = [
  ...new Set([...ENGINES, ...Object.values(VALUES).flat(), ...Object.values(PROP_VALUES).flat(), ...ANSWERS, ...PROTOCOLS, ...SERVER_CLOSE]),
];
