import { Types } from 'mongoose';

type Id = string | Types.ObjectId;

/**
 * An id as the store holds it. The hot path queries through the driver, which (unlike mongoose)
 * does not cast a hex string to an ObjectId; an invalid string throws, as mongoose's cast did.
 */
const oid = (id: Id): Types.ObjectId => (typeof id === 'string' ? new Types.ObjectId(id) : id);

/**
 * The filters of every query on the hot path (one message, from webhook to reply) and of the
 * sweeps, in one place so a test can ask the store how it answers each (`explain`). Each is an
 * `_id` lookup or equality on one indexed top-level field (two for identities): MongoDB answers
 * them from an index, FerretDB on PostgreSQL pushes them down to SQL, and FerretDB on SQLite
 * (which pushes down only `_id`) scans collections kept small for exactly that reason. Ids come
 * out as ObjectIds, so a filter means the same through mongoose and through the driver.
 */
export const hotFilters = {
  inboundById: (id: Id) => ({ _id: oid(id) }),
  inboundLane: (lane: string) => ({ lane }),
  inboundOpen: () => ({ status: 'received' as const }),
  inboundDone: () => ({ status: 'done' as const }),
  outboxById: (id: Id) => ({ _id: oid(id) }),
  outboxByKey: (key: string) => ({ key }),
  outboxLane: (lane: string) => ({ lane }),
  outboxPending: () => ({ status: 'pending' as const }),
  outboxSent: () => ({ status: 'sent' as const }),
  identity: (platform: string, platformUserId: string) => ({ platform, platformUserId }),
  personById: (id: Id) => ({ _id: oid(id) }),
};

/** Sample instances of every hot query, by collection (for the explain test and the bench). */
export const HOT_QUERIES: readonly { name: string; collection: string; filter: Record<string, unknown> }[] = [
  {
    name: 'inbound by id',
    collection: 'inbound_events',
    filter: hotFilters.inboundById('6b0c74ea98d08afb4e6d9fb2'),
  },
  { name: 'inbound lane', collection: 'inbound_events', filter: hotFilters.inboundLane('wecom:u1') },
  { name: 'inbound relay', collection: 'inbound_events', filter: hotFilters.inboundOpen() },
  { name: 'inbound archive sweep', collection: 'inbound_events', filter: hotFilters.inboundDone() },
  { name: 'outbox by id', collection: 'outbox', filter: hotFilters.outboxById('6b0c74ea98d08afb4e6d9fb2') },
  {
    name: 'outbox mark sent',
    collection: 'outbox',
    filter: { ...hotFilters.outboxById('6b0c74ea98d08afb4e6d9fb2'), status: 'pending' },
  },
  { name: 'outbox by key', collection: 'outbox', filter: hotFilters.outboxByKey('in-x:0') },
  { name: 'outbox lane', collection: 'outbox', filter: hotFilters.outboxLane('wecom:u:u1') },
  { name: 'outbox relay', collection: 'outbox', filter: hotFilters.outboxPending() },
  { name: 'outbox archive sweep', collection: 'outbox', filter: hotFilters.outboxSent() },
  { name: 'identity', collection: 'identities', filter: hotFilters.identity('wecom', 'u1') },
  { name: 'person by id', collection: 'people', filter: hotFilters.personById('6b0c74ea98d08afb4e6d9fb2') },
];
