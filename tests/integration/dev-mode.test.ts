import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { STAFF_ROLES } from '../../src/domain/people/people.types.js';
import { systemClock } from '../../src/lib/clock.js';
import { silentLogger } from '../../src/lib/logger.js';
import { freePort } from '../../src/local/net.js';
import { Db } from '../../src/persistence/db.js';
import { PeopleRepository } from '../../src/persistence/repositories/people.repository.js';
import { ShopRepository } from '../../src/persistence/repositories/shop.repository.js';
import { seedDemoMall } from '../../src/seed/demo-mall.js';
import { ROOT, spawnScript } from '../helpers/spawn.js';
import { openSse } from '../helpers/sse.js';
import { testNames } from '../helpers/test-bot.js';
import { eventually } from '../helpers/wait.js';

const processesUsing = (needle: string): string[] => {
  try {
    return execFileSync('pgrep', ['-af', needle], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.trim() && !l.includes('pgrep'));
  } catch {
    return [];
  }
};

describe('the demo seed', () => {
  it('loads at least 40 shops over 4 floors, every staff role with a roster, bound tenants; twice changes nothing', async () => {
    const db = Db.open(`${inject('mongoBaseUri')}/${testNames().dbName}`, silentLogger());
    await db.ready();
    await db.ensureIndexes();
    try {
      const shops = new ShopRepository(db.models);
      const people = new PeopleRepository(db.models, systemClock);
      await seedDemoMall(db, shops, people);
      const counts = async () => ({
        shops: await db.models.Shop.countDocuments(),
        people: await db.models.Person.countDocuments(),
        identities: await db.models.Identity.countDocuments(),
      });
      const first = await counts();
      await seedDemoMall(db, shops, people);
      expect(await counts()).toEqual(first);
      expect(first.shops).toBeGreaterThanOrEqual(40);
      expect((await db.models.Shop.distinct('floor')).sort()).toEqual(['1F', '2F', '3F', 'B1']);
      const roles = new Set((await db.models.Person.find({ kind: 'staff' }).lean()).flatMap((p) => p.roles));
      for (const r of STAFF_ROLES) expect(roles.has(r)).toBe(true);
      expect(
        await db.models.Person.countDocuments({ kind: 'staff', 'duty.0': { $exists: true } }),
      ).toBeGreaterThan(5);
      const tenant = await people.byIdentity('wecom', 'tenant-b1-23');
      expect(tenant?.shopCodes).toEqual(['B1-23']);
    } finally {
      await db.conn.dropDatabase();
      await db.close();
    }
  });
});

describe('npm run dev', () => {
  it('brings the bot up with its own store, prints and serves the console, and leaves no process behind on Ctrl-C', async () => {
    const port = await freePort();
    const dataDir = resolve(ROOT, '.data', `test-dev-${testNames().prefix}`);
    const { child, output, exited } = spawnScript('scripts/dev.ts', {
      PORT: String(port),
      MALLBOT_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      REDIS_KEY_PREFIX: `dev${testNames().prefix}`,
    });
    try {
      await eventually(
        async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200,
        90_000,
        'dev /readyz',
      );
      await eventually(async () => output().includes('mallbot is up'), 30_000, 'the banner');
      expect(output()).not.toContain('"level":50');
      const consoleUrl = /console: (http:\/\/127\.0\.0\.1:\d+\/console)\n/.exec(output())?.[1];
      expect(consoleUrl).toBe(`http://127.0.0.1:${port}/console`);
      const page = await fetch(consoleUrl ?? '');
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<script type="module"[^>]+src="\/ui\/assets\//);
      const session = (await (await fetch(`${consoleUrl}/api/session`)).json()) as { personas: unknown[] };
      expect(session.personas).toHaveLength(16);
      // A browser left open on the console holds a live feed: Ctrl-C must still stop promptly and cleanly.
      const feed = await openSse(`${consoleUrl}/api/emu/wecom/events`);
      expect(processesUsing(dataDir).length).toBeGreaterThan(0);
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      feed.close();
      await eventually(async () => processesUsing(dataDir).length === 0, 10_000, 'local services stopped');
    } finally {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
