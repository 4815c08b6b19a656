import type { mongo } from 'mongoose';
import type { ServerCaps } from './server-caps.js';

/** Median and 90th percentile (nearest rank) of a duration, with how many items it covers. */
export interface DurationStats {
  readonly n: number;
  readonly medianMs: number | null;
  readonly p90Ms: number | null;
  /** Sum of the subtracted field (the waiting time), when one is given. */
  readonly minusSumMs: number;
}

/** Nearest-rank percentile position (1-based) of `p` in `n` sorted values. */
export const rankOf = (p: number, n: number): number => Math.max(1, Math.ceil(p * n));

/** The duration: `end - start`, less `minus` (waiting time) when given. */
export interface DurationSpec {
  readonly match: Record<string, unknown>;
  readonly start: string;
  readonly end: string;
  readonly minus?: string;
}

/**
 * Percentiles of a per-document duration. On MongoDB the database computes each one: the
 * duration in `$project`, `$sort`, `$skip` to the rank, `$limit 1`, behind an index-backed
 * `$match`. FerretDB 1.x has no arithmetic expressions, so there the two dates of the matched
 * documents (a projection, never whole documents) are streamed and ranked here.
 */
export const durationStats = async (
  col: mongo.Collection,
  spec: DurationSpec,
  caps: ServerCaps,
): Promise<DurationStats> => {
  const own = spec.match[spec.end];
  const match = {
    ...spec.match,
    [spec.end]: own && typeof own === 'object' ? { ...own, $exists: true } : { $exists: true },
  };
  if (caps.expressions) {
    const n = ((await col.aggregate([{ $match: match }, { $count: 'n' }]).toArray())[0]?.n as number) ?? 0;
    if (n === 0) return { n: 0, medianMs: null, p90Ms: null, minusSumMs: 0 };
    const minusSumMs = spec.minus
      ? Number(
          (
            await col
              .aggregate([{ $match: match }, { $group: { _id: null, s: { $sum: `$${spec.minus}` } } }])
              .toArray()
          )[0]?.s ?? 0,
        )
      : 0;
    const diff = { $subtract: [`$${spec.end}`, `$${spec.start}`] };
    const d = spec.minus ? { $subtract: [diff, { $ifNull: [`$${spec.minus}`, 0] }] } : diff;
    const at = async (p: number) => {
      const rows = await col
        .aggregate([
          { $match: match },
          { $project: { _id: 0, d } },
          { $sort: { d: 1 } },
          { $skip: rankOf(p, n) - 1 },
          { $limit: 1 },
        ])
        .toArray();
      return Number(rows[0]?.d ?? 0);
    };
    return { n, medianMs: await at(0.5), p90Ms: await at(0.9), minusSumMs };
  }
  const values: number[] = [];
  let minusSumMs = 0;
  const projection = { _id: 0, [spec.start]: 1, [spec.end]: 1, ...(spec.minus ? { [spec.minus]: 1 } : {}) };
  for await (const r of col.find(match, { projection, batchSize: 5000 })) {
    const s = r[spec.start];
    const e = r[spec.end];
    if (!(s instanceof Date) || !(e instanceof Date)) continue;
    const minus = spec.minus && typeof r[spec.minus] === 'number' ? (r[spec.minus] as number) : 0;
    minusSumMs += minus;
    values.push(e.getTime() - s.getTime() - minus);
  }
  if (values.length === 0) return { n: 0, medianMs: null, p90Ms: null, minusSumMs: 0 };
  const sorted = Float64Array.from(values).sort();
  const pick = (p: number) => sorted[rankOf(p, sorted.length) - 1] ?? 0;
  return { n: sorted.length, medianMs: pick(0.5), p90Ms: pick(0.9), minusSumMs };
};
