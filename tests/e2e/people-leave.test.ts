import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildXml } from '../../emulators/wecom/wecom-emulator.callbacks.js';
import { addStaff, addTenant } from '../helpers/fixtures.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { eventually } from '../helpers/wait.js';

describe('WeCom change_contact delete_user', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({
      wecom: { users: ['pl-staff', 'pl-tenant', 'pl-eng1', 'pl-eng2', 'pl-sa1', 'pl-sa2', 'pl-shop'] },
    });
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

  it('hands a leaver’s work to whoever is on duty: their work order back to engineering, their approval step to the other holder', async () => {
    const deps = bot.running.deps;
    const emu = bot.wecom!;
    const shop = await addTenant(deps, {
      name: '钱老板',
      shopCode: 'C1-01',
      accounts: [{ platform: 'wecom', userId: 'pl-shop' }],
    });
    const eng1 = await addStaff(deps, {
      name: '甲工',
      roles: ['engineering'],
      employeeNo: 'PL-E1',
      accounts: [{ platform: 'wecom', userId: 'pl-eng1' }],
    });
    await addStaff(deps, {
      name: '乙工',
      roles: ['engineering'],
      employeeNo: 'PL-E2',
      accounts: [{ platform: 'wecom', userId: 'pl-eng2' }],
    });
    await addStaff(deps, {
      name: '甲主管',
      roles: ['senior_assistant'],
      employeeNo: 'PL-S1',
      accounts: [{ platform: 'wecom', userId: 'pl-sa1' }],
    });
    const { repair } = await deps.services.repairs.file({
      reporter: shop,
      channel: { platform: 'wecom', userId: 'pl-shop', conversationId: 'pl-shop' },
      text: '铺里灯不亮',
      shopCode: 'C1-01',
      unit: 'C1-01',
      place: '',
      floor: '',
      urgency: 'normal',
      sourceKey: 'pl-repair',
    });
    const accepted = await deps.services.repairs.act({
      id: repair.id,
      action: 'accept',
      actor: { person: eng1, account: { platform: 'wecom', userId: 'pl-eng1' } },
      input: {},
    });
    expect(accepted.kind).toBe('done');
    expect((await deleteUser('pl-eng1')).status).toBe(200);
    const back = await eventually(async () => {
      const r = await deps.repos.repairs.get(repair.id);
      return r?.status === 'reported' ? r : undefined;
    });
    expect(back.assigneeId).toBeUndefined();
    expect(back.history.at(-1)).toMatchObject({ action: 'release', actorId: '000000000000000000000000' });
    const card = await emu.waitFor(() =>
      emu.cards('pl-eng2').find((c) => c.keys.some((k) => k.startsWith(`rp:accept:${repair.id}:`))),
    );
    expect(String((card.card.main_title as { title: string }).title)).toContain(repair.number);
    expect(
      emu.cards('pl-eng1').some((c) => c.keys.some((k) => k.includes(repair.id)) && !c.replacedName),
    ).toBe(false);
    // A senior assistant leaves with a goods release waiting at their role: the other holder gets the card.
    const sa1 = await deps.repos.people.byIdentity('wecom', 'pl-sa1');
    const { approval } = await deps.services.approvals.submit({
      type: 'goods_release',
      requester: shop,
      channel: { platform: 'wecom', userId: 'pl-shop', conversationId: 'pl-shop' },
      shopCode: 'C1-01',
      text: '出货',
      details: [],
      sourceKey: 'pl-approval',
    });
    expect(sa1).not.toBeNull();
    await addStaff(deps, {
      name: '乙主管',
      roles: ['senior_assistant'],
      employeeNo: 'PL-S2',
      accounts: [{ platform: 'wecom', userId: 'pl-sa2' }],
    });
    expect((await deleteUser('pl-sa1')).status).toBe(200);
    await emu.waitFor(() =>
      emu.cards('pl-sa2').find((c) => c.keys.some((k) => k.startsWith(`ap:approve:${approval.id}:`))),
    );
  });
});
