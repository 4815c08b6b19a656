import { type mongo, Types } from 'mongoose';
import type { Models } from '../db.js';
import type { DashboardScope } from './dashboard.repository.js';

type Stage = Record<string, unknown>;

/** One group of an aggregation: its key fields and its one accumulated value. */
export interface Grouped {
  readonly key: Readonly<Record<string, string>>;
  readonly value: number;
}

/** Violation statuses that are still open on the dashboard (the shop has not fixed or signed). */
export const OPEN_VIOLATION_STATUSES = ['open', 'recheck', 'noticed'] as const;

/**
 * The inspection panels' pipelines, by name, for one sample input (the explain test asks the store
 * how it plans each): every pipeline starts with a `$match` whose first field is an equality on an
 * indexed top-level field (`dayKey` of patrols, `status` of violations, `monthKey` of cleaning
 * records); the rest of the match narrows that set.
 */
export const inspectionPipelines = (
  scope: DashboardScope,
  sample: { day: string; status: string; month: string; from: Date; to: Date },
  shopCodes: readonly string[] = [],
): { name: string; collection: string; pipeline: Stage[] }[] => [
  { name: 'patrol coverage of a day', collection: 'patrols', pipeline: coveragePipeline(sample.day, scope) },
  {
    name: 'open violations of one status and age',
    collection: 'violations',
    pipeline: violationPipeline(sample.status, { from: sample.from, to: sample.to }, scope, shopCodes),
  },
  {
    name: 'cleaning deductions of a month',
    collection: 'cleaning_records',
    pipeline: cleaningPipeline(sample.month, scope, { $sum: '$points' }),
  },
];

const me = (scope: DashboardScope): Types.ObjectId | undefined =>
  !scope.all && Types.ObjectId.isValid(scope.personId) ? new Types.ObjectId(scope.personId) : undefined;

/** Patrols of one business day by shift and status (a limited scope sees the patrols it walked). */
const coveragePipeline = (day: string, scope: DashboardScope): Stage[] => [
  { $match: { dayKey: day, ...(scope.all ? {} : { walkerId: me(scope) ?? null }) } },
  { $group: { _id: { shift: '$shift', status: '$status' }, n: { $sum: 1 } } },
];

/**
 * Violations in one open status, opened within [from, to) (business clock; `from` absent: any time
 * before `to`, and rows without the field), by shop. A limited scope sees its floors' shops and the
 * violations it found.
 */
const violationPipeline = (
  status: string,
  age: { from?: Date; to?: Date },
  scope: DashboardScope,
  shopCodes: readonly string[],
): Stage[] => {
  const and: Stage[] = [];
  if (age.to && age.from) and.push({ openedAt: { $gte: age.from, $lt: age.to } });
  else if (age.to) and.push({ $or: [{ openedAt: { $lt: age.to } }, { openedAt: { $exists: false } }] });
  else if (age.from) and.push({ openedAt: { $gte: age.from } });
  if (!scope.all) {
    const mine = me(scope);
    and.push({ $or: [{ shopCode: { $in: [...shopCodes] } }, ...(mine ? [{ inspectorId: mine }] : [])] });
  }
  return [
    { $match: { status, ...(and.length > 0 ? { $and: and } : {}) } },
    { $group: { _id: { shopCode: '$shopCode' }, n: { $sum: 1 } } },
  ];
};

/**
 * Cleaning records of one settlement month by day, item and status, with one accumulator (FerretDB
 * 1.24 computes only the first of several correctly). A limited scope sees what it inspected.
 */
const cleaningPipeline = (month: string, scope: DashboardScope, acc: Stage): Stage[] => [
  { $match: { monthKey: month, ...(scope.all ? {} : { inspectorId: me(scope) ?? null }) } },
  { $group: { _id: { dayKey: '$dayKey', itemCode: '$itemCode', status: '$status' }, n: acc } },
];

const grouped = (rows: Stage[]): Grouped[] =>
  rows.map((r) => {
    const id = (r._id ?? {}) as Record<string, unknown>;
    return {
      key: Object.fromEntries(Object.entries(id).map(([k, v]) => [k, typeof v === 'string' ? v : ''])),
      value: typeof r.n === 'number' ? r.n : Number(r.n ?? 0),
    };
  });

/**
 * Read-only aggregations for the dashboard's inspection panels, computed in the database over
 * indexed fields: no patrol, violation or cleaning record is loaded into the process.
 */
export class InspectionDashboardRepository {
  constructor(private readonly models: Models) {}

  private run(collection: mongo.Collection, pipeline: Stage[]): Promise<Grouped[]> {
    return collection
      .aggregate(pipeline)
      .toArray()
      .then((rows) => grouped(rows as Stage[]));
  }

  private col(model: { collection: unknown }): mongo.Collection {
    return model.collection as mongo.Collection;
  }

  /** Each day's patrols by shift and status (one equality query per day). */
  async coverage(days: readonly string[], scope: DashboardScope): Promise<Map<string, Grouped[]>> {
    const out = new Map<string, Grouped[]>();
    for (const day of days)
      out.set(day, await this.run(this.col(this.models.Patrol), coveragePipeline(day, scope)));
    return out;
  }

  /** Open violations of one status and age band, by shop. */
  openViolations(
    status: string,
    age: { from?: Date; to?: Date },
    scope: DashboardScope,
    shopCodes: readonly string[],
  ): Promise<Grouped[]> {
    return this.run(this.col(this.models.Violation), violationPipeline(status, age, scope, shopCodes));
  }

  /** A month's cleaning records by day, item and status: points deducted, and how many records. */
  async cleaning(month: string, scope: DashboardScope): Promise<{ points: Grouped[]; count: Grouped[] }> {
    const col = this.col(this.models.Cleaning);
    return {
      points: await this.run(col, cleaningPipeline(month, scope, { $sum: '$points' })),
      count: await this.run(col, cleaningPipeline(month, scope, { $sum: 1 })),
    };
  }
}
