/** Human ticket numbers (`TS20261129-003`): allocated under the unique index of the ticket. */
export interface TicketNumbers {
  allocate<T>(prefix: string, dayKey: string, create: (number: string) => Promise<T>): Promise<T>;
}
