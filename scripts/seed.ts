import { systemClock } from '../src/lib/clock.js';
import { createLogger } from '../src/lib/logger.js';
import { Db } from '../src/persistence/db.js';
import { PeopleRepository } from '../src/persistence/repositories/people.repository.js';
import { ShopRepository } from '../src/persistence/repositories/shop.repository.js';
import { seedDemoMall } from '../src/seed/demo-mall.js';
import { localStores } from './local-env.js';

/** `npm run seed`: loads the demo mall into MONGODB_URI (or the local dev store). Idempotent. */
const { services, mongodbUri } = await localStores();
const logger = createLogger({ level: 'warn' });
const db = Db.open(mongodbUri, logger);
try {
  await db.ready();
  await db.ensureIndexes();
  const r = await seedDemoMall(
    db,
    new ShopRepository(db.models),
    new PeopleRepository(db.models, systemClock),
  );
  process.stdout.write(
    `seeded ${r.shops} shops, ${r.staff} staff, ${r.tenants} tenants into ${mongodbUri.replace(/\/\/[^@]*@/, '//***@')}\n`,
  );
} finally {
  await db.close();
  await services.stop();
}
