// What this server adds to LSP, for clients that want to show the score (a status line, a panel).

import type { Level, PillarId, PillarScores } from '../core/types';

/** Sent after every evaluation that changed a workspace folder's scores (and once after the first scan). */
export const READINESS_NOTIFICATION = 'poc-readiness/readiness';

export interface ReadinessRoot {
  /** Workspace-relative PoC root ("." for the folder itself). */
  root: string;
  /** URI of the PoC root folder. */
  uri: string;
  /** Where the repository findings of this root are shown (poc.yaml, else a README, a notebook…). */
  anchor?: string;
  score: number;
  level: Level;
  pillars: PillarScores;
  weakest: PillarId;
  findings: number;
}

export interface ReadinessParams {
  /** URI of the workspace folder. */
  folder: string;
  roots: ReadinessRoot[];
}

export const SOURCE = 'poc-readiness';
export const FIX_ALL_KIND = 'source.fixAll.pocReadiness';
