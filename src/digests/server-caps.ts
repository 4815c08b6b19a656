import type { Connection } from 'mongoose';

/** What the connected server can do in an aggregation (FerretDB 1.x has no expression operators). */
export interface ServerCaps {
  readonly kind: 'mongodb' | 'ferretdb';
  /** `$subtract`, `$ifNull` and friends inside `$project`. */
  readonly expressions: boolean;
}

const cache = new WeakMap<Connection, Promise<ServerCaps>>();

/** Asks the server once per connection (`buildInfo` names FerretDB in `ferretdbVersion`). */
export const serverCaps = (conn: Connection): Promise<ServerCaps> => {
  let p = cache.get(conn);
  if (!p) {
    p = (async (): Promise<ServerCaps> => {
      const db = conn.db;
      if (!db) throw new Error('not connected');
      const info = await db.command({ buildInfo: 1 });
      const ferret = typeof info.ferretdbVersion === 'string';
      return { kind: ferret ? 'ferretdb' : 'mongodb', expressions: !ferret };
    })();
    cache.set(conn, p);
    p.catch(() => cache.delete(conn));
  }
  return p;
};
