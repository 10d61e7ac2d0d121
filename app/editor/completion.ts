import { argAt, keywordsIn, type ArgKind, type KeywordContext } from '../../core';
import {
  ANSWERS,
  CONFIG_SECTIONS,
  COUNT_PROPS,
  COUNTS,
  DIRECTIVE_ARGS,
  DIRECTIVES,
  DURATION_PROPS,
  DURATIONS,
  ENGINES,
  GLOBAL_DIRECTIVES,
  METHODS,
  OPEN_OPTIONS,
  PROP_VALUES,
  PROTOCOLS,
  REQUEST_OPTIONS,
  SCRIPT_ARGS,
  SCRIPT_STATEMENTS,
  SECTIONS,
  SERVER_CLOSE,
  SERVER_OPTIONS,
  SERVER_PROPS,
  STATUSES,
  SUB_CONTEXTS,
  VALUES,
} from './vocabulary';

/**
 * What to suggest at a cursor: pure, from the text alone (tolerant of errors, so it
 * works while the user is in the middle of typing). The Monaco provider turns these
 * into completion items.
 */
export type SuggestionKind = 'section' | 'keyword' | 'value' | 'server' | 'client' | 'duration' | 'method' | 'number';

export interface Suggestion {
  readonly label: string;
  readonly kind: SuggestionKind;
}

export type Section = 'top' | 'config' | 'servers' | 'script';

/** The section a line belongs to: the last section header above it. */
export function sectionAt(lines: readonly string[], lineIndex: number): Section {
  for (let i = lineIndex; i >= 0; i--) {
    const w = firstWord(lines[i]);
    if (w === undefined) continue;
    if ((CONFIG_SECTIONS as readonly string[]).includes(w)) return i === lineIndex ? 'top' : 'config';
    if (w === 'servers') return i === lineIndex ? 'top' : 'servers';
    if (w === 'script') return i === lineIndex ? 'top' : 'script';
  }
  return 'top';
}

function firstWord(line: string): string | undefined {
  const m = /^\s*([^\s#]+)/.exec(line);
  return m ? m[1] : undefined;
}

/** Server names declared by `server NAME ...` lines, in order. */
export function serverNames(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*server\s+([A-Za-z0-9_.-]+)/gm)) if (!out.includes(m[1])) out.push(m[1]);
  return out;
}

/** Client names opened by `open NAME` (a range `web[1..3]` gives `web[*]` and its members). */
export function clientNames(text: string): string[] {
  const out: string[] = [];
  const add = (s: string) => {
    if (!out.includes(s)) out.push(s);
  };
  for (const m of text.matchAll(/^\s*open\s+([A-Za-z_][\w-]*)(?:\[(\d+)\.\.(\d+)\])?/gm)) {
    if (m[2] !== undefined) {
      add(`${m[1]}[*]`);
      const from = Number(m[2]);
      const to = Math.min(Number(m[3]), from + 9);
      for (let i = from; i <= to; i++) add(`${m[1]}${i}`);
    } else add(m[1]);
  }
  return out;
}

const words = (list: readonly string[], kind: SuggestionKind): Suggestion[] => list.map((label) => ({ label, kind }));

/** The modelled words first, then every other name core's keyword table knows there (HAProxy 1.9 and 2.6). */
function withKnown(first: readonly string[], ctx: KeywordContext): Suggestion[] {
  const rest = keywordsIn(ctx).map((k) => k.name).filter((n) => !first.includes(n));
  return [...words(first, 'keyword'), ...words(rest, 'keyword')];
}

