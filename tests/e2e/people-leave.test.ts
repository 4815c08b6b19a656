import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildXml } from '../../emulators/wecom/wecom-emulator.callbacks.js';
import { addStaff, addTenant } from '../helpers/fixtures.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { eventually } from '../helpers/wait.js';

describe('WeCom change_contact delete_user', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ wecom: { users: ['pl-staff', 'pl-tenant'] } });
  });
  afterAll(async () => {
    await bot?.close();
  });

  const deleteUser = (userId: string, createTime = Math.floor(Date.now() / 1000)) => {
    const emu = bot.wecom!;
    return emu.deliver(
      emu.signed(
        buildXml({
          ToUserName: emu.corpId,
          FromUserName: 'sys',
          CreateTime: createTime,
          MsgType: 'event',
          Event: 'change_contact',
          ChangeType: 'delete_user',
          UserID: userId,
          AgentID: emu.agentId,
        }),
      ),
    );
  };

  it('removes a member of staff’s accounts on both platforms, roles and duty, audited; they can no longer act', async () => {
    const deps = bot.running.deps;
    const staff = await addStaff(deps, {
      name: '老周',
      roles: ['deputy_manager'],
      employeeNo: 'PL-1',
      accounts: [
        { platform: 'wecom', userId: 'pl-staff' },
        { platform: 'dingtalk', userId: 'pl-staff-dt' },
      ],
    });
    expect((await deleteUser('pl-staff')).status).toBe(200);
    const after = await eventually(async () => {
      const p = await deps.repos.people.get(staff.id);
      return p && !p.active ? p : undefined;
    });
    expect(after.roles).toEqual([]);
    expect(await deps.repos.people.identitiesOf(staff.id)).toEqual([]);
    expect(await deps.repos.people.byIdentity('wecom', 'pl-staff')).toBeNull();
    expect(await deps.repos.people.byIdentity('dingtalk', 'pl-staff-dt')).toBeNull();
    expect(await deps.repos.audit.find({ action: 'person.left', targetId: staff.id })).toHaveLength(1);
    // A second delivery of the same kind of event changes nothing more and audits nothing more.
    // (A later CreateTime: the same second would be the same event, de-duplicated.)
    expect((await deleteUser('pl-staff', Math.floor(Date.now() / 1000) + 5)).status).toBe(200);
    await eventually(async () => (await deps.repos.inbound.count({ status: 'done' })) >= 2);
    expect(await deps.repos.audit.find({ action: 'person.left', targetId: staff.id })).toHaveLength(1);
  });

  it('unbinds only that WeCom account of a tenant; the tenant and their shop stay', async () => {
    const deps = bot.running.deps;
    const tenant = await addTenant(deps, {
      name: '周老板',
      shopCode: '3F-12',
      accounts: [
        { platform: 'wecom', userId: 'pl-tenant' },
        { platform: 'dingtalk', userId: 'pl-tenant-dt' },
      ],
    });
    expect((await deleteUser('pl-tenant')).status).toBe(200);
    await eventually(async () =>
      (await deps.repos.people.byIdentity('wecom', 'pl-tenant')) ? undefined : true,
    );
    expect((await deps.repos.people.byIdentity('dingtalk', 'pl-tenant-dt'))?.id).toBe(tenant.id);
    expect((await deps.repos.people.get(tenant.id))?.active).toBe(true);
    expect(await deps.repos.audit.find({ action: 'person.account_left', targetId: tenant.id })).toHaveLength(
      1,
    );
  });
});
