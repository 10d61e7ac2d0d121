/**
 * The grammar's words grouped by where they may appear, for the editor's completion and
 * highlighting (app/editor/). Everything here is read off the tables (directives.ts,
 * server-options.ts, server-props.ts, script-words.ts, keywords.ts): nothing is listed by hand.
 */
import { ENGINE_NAMES } from '../ast';
import { CONFIG_SECTIONS, PLAYGROUND_SECTIONS } from '../keywords';
import { DIRECTIVE_LIST, keywordOf } from './directives';
import { SERVER_OPTION_TABLE } from './server-options';
import { SERVER_PROPERTY_NAMES, SERVER_PROPS } from './server-props';
import type { ArgKind } from './args';
import { SCRIPT_WORDS, scriptWords } from './script-words';
import { USESRC_VALUES } from './values';

export interface Vocabulary {
  readonly sections: readonly string[];
  readonly configSections: readonly string[];
  readonly engines: readonly string[];
  /** Modelled directives of the global section, then of proxy sections, in table order. */
  readonly globalDirectives: readonly string[];
  readonly proxyDirectives: readonly string[];
  /** Values offered after a directive (`http-reuse` → never, safe …), and after `usesrc`. */
  readonly values: Readonly<Record<string, readonly string[]>>;
  readonly serverOptions: readonly string[];
  readonly serverProps: readonly string[];
  /** Properties whose value is a duration / a count. */
  readonly durationProps: readonly string[];
  readonly countProps: readonly string[];
  /** Values offered after a property (`auth` → ntlm, negotiate). */
  readonly propValues: Readonly<Record<string, readonly string[]>>;
  readonly statements: readonly string[];
  readonly requestOptions: readonly string[];
  readonly answers: readonly string[];
  readonly openOptions: readonly string[];
  readonly protocols: readonly string[];
  readonly serverClose: readonly string[];
  readonly arriveOptions: readonly string[];
  /** The keyword-table context of the word after a directive that has modelled words there (option, timeout). */
  readonly subContexts: Readonly<Record<string, 'option' | 'timeout'>>;
  /** What follows each modelled directive, word by word (grammar/args.ts). */
  readonly directiveArgs: Readonly<Record<string, readonly ArgKind[]>>;
  /** What follows each script word that has arguments (statements, open options). */
  readonly scriptArgs: Readonly<Record<string, readonly ArgKind[]>>;
}

const values: Record<string, readonly string[]> = { usesrc: USESRC_VALUES };
for (const d of DIRECTIVE_LIST) if (d.values) values[keywordOf(d)] = d.values;
const propValues: Record<string, readonly string[]> = {};
for (const p of SERVER_PROPERTY_NAMES) {
  const v = SERVER_PROPS[p].values;
  if (v) propValues[p] = v;
}

const directiveArgs: Record<string, readonly ArgKind[]> = {};
for (const d of DIRECTIVE_LIST) directiveArgs[keywordOf(d)] = d.args;
const subContexts: Record<string, 'option' | 'timeout'> = {};
for (const d of DIRECTIVE_LIST) if (d.sub) subContexts[keywordOf(d)] = d.sub.context;
const scriptArgs: Record<string, readonly ArgKind[]> = {};
for (const w of SCRIPT_WORDS) if (w.args) scriptArgs[w.name] = w.args;

export const VOCABULARY: Vocabulary = {
  sections: [...CONFIG_SECTIONS, ...PLAYGROUND_SECTIONS],
  configSections: CONFIG_SECTIONS,
  engines: ENGINE_NAMES,
  globalDirectives: DIRECTIVE_LIST.filter((d) => d.context === 'global').map(keywordOf),
  proxyDirectives: DIRECTIVE_LIST.filter((d) => d.context === 'proxy').map(keywordOf),
  values,
  serverOptions: SERVER_OPTION_TABLE.map((o) => o.name),
  serverProps: SERVER_PROPERTY_NAMES,
  durationProps: SERVER_PROPERTY_NAMES.filter((p) => SERVER_PROPS[p].value === 'duration'),
  countProps: SERVER_PROPERTY_NAMES.filter((p) => SERVER_PROPS[p].value === 'count'),
  propValues,
  statements: scriptWords('statement'),
  requestOptions: scriptWords('request-option'),
  answers: scriptWords('answer'),
  openOptions: scriptWords('open-option'),
  protocols: scriptWords('protocol'),
  serverClose: scriptWords('server-close'),
  arriveOptions: scriptWords('arrive-option'),
  subContexts,
  directiveArgs,
  scriptArgs,
};
