import type { ActionInput } from './action-spec.js';

/**
 * Waiting (挂起, issue 14): a ticket being worked waits on the tenant (access to the shop), on
 * parts, or on an outside contractor, with a reason and an expected resume date. While it waits
 * its resolution target stops counting; the first-reply / acknowledgement targets do not.
 */
export const WAIT_ONS = ['tenant', 'parts', 'contractor'] as const;
export type WaitOn = (typeof WAIT_ONS)[number];

export const WAIT_ON_LABELS: Record<WaitOn, string> = {
  tenant: '等商户（进店）',
  parts: '等配件',
  contractor: '等外协单位',
};

/** Words a person may answer with when asked what the ticket waits on (also "1", "2", "3"). */
export const WAIT_ON_WORDS: Record<WaitOn, readonly string[]> = {
  tenant: ['1', '商户', '租户', '业主', '进店', '开门', '铺'],
  parts: ['2', '配件', '零件', '材料', '备件', '到货'],
  contractor: ['3', '外协', '外部', '厂家', '供应商', '维保', '外包', '施工单位'],
};

/** The current wait of a ticket, stored flat on its document while it waits. */
export interface TicketWait<S extends string> {
  readonly on: WaitOn;
  readonly reason: string;
  readonly since: Date;
  /** The expected resume date the owner gave; the owner is reminded then. */
  readonly resumeBy: Date;
  /** The state the ticket returns to when it resumes. */
  readonly from: S;
}

/** What every waitable ticket view carries. */
export interface Waitable<S extends string> {
  readonly status: S;
  /** Present while the ticket waits. */
  readonly wait?: TicketWait<S>;
  /** Wall time spent in finished waits (timelines and digests subtract it from working time). */
  readonly pausedMs: number;
}

/** The patch fields of starting or ending a wait (`null` removes a field). */
export interface WaitPatch<S extends string> {
  wait?: TicketWait<S> | null;
  pausedMs?: number;
}

const isWaitOn = (s: string | undefined): s is WaitOn => (WAIT_ONS as readonly string[]).includes(s ?? '');

/** The wait a `wait` action starts, from its inputs (`on`, `text`, `resumeBy` as ISO). */
export const startWait = <S extends string>(from: S, input: ActionInput, at: Date): WaitPatch<S> => {
  const resumeBy = new Date(input.resumeBy ?? '');
  return {
    wait: {
      on: isWaitOn(input.on) ? input.on : 'parts',
      reason: (input.text ?? '').trim(),
      since: at,
      resumeBy: Number.isNaN(resumeBy.getTime()) ? at : resumeBy,
      from,
    },
  };
};

/** Ends the current wait at `at`: its wall time joins `pausedMs`. */
export const endWait = <S extends string>(t: Waitable<S>, at: Date): WaitPatch<S> =>
  t.wait ? { wait: null, pausedMs: t.pausedMs + Math.max(0, at.getTime() - t.wait.since.getTime()) } : {};

/** Wall time waited up to `at`, the current wait included. */
export const waitedAt = <S extends string>(t: Waitable<S>, at: Date): number =>
  t.pausedMs + (t.wait ? Math.max(0, at.getTime() - t.wait.since.getTime()) : 0);

/** The ticket as it would be had it just resumed (the state it waits to return to). */
export const resumedView = <S extends string, V extends Waitable<S>>(t: V): V =>
  t.wait ? { ...t, status: t.wait.from, wait: undefined } : t;
