/** A button a presenter should put on a card: the action, and the value it carries, if any. */
export interface CardButton {
  readonly action: string;
  readonly arg?: string;
  /** Overrides the action's usual label (rating buttons: "5分"). */
  readonly label?: string;
}

/** What every ticket presenter needs besides the ticket: formatting and names, injected (pure). */
export interface TicketCardContext {
  readonly cardId: string;
  readonly buttons: readonly CardButton[];
  readonly names: { readonly reporter: string; readonly owner?: string };
  readonly when: (d: Date) => string;
  /** A line for the top of the card (why it was sent now). */
  readonly note?: string;
}
