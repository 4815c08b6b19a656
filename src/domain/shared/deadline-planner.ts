/**
 * Deadline fields a change sets on a ticket's document (a date, a rung number, or `null` to remove
 * the field), written in the same single-document update as the change itself. The domain does not
 * know what they mean: the time-driven half (src/deadlines/kinds) plans them and sweeps them.
 */
export type DeadlineFields = Readonly<Record<string, Date | number | null>>;

/**
 * Plans a ticket's deadline fields when it is filed (`before` null) or changes. Pure: the same
 * facts and time give the same fields, so a retried change plans the same deadlines.
 */
export interface DeadlinePlanner<F> {
  plan(before: F | null, after: F, at: Date): DeadlineFields;
}
