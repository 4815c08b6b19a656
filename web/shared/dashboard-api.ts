/**
 * The operations dashboard's HTTP contract, shared by its Koa routes (web/server/dashboard) and
 * its page (web/client/dashboard). Pure types and constants: nothing here may touch Node or the DOM.
 */

export type DashKind = 'complaint' | 'repair' | 'approval';
export const DASH_KINDS: readonly DashKind[] = ['complaint', 'repair', 'approval'];
export const DASH_KIND_LABELS: Record<DashKind, string> = {
  complaint: '投诉',
  repair: '工单',
  approval: '审批',
};

/** A ticket's state against its target time. */
export type TargetState = 'on_time' | 'due_soon' | 'overdue' | 'none';
export const TARGET_LABELS: Record<TargetState, string> = {
  on_time: '按时',
  due_soon: '即将到期',
  overdue: '已超时',
  none: '无时限',
};

/** `GET /dashboard/api/session`. */
export interface DashSession {
  readonly name: string;
  readonly roles: readonly string[];
  readonly roleLabel: string;
  /** 'all': everything; otherwise the floors (and their own items) the person sees. */
  readonly scope: 'all' | { readonly floors: readonly string[] };
  readonly canSeeQueues: boolean;
  readonly csrf: string;
  readonly now: string;
  readonly expiresAt: string;
  /** Filter choices. */
  readonly floors: readonly string[];
  readonly statuses: Readonly<Record<DashKind, readonly { value: string; label: string }[]>>;
  readonly people: readonly { id: string; name: string }[];
}

/** One open ticket in a list. */
export interface DashItem {
  readonly kind: DashKind;
  readonly id: string;
  readonly number: string;
  readonly status: string;
  readonly statusLabel: string;
  /** 物品放行, 漏水, 噪音… */
  readonly typeLabel: string;
  readonly text: string;
  readonly shopCode: string;
  readonly unit: string;
  readonly floor: string;
  readonly createdAt: string;
  readonly dueAt: string | null;
  readonly target: TargetState;
  readonly escalationLevel: number;
  /** Who it waits on now (a role label or a person's name), '' for nobody. */
  readonly waitingOn: string;
  readonly reporter: string;
}

/** `GET /dashboard/api/items?kind&floor&shop&status&person&cursor`. */
export interface DashItemPage {
  readonly items: readonly DashItem[];
  /** Pass as `cursor` for the next page; null at the end. */
  readonly next: string | null;
  readonly counts: Readonly<Record<TargetState, number>>;
}

export interface DashTimelineEntry {
  readonly at: string;
  readonly who: string;
  readonly what: string;
  readonly note: string;
  /** 'history' (the ticket's own record) or 'audit' (the audit log). */
  readonly source: 'history' | 'audit';
  readonly outcome?: string;
}

/** `GET /dashboard/api/tickets/:number`. */
export interface DashTicket {
  readonly item: DashItem;
  readonly fields: readonly { label: string; value: string }[];
  readonly timeline: readonly DashTimelineEntry[];
  /** Signed /media links (short-lived). */
  readonly photos: readonly { url: string; name: string }[];
}

/** `GET /dashboard/api/digest`. */
export interface DashDigest {
  readonly week: string;
  readonly lines: readonly string[];
  readonly figures: readonly { label: string; value: string }[];
  /** The chart as SVG markup (drawn by the digest's own chart code). */
  readonly chartSvg: string;
  /** Reminders and escalations that failed for good (newest first), to follow up by hand. */
  readonly failures: readonly DashFailure[];
}

/** A deadline step whose job or message failed for good (the manager was told once). */
export interface DashFailure {
  readonly at: string;
  readonly label: string;
  readonly what: string;
  readonly recipients: readonly string[];
  readonly error: string;
}

/** A closed complaint still to be visited (回访), `GET /dashboard/api/callbacks`. */
export interface DashCallback {
  readonly number: string;
  readonly shopCode: string;
  readonly text: string;
  readonly closedAt: string;
  readonly rating: number | null;
  readonly done: boolean;
}

export interface DashCallbackPage {
  readonly items: readonly DashCallback[];
  readonly next: string | null;
}

export const PAGE_SIZE = 20;

/** A patrolled shift of a day: patrolled, missed (it ended without a patrol), or still to come. */
export type ShiftCoverage = 'patrolled' | 'missed' | 'upcoming';
export const SHIFT_COVERAGE_LABELS: Record<ShiftCoverage, string> = {
  patrolled: '已巡场',
  missed: '未巡场',
  upcoming: '未到/进行中',
};

/** `GET /dashboard/api/inspections?month=YYYY-MM&days=N`: the patrol, violation and cleaning panels. */
export interface DashInspections {
  /** 'all', or the limit: the patrols walked, violations found or on the floors, records inspected. */
  readonly scope: 'all' | 'own';
  readonly coverage: {
    readonly days: readonly {
      readonly day: string;
      readonly label: string;
      readonly shifts: readonly {
        readonly shift: string;
        readonly label: string;
        readonly state: ShiftCoverage;
        readonly patrols: number;
        readonly reviewed: number;
      }[];
    }[];
    /** Patrolled shifts that ended, and how many of them had a patrol. */
    readonly ended: number;
    readonly covered: number;
  };
  readonly violations: {
    readonly buckets: readonly { readonly key: string; readonly label: string }[];
    /** Open violations per shop, one count per age bucket, most first. */
    readonly shops: readonly {
      readonly shopCode: string;
      readonly counts: readonly number[];
      readonly total: number;
    }[];
    readonly total: number;
  };
  readonly cleaning: {
    readonly month: string;
    /** The deduction standard's areas, in its order. */
    readonly areas: readonly string[];
    /** Days with deductions: points counted (confirmed or upheld) per area, and points still open. */
    readonly days: readonly {
      readonly day: string;
      readonly label: string;
      readonly points: readonly number[];
      readonly counted: number;
      readonly open: number;
      readonly deductions: number;
    }[];
    readonly totals: {
      readonly points: readonly number[];
      readonly counted: number;
      readonly open: number;
      readonly deductions: number;
    };
  };
}
