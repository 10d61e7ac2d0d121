import { getState } from '../store';
import { parseScenario, sweepPlan, type Statement, type SweepPlan } from '../../core';
import { pointText, type SweepDecl } from './pin';

/**
 * The current text's sweep plan, kept for the last text (the panel, the sweep runner and
 * the main run all ask), and the text the diagram runs when a point of the sweep is open.
 */

let cached: { text: string; plan: SweepPlan } | null = null;

/** The text's sweep plan (kept for the last text: the panel and the runner both ask). */
export function planOf(text: string): SweepPlan {
  if (cached?.text !== text) cached = { text, plan: sweepPlan(text) };
  return cached.plan;
}

/** The scenario has a `sweep` line. */
export function hasSweep(text: string): boolean {
  return text.includes('sweep') && planOf(text).params.length > 0;
}

let arrives: { text: string; yes: boolean } | null = null;

/** The script has an `arrive` statement (open-loop load): the page shows its over-time plots. */
export function hasArrive(text: string): boolean {
  if (!text.includes('arrive')) return false;
  if (arrives?.text !== text) arrives = { text, yes: parseScenario(text).ast.script.some(isArrive) };
  return arrives.yes;
}

function isArrive(s: Statement): boolean {
  return s.kind === 'arrive' || (s.kind === 'repeat' && s.body.some(isArrive));
}

/** The `param` and `sweep` lines where they are in the text (to pin a point: ./pin.ts). */
function declsOf(text: string): SweepDecl[] {
  return (parseScenario(text).ast.params ?? []).map((d) => ({ name: d.name.text, values: d.values, swept: d.swept, span: d.span }));
}

/** The text the diagram runs: the editor's, with the sweeps pinned to the opened point (app/store/actions.ts). */
export function runText(text: string): string {
  const open = getState().sweep.open;
  if (!open || !text.includes('sweep')) return text;
  return pointText(text, declsOf(text), open) ?? text;
}
