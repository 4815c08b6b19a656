import type { FindingCategory } from '../patrol/patrol.types.js';
import type { Channel, HistoryEntry } from '../shared/ticket.types.js';

/**
 * open (told the fix-by time) → recheck (the time passed; the assistant re-inspects) → rectified,
 * or noticed (违章警告书 / 违约处理单 issued) → signed (the tenant acknowledged it).
 */
export const VIOLATION_STATUSES = ['open', 'recheck', 'rectified', 'noticed', 'signed'] as const;
export type ViolationStatus = (typeof VIOLATION_STATUSES)[number];

export const VIOLATION_ACTIONS = ['remind', 'rectified', 'warn', 'breach_notice', 'sign', 'meet'] as const;
export type ViolationAction = (typeof VIOLATION_ACTIONS)[number];

/** 违章警告书 or 违约处理单 (9.3.1.1). */
export const NOTICE_KINDS = ['warning', 'breach'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/**
 * The assistant who found it (and re-inspects), a senior assistant or above, the shop's tenant,
 * and the product itself (the fix-by deadline).
 */
export const VIOLATION_PARTIES = ['inspector', 'supervisor', 'tenant', 'system'] as const;
export type ViolationParty = (typeof VIOLATION_PARTIES)[number];

/** A breach by a shop (9.3.1) followed to the end. */
export interface ViolationView {
  readonly id: string;
  readonly number: string;
  readonly shopCode: string;
  readonly category: FindingCategory;
  readonly text: string;
  readonly inspectorId: string;
  readonly channel: Channel;
  readonly patrolNumber: string;
  /** When the shop must have fixed it; cleared once the re-inspection reminder went out. */
  readonly fixBy: Date;
  readonly status: ViolationStatus;
  /** This shop's offence count including this one (屡劝屡犯, 9.3.1.3). */
  readonly offenceNo: number;
  /** True when the offence count called in the senior assistant and the manager. */
  readonly escalated: boolean;
  readonly noticeKind: NoticeKind | undefined;
  readonly noticeNumber: string | undefined;
  readonly noticeAt: Date | undefined;
  readonly signedAt: Date | undefined;
  readonly signerId: string | undefined;
  /** The meeting with the owner (约见业户), as recorded. */
  readonly meetingNote: string | undefined;
  readonly meetingAt: Date | undefined;
  readonly stage: number;
  readonly version: number;
  readonly history: readonly HistoryEntry[];
  readonly createdAt: Date;
}
