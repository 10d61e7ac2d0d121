import { parseScenario, sweepPlan, type Statement, type SweepPlan } from '../../../core';
import { pointText, type SweepDecl } from './pin';

/**
 * What the page asks of the current text about sweeps and arrivals — kept for the last text,
 * since the panels ask on every keystroke — and the text the diagram runs when a point of
 * the sweep is open.
 */

let cached: { text: string; plan: SweepPlan } | null = null;

/** The text's sweep plan: every point, each swept value checked (the sweep runner, after the typing pause). */
export function planOf(text: string): SweepPlan {
  if (cached?.text !== text) cached = { text, plan: sweepPlan(text) };
  return cached.plan;
}

/** The scenario has a `sweep` line. */
export function hasSweep(text: string): boolean {
  // One parse (asked on every keystroke); the plan checks each swept value, so it waits for the pause.
  return text.includes('sweep') && declsOf(text).some((d) => d.swept);
}

let parsed: { text: string; ast: ReturnType<typeof parseScenario>['ast'] } | null = null;

/** The last text's syntax tree (the panels ask on every keystroke: one parse per text). */
function astOf(text: string): ReturnType<typeof parseScenario>['ast'] {
  if (parsed?.text !== text) parsed = { text, ast: parseScenario(text).ast };
  return parsed.ast;
}

/** The script has an `arrive` statement (open-loop load): the page shows its over-time plots. */
export function hasArrive(text: string): boolean {
  return text.includes('arrive') && astOf(text).script.some(isArrive);
}

function isArrive(s: Statement): boolean {
  return s.kind === 'arrive' || (s.kind === 'repeat' && s.body.some(isArrive));
}

/** The `param` and `sweep` lines where they are in the text (to pin a point: ./pin.ts). */
function declsOf(text: string): SweepDecl[] {
  return (astOf(text).params ?? []).map((d) => ({ name: d.name.text, values: d.values, swept: d.swept, span: d.span }));
}

/** The text the diagram runs: the editor's, with the sweeps pinned to `open`, the opened point (app/store/actions.ts). */
export function runText(text: string, open: Readonly<Record<string, string>> | null): string {
  if (!open || !text.includes('sweep')) return text;
  return pointText(text, declsOf(text), open) ?? text;
}
