/**
 * Decision IDs: the rule of HAProxy's code that caused an action
 * (shared/spec/haproxy-algorithm.md §4). The catalogue with names, explanations
 * and source lines is in ./catalog.ts.
 */
export const SEED_DECISIONS = [
  'A0', 'A1', 'A2', 'C1', 'C2', 'C3',
  'R1', 'R2', 'R3a', 'R3b', 'R3c', 'R3n', 'R4', 'R5', 'R6',
  'S0', 'S1', 'S2', 'S3', 'S4', 'L1', 'L2', 'L3', 'F1',
  'P1', 'P2', 'P3', 'P4', 'P5',
  'K1', 'K2', 'K3', 'N1', 'T1', 'T2', 'T3',
  'D1', 'D2', 'D3', 'D4', 'D5', 'D6',
] as const;

export const PARENT_DECISIONS = [
  'pA1', 'pR1', 'pR2', 'pR3a', 'pR3b', 'pR3c', 'pR3n', 'pS1', 'pS2', 'pR5', 'pR4', 'pL1', 'pX',
  'pK1', 'pK2', 'pD1', 'pD2', 'pD5',
] as const;

/** HAProxy 2.6 ("modern"): spec §7. */
export const MODERN_DECISIONS = [
  'mA1', 'mI4', 'mP1', 'mP2', 'mP3', 'mR0', 'mR1', 'mR2', 'mR3', 'mR4a', 'mR4b', 'mR4t', 'mR5', 'mR6', 'mR7',
  'mD1', 'mD2', 'mD3', 'mD4', 'mD5', 'mD6', 'mD7', 'mD8', 'mI1', 'mI2', 'mQ1', 'mQ2', 'mQ3', 'mQ4', 'mI3', 'mL1',
] as const;

/**
 * Routing and answers of the frontend and backend rules (HAProxy 2.6.0; the same rules exist at
 * the 1.9-dev commits of seed and parent for what the simulation models).
 */
export const ROUTING_DECISIONS = ['B1', 'B2', 'B3', 'B4', 'B5', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'H7', 'H8', 'H9', 'H10', 'H11', 'H12', 'U1', 'U2', 'U3', 'U4', 'U5', 'FE1', 'FE2', 'TC1', 'TC2', 'TC3', 'HC1', 'HC2', 'HC3', 'HC4'] as const;

/** Actions of the emulated world (clients, servers, timers) rather than of HAProxy's algorithm. */
export const WORLD_DECISIONS = ['W'] as const;

export type SeedDecision = (typeof SEED_DECISIONS)[number];
export type ParentDecision = (typeof PARENT_DECISIONS)[number];
export type ModernDecision = (typeof MODERN_DECISIONS)[number];
export type RoutingDecision = (typeof ROUTING_DECISIONS)[number];
export type DecisionId = SeedDecision | ParentDecision | ModernDecision | RoutingDecision | (typeof WORLD_DECISIONS)[number];

/** Seed gaps (§6.1) flagged in traces: the observable differences with later releases. */
export const GAP_IDS = ['G1', 'G2', 'G3', 'G4', 'G9'] as const;
export type Gap = (typeof GAP_IDS)[number];
