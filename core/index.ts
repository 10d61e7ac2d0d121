/**
 * The only import point of the core package for app/, e2e/ and scripts/.
 * Everything here is pure and deterministic: no DOM, no timers, no randomness.
 */
export { runScenario, ENGINES, algorithmOf, DEFAULT_MAX_EVENTS, DEFAULT_MAX_CLIENTS, backendServers, type BackendServers, type RunOptions, type RunResult, type SyncRunResult } from './run';
export type { LimitKind } from './engines/runtime';
export { parseScenario, printScenario, compileScenario, checkScenario, keywordInfo, keywordsIn, hoverText, formatDuration, parseDuration, lineIndex, positionAt } from './scenario/index';
export { KEYWORDS, KEYWORDS as KEYWORD_DOCS, VOCABULARY, DIRECTIVE_LIST, keywordOf, argAt, type ArgKind, type KeywordInfo, type KeywordContext } from './scenario/index';
export { EXAMPLES, findExample, type Example } from './examples/index';
export { setReuseInText } from './examples/example';
export { realAgreement, agreementKey, notRecordedReason, agreementText, type Agreement } from './verify/agreement';
export { realColumn, type RealCell, type RealColumn } from './verify/real-column';
export { engineView } from './verify/engine-view';
export type { RealTrace } from './verify/real-trace';
export { withStarterScript, isBareHaproxyCfg } from './scenario/starter';
export { LOAD_EXAMPLES } from './examples/load';
export { CONFIG_EXAMPLES } from './examples/configs';
export { MODERN_LABEL, MODERN_BINARY, MODERN_NOT_MODELLED, MODERN_SUMMARY } from './engines/modern-scope';
export { SWEEP_EXAMPLES } from './examples/sweeps';
export { DECISIONS, GAPS, COMMITS, REPOSITORY_URL, sourceUrl, commitLabel, type DecisionInfo } from './trace/catalog';
export { sourceForEvent, explainForEvent, MODERN_SOURCES, MODERN_30_SOURCES, MODERN_32_SOURCES, MODERN_34_SOURCES, type EventSource, type ReleaseCite } from './trace/catalog-modern';
export { PARENT_SOURCES, type ParentCite } from './trace/catalog-parent';
export type { ScenarioAst, Statement, Span, Word, EngineName, ReuseMode } from './scenario/ast';
export { ENGINE_NAMES, REUSE_MODES } from './scenario/ast';
export type { Diagnostic, Severity } from './scenario/diagnostics';
export type { SimConfig, BackendConfig, ServerConfig } from './model/config';
export { applyEvent, emptyWorld, cloneWorld, connStatus } from './model/world';
export type { World, ConnState, ConnStatus, SessionState, StreamState, RequestState, ServerLists } from './model/world';
export type { TraceEvent, EventKind, ListName, Condition, Closer } from './trace/events';
export { EVENT_FIELDS, EVENT_SCHEMA, FIELD_TYPES } from './trace/events';
export { PackedDecoder, type PackedChunk } from './trace/packed';
export { PackedTrace, eventAt, passAt, timeAt, kindAt, forEachEvent, eventsIn, filterEvents, indexAtTime, firstIndexFrom, type Trace, type Timed } from './trace/trace';
export type { PackedOutput } from './engines/runtime';
export type { DecisionId, Gap } from './trace/decisions';
export { SEED_DECISIONS, PARENT_DECISIONS } from './trace/decisions';
export { TraceCursor } from './replay/cursor';
export { describeEvent, describeSentence, formatEvent, traceToText } from './trace/format';
export { buildReport, eventJson, type SimReport, type Totals } from './run/report';
export {
  sweepPlan, sweepPoints, runPoint, runSeries, metricsFromTrace, sweepCsv, sweepJson, roundMetric, METRIC_NAMES,
  type MetricName, type Metrics, type SweepParam, type SweepPoint, type SweepPlan, type PointOptions, type PointResult,
  type SeriesOptions, type Series, type SeriesResult, type SweepRow,
} from './sweep/index';
export type { ParamDecl, ArriveStatement, ResponseDist } from './scenario/ast';
