import type { NewComplaint } from '../../persistence/repositories/ticket.repository.js';

/** Words that make a complaint major (rulebook 11: report at once to the on-duty senior assistant). */
const MAJOR =
  /(受伤|打架|打人|报警|警察|媒体|曝光|记者|起诉|律师|投诉到|消协|市场监管|12345|严重|第二次|又一次|多次)/;

export const complaintKind = (
  text: string,
  urgency: 'normal' | 'urgent' | 'emergency',
): NewComplaint['kind'] => (urgency === 'emergency' || MAJOR.test(text) ? 'major' : 'general');

const CATEGORIES: readonly [RegExp, NewComplaint['category']][] = [
  [/吵|噪音|噪声|音乐|喇叭|音响|放歌|唱歌|声音/, 'noise'],
  [/臭|脏|卫生|垃圾|味道|油烟|烟味|灰尘|厕所|洗手间|蟑螂|老鼠/, 'hygiene'],
  [/收费|管理费|电费|水费|多收|罚款|停车费/, 'fees'],
  [/态度|服务|客服|保安|保洁|前台|打不通|不理/, 'service'],
  [/乱停|摆摊|占用|占道|堆|挡|拉客|发传单|推销|乞讨/, 'order'],
  [/吵架|闹事|打人|骂人|吐痰|抽烟|乱跑/, 'behaviour'],
];

export const complaintCategory = (text: string): NewComplaint['category'] =>
  CATEGORIES.find(([re]) => re.test(text))?.[1] ?? 'other';

/** The next reply promised to the customer: 2 hours for a major complaint, 24 for a general one. */
export const nextReplyDelayMs = (kind: NewComplaint['kind']): number =>
  (kind === 'major' ? 2 : 24) * 3600_000;

export const COMPLAINT_KIND_LABELS: Record<NewComplaint['kind'], string> = {
  general: '一般投诉',
  major: '重大投诉',
  written: '书面投诉',
};
