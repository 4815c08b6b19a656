import type { Channel, HistoryEntry } from '../shared/ticket.types.js';

/** What an assistant checks on a patrol (9.2): each finding is one of these. */
export const FINDING_CATEGORIES = [
  'hygiene',
  'attendance',
  'covenant',
  'facility',
  'signage',
  'renovation',
  'fire_safety',
  'emergency',
] as const;
export type FindingCategory = (typeof FINDING_CATEGORIES)[number];

/** walking → submitted (巡场情况记录表 handed in) → reviewed by the senior assistant. */
export const PATROL_STATUSES = ['walking', 'submitted', 'reviewed'] as const;
export type PatrolStatus = (typeof PATROL_STATUSES)[number];

/** The shifts assistants patrol in (早班, 中班; 4.1.10 "随班检查"). */
export const PATROL_SHIFTS = ['early', 'middle', 'night'] as const;
export type PatrolShift = (typeof PATROL_SHIFTS)[number];

export const PATROL_ACTIONS = ['end', 'review'] as const;
export type PatrolAction = (typeof PATROL_ACTIONS)[number];

/** The assistant walking it; a senior assistant or above who reviews the record. */
export const PATROL_PARTIES = ['walker', 'reviewer'] as const;
export type PatrolParty = (typeof PATROL_PARTIES)[number];

/** One thing seen on a patrol, in the assistant's words, and what it became. */
export interface FindingView {
  readonly id: string;
  readonly patrolId: string;
  readonly seq: number;
  readonly category: FindingCategory;
  readonly text: string;
  /** The shop unit named, verified against the registry ('' for none). */
  readonly unit: string;
  readonly attachmentIds: readonly string[];
  /** The work order a facility fault became, the violation a breach became. */
  readonly repairNumber: string;
  readonly violationNumber: string;
  readonly at: Date;
}

/** A patrol (巡场) and its record (巡场情况记录表). */
export interface PatrolView {
  readonly id: string;
  readonly number: string;
  /** The message that started it (a retried message finds the same patrol). */
  readonly sourceKey: string;
  readonly walkerId: string;
  readonly channel: Channel;
  readonly dayKey: string;
  readonly shift: PatrolShift;
  readonly status: PatrolStatus;
  readonly startedAt: Date;
  readonly endedAt: Date | undefined;
  readonly reviewedAt: Date | undefined;
  readonly reviewerId: string | undefined;
  readonly findingCount: number;
  readonly stage: number;
  readonly version: number;
  readonly history: readonly HistoryEntry[];
  readonly createdAt: Date;
}
