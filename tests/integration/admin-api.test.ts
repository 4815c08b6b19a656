import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoMall } from '../../src/seed/demo-mall.js';
import { startTestBot, TEST_ADMIN_TOKEN, type TestBot } from '../helpers/test-bot.js';

describe('admin API', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
    const d = bot.running.deps;
    await seedDemoMall(d.db, d.repos.shops, d.repos.people, ['wecom']);
  });
  afterAll(async () => {
    await bot?.close();
  });

  const post = (path: string, body: unknown, token: string | null = TEST_ADMIN_TOKEN) =>
    fetch(`${bot.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('parses a message into intent, confidence and slots (unit checked against the registry)', async () => {
    const res = await post('/api/nlu/parse', { text: '205铺空调不制冷' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { intent: string; confidence: number; slots: { unit?: string } };
    expect(body.intent).toBe('repair');
    expect(body.confidence).toBeGreaterThan(0.5);
    expect(body.slots.unit).toBe('205');
  });

  it('refuses a missing or wrong bearer token with 401', async () => {
    expect((await post('/api/nlu/parse', { text: 'x' }, null)).status).toBe(401);
    expect((await post('/api/nlu/parse', { text: 'x' }, 'wrong-token-wrong-token')).status).toBe(401);
  });

  it('answers 400 to malformed JSON or a bad body and 413 to an oversized one', async () => {
    expect((await post('/api/nlu/parse', '{not json')).status).toBe(400);
    expect((await post('/api/nlu/parse', { text: 42 })).status).toBe(400);
    expect((await post('/api/nlu/parse', { text: 'x'.repeat(70_000) })).status).toBe(413);
  });

  it('issues a one-time bind code for a known shop only', async () => {
    const ok = await post('/api/bind-codes', { shopCode: 'B1-23' });
    expect(ok.status).toBe(201);
    expect(((await ok.json()) as { code: string }).code).toMatch(/^\d{6}$/);
    expect((await post('/api/bind-codes', { shopCode: 'Z9999' })).status).toBe(404);
  });

  it('imports the staff roster with platform ids, one person with both platforms', async () => {
    const res = await post('/api/staff/import', {
      staff: [
        {
          employeeNo: 'E100',
          name: '何主管',
          roles: ['senior_assistant'],
          wecomUserId: 'he-wx',
          dingtalkUserId: 'he-dt',
        },
        { employeeNo: 'E101', name: '许工', roles: ['engineering'], wecomUserId: 'xu-wx' },
      ],
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ imported: 2, identitiesBound: 3, conflicts: [] });
    const people = bot.running.deps.repos.people;
    const a = await people.byIdentity('wecom', 'he-wx');
    const b = await people.byIdentity('dingtalk', 'he-dt');
    expect(a?.id).toBe(b?.id);
    expect(a?.roles).toEqual(['senior_assistant']);
    expect(
      (await post('/api/staff/import', { staff: [{ employeeNo: 'E1', name: 'x', roles: ['tenant'] }] }))
        .status,
    ).toBe(400);
  });
});
