/**
 * The scenario language front end (spec: shared/spec/scenario-language.md). All pure; none of
 * these functions throws on user input.
 *
 * - parseScenario(text) → { ast, diagnostics }: syntax and line-local checks.
 * - compileScenario(ast, { engine? }) → { config, plan, diagnostics }: whole-scenario checks, SimConfig.
 * - checkScenario(text, { engine? }) → parse + compile, all diagnostics in position order.
 * - printScenario(ast) → canonical text (parse(print(ast)) gives back ast, spans aside).
 * - KEYWORDS, keywordInfo, keywordsIn, hoverText: the editor's hover and completion tables.
 * - VOCABULARY: the grammar's words by place, for the editor (grammar/vocabulary.ts).
 * - grammar/: the tables every keyword is one entry of (directives, server options and
 *   properties, script words); the parser, the compiler and the editor all read them.
 */
export { parseScenario, DURATION_EXPECTED, MAX_RANGE_SIZE, MAX_REPEAT, type ParseResult } from './parser';
export { compileScenario, checkScenario, type CompileOptions, type CompileResult, type CheckResult } from './compile';
export { printScenario, printStatement, printClientRef } from './print';
export {
  KEYWORDS, keywordInfo, keywordsIn, namesIn, hoverText, SERVER_PROPERTIES, SCRIPT_KEYWORDS, CONFIG_SECTIONS,
  PLAYGROUND_SECTIONS, BALANCE_MODELLED, type KeywordInfo, type KeywordContext,
} from './keywords';
export { VOCABULARY, type Vocabulary } from './grammar/vocabulary';
export { argAt, type ArgKind } from './grammar/args';
export { DIRECTIVES, DIRECTIVE_LIST, directiveSpec, keywordOf, printNode, type DirectiveSpec } from './grammar/directives';
export { parseDuration, formatDuration, MAX_DURATION_US } from './lexer';
export { lineIndex, positionAt, type LineIndex } from './positions';
export { suggest, editDistance } from './suggest';
export type * from './ast';
export { ENGINE_NAMES, REUSE_MODES } from './ast';
export type { Diagnostic, Severity } from './diagnostics';
