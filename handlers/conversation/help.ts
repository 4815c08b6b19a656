import type { PersonView } from '../../src/domain/people/people.types.js';

const TENANT = [
  '您好，我是商场前台助手，可以帮您：',
  '· 投诉：直接描述问题，例如“B1-23隔壁音乐太吵”“3楼东侧洗手间好臭”',
  '· 报修：例如“铺里漏水了”“205铺空调不制冷”（紧急情况会立即通知值班人员）',
  '· 物品放行：例如“明天早上8点出10箱衣服，申请放行”',
  '· 其他申请：借钥匙、装修申报、公共场地使用、换锁、营业员出入证、非营业时间作业、张贴告示、退场',
  '· 查询进度：例如“我报的漏水修好了吗”“投诉有结果了吗”或直接发单号',
  '· 补充照片：报修时直接发照片，或发送“补充照片 单号”后再发照片',
  '· 待办：发送“待办”查看需要您确认的事项（报价、维修结果）',
  '· 费用试算：例如“我的铺56平方要交多少按金”',
  '办理过程中随时回复“取消”放弃，说“改成…”修改。',
];

const STAFF_EXTRA = [
  '员工还可以：',
  '· 发送“待办”查看等您处理的投诉、工单和审批（按时间先后，附操作按钮）',
  '· 发送“B1-23 的工单”查看某个铺位未完成的事项',
  '· 在卡片上点按钮处理（接单、回复商户、上报、办结、同意、驳回…），需要填写内容时我会逐项询问',
  '· 档案查阅申请：例如“申请调阅B1-23的租赁合同档案”',
];

const FRONT_DESK = ['· 为商户发放绑定码：发送“发绑定码 B1-23”', '· 登记书面投诉：发送“登记书面投诉”'];

const UNBOUND = [
  '您好，首次使用请先绑定身份：',
  '· 商户：回复“绑定 铺位号 绑定码”，例如“绑定 B1-23 123456”（绑定码请向商场前台索取）',
  '· 员工：请联系前台，在通讯录导入时登记您的账号',
];

/** What the bot can do for this person, in Chinese, with examples. */
export const helpText = (person: PersonView | null): string => {
  if (!person) return UNBOUND.join('\n');
  if (person.kind === 'tenant') return TENANT.join('\n');
  const desk = person.roles.some((r) =>
    ['cs_clerk', 'senior_assistant', 'deputy_manager', 'manager'].includes(r),
  );
  return [
    ...TENANT.slice(1, 5).map((l) => l),
    ...STAFF_EXTRA,
    ...(desk ? FRONT_DESK : []),
    '随时回复“取消”放弃当前事项。',
  ]
    .join('\n')
    .replace(/^/, '您好，我是商场前台助手。\n');
};

export const UNBOUND_PROMPT = UNBOUND.join('\n');