/** The header word of the configuration section a line is in (`global`, `backend` …). */
function headerAt(lines: readonly string[], lineIndex: number): string | undefined {
  for (let i = lineIndex - 1; i >= 0; i--) {
    const w = /^\s*([^\s#]+)/.exec(lines[i] ?? '')?.[1];
    if (w && (CONFIG_SECTIONS as readonly string[]).includes(w)) return w;
  }
  return undefined;
}

/** The heads of the sections a `from NAME` may follow. */
const PROXY_HEADS = new Set(['defaults', 'frontend', 'backend', 'listen']);

/** Names of the defaults sections above line `before` (0-based): the ones a `from` there may name. */
export function defaultsNamesAbove(lines: readonly string[], before: number): string[] {
  const names: string[] = [];
  for (let i = 0; i < before && i < lines.length; i++) {
    const m = /^\s*defaults\s+(\S+)/.exec(lines[i]!);
    if (m && m[1] !== 'from' && !m[1]!.startsWith('#') && !names.includes(m[1]!)) names.push(m[1]!);
  }
  return names;
}

/**
 * Suggestions for the cursor at `column` (1-based) of line `lineNumber` (1-based).
 * Only the words before the cursor on its line, and the section, decide.
 */
export function suggestAt(text: string, lineNumber: number, column: number): Suggestion[] {
  const lines = text.split('\n');
  const line = lines[lineNumber - 1] ?? '';
  const before = line.slice(0, column - 1);
  if (before.includes('#')) return [];
  const tokens = before.trim() === '' ? [] : before.trim().split(/\s+/);
  // The word being typed is not context.
  if (tokens.length > 0 && !/\s$/.test(before)) tokens.pop();
  const section = sectionAt(lines, lineNumber - 1);
  const servers = serverNames(text);
  const clients = clientNames(text);
  const prev = tokens[tokens.length - 1];
  const sectionsList = words(SECTIONS, 'section');

  if (tokens.length === 0) {
    switch (section) {
      case 'top':
        return [...words(['engine'], 'keyword'), ...sectionsList];
      case 'config':
        if (headerAt(lines, lineNumber - 1) === 'global') return [...withKnown(GLOBAL_DIRECTIVES, 'global'), ...sectionsList];
        return [...withKnown(DIRECTIVES, 'proxy'), ...sectionsList];
      case 'servers':
        return [...words(servers, 'server'), ...sectionsList];
      case 'script':
        return [...words(SCRIPT_STATEMENTS, 'keyword'), ...words(clients, 'client'), ...words(servers, 'server'), ...sectionsList];
    }
  }

  const first = tokens[0];
  if (first === 'engine' && tokens.length === 1) return words(ENGINES, 'value');

  if (PROXY_HEADS.has(first)) {
    // A section line: `from` and a defaults section named above (HAProxy 2.4+ named defaults).
    if (prev === 'from') return words(defaultsNamesAbove(lines, lineNumber - 1), 'value');
    if (tokens.length === 2 || (first === 'defaults' && tokens.length === 1)) return words(['from'], 'keyword');
    return [];
  }

  if (section === 'config' || section === 'top') {
    // `usesrc` takes its value wherever `source` is written (a directive or a server option).
    if (prev === 'usesrc') return words(VALUES.usesrc!, 'value');
    const args = DIRECTIVE_ARGS[first];
    const kind = args ? argAt(args, tokens.length - 1) : null;
    if (kind === 'value') {
      // After option / timeout: the modelled words, then every other name HAProxy knows there.
      const own = VALUES[first] ?? [];
      const sub = SUB_CONTEXTS[first];
      if (!sub) return words(own, 'value');
      return [...words(own, 'value'), ...withKnown([], sub).filter((x) => !own.includes(x.label)).map((x) => ({ ...x, kind: 'value' as const }))];
    }
    if (kind === 'source-options') return words(['usesrc'], 'keyword');
    return kind ? argWords(kind, servers, clients) : [];
  }

  if (section === 'servers') {
    if (tokens.length === 1) return words(SERVER_PROPS, 'keyword');
    if (tokens.length === 2) {
      if ((DURATION_PROPS as readonly string[]).includes(prev)) return words(DURATIONS, 'duration');
      if (PROP_VALUES[prev]) return words(PROP_VALUES[prev], 'value');
      if ((COUNT_PROPS as readonly string[]).includes(prev)) return words(COUNTS, 'number');
    }
    return [];
  }

  // script: a statement keyword, by what its table entry says follows it
  const args = SCRIPT_STATEMENTS.includes(first) ? SCRIPT_ARGS[first] : undefined;
  if (args) {
    const kind = argAt(args, tokens.length - 1);
    // After an open option that takes a value (`from ADDR`, `sni NAME`) comes that value.
    if (kind === 'open-options' && (SCRIPT_ARGS[prev]?.length ?? 0) > 0) return [];
    return kind ? argWords(kind, servers, clients) : [];
  }
  if (servers.includes(first) && !clients.includes(first)) {
    if (tokens.length === 1) return words(['close'], 'keyword');
    if (tokens.length === 2 && prev === 'close') return words(SERVER_CLOSE, 'value');
    return [];
  }
  // A request: CLIENT METHOD PATH [options]
  if (tokens.length === 1) return words(METHODS, 'method');
  if (tokens.length === 2) return words(['/'], 'value');
  if (prev === 'to') return words(servers, 'server');
  if (prev === 'takes') return words(DURATIONS, 'duration');
  if (prev === '->') return words(STATUSES, 'number');
  if (tokens[tokens.length - 2] === '->' && /^\d{3}$/.test(prev)) return [...words(ANSWERS, 'value'), ...words(REQUEST_OPTIONS, 'keyword')];
  return words(REQUEST_OPTIONS, 'keyword');
}

/** The words to offer for an argument of this kind. */
function argWords(kind: ArgKind, servers: readonly string[], clients: readonly string[]): Suggestion[] {
  switch (kind) {
    case 'duration':
      return words(DURATIONS, 'duration');
    case 'count':
      return words(COUNTS, 'number');
    case 'client':
      return words(clients, 'client');
    case 'protocol':
      return words(PROTOCOLS, 'value');
    case 'server-options':
      return withKnown(SERVER_OPTIONS, 'server-option');
    case 'open-options':
      return words(OPEN_OPTIONS, 'keyword');
    case 'backend':
    case 'value':
    case 'name':
    case 'address':
    case 'source-options':
    case 'condition':
      return [];
  }
}

/** Where a word sits, in the terms of core's keyword table (`KeywordContext`). */
export type WordContext = 'section' | 'global' | 'proxy' | 'option' | 'timeout' | 'server-option' | 'servers' | 'script' | 'engine';

/**
 * The keyword-table context of the word starting at `column` (1-based) on `lineNumber`,
 * for hover docs: `safe` after `http-reuse` is documented by `http-reuse`, so this
 * also returns the keyword that documents a value.
 */
export function wordContextAt(
  text: string,
  lineNumber: number,
  column: number,
): { context: WordContext; documentedBy?: string } | null {
  const lines = text.split('\n');
  const line = lines[lineNumber - 1] ?? '';
  const before = line.slice(0, column - 1);
  if (before.includes('#')) return null;
  const tokens = before.trim() === '' ? [] : before.trim().split(/\s+/);
  const section = sectionAt(lines, lineNumber - 1);
  const prev = tokens[tokens.length - 1];
  if (tokens.length === 0) {
    if (section === 'top') return { context: 'section' };
    if (section === 'servers') return null; // a server name
    if (section === 'script') return { context: 'script' };
    return { context: headerOf(lines, lineNumber - 1) === 'global' ? 'global' : 'proxy' };
  }
  if (tokens[0] === 'engine') return { context: 'engine' };
  if (section === 'config' || section === 'top') {
    if (tokens.length === 1 && tokens[0] === 'option') return { context: 'option' };
    if (tokens.length === 1 && tokens[0] === 'timeout') return { context: 'timeout' };
    if (tokens[0] === 'server' && tokens.length >= 3) return { context: 'server-option' };
    return { context: 'proxy', documentedBy: tokens[0] };
  }
  if (section === 'servers') return tokens.length === 1 ? { context: 'servers' } : { context: 'servers', documentedBy: prev };
  return { context: 'script' };
}

function headerOf(lines: readonly string[], lineIndex: number): string | undefined {
  for (let i = lineIndex - 1; i >= 0; i--) {
    const w = firstWord(lines[i]);
    if (w && (SECTIONS as readonly string[]).includes(w)) return w;
  }
  return undefined;
}
