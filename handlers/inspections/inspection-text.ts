/** Words that drive patrols and violations in chat. */
export const START_PATROL = /^(开始巡场|巡场开始|开始巡查|开始巡楼|我去巡场了?)[。!！]*$/;
export const END_PATROL = /^(结束巡场|巡场结束|结束巡查|巡场完毕|巡查完毕|巡完了)[。!！]*$/;
/** Managers: "巡场情况", "巡场情况 昨天", "巡场覆盖 12月1日". */
export const COVERAGE =
  /^(?:巡场|巡查)(?:情况|覆盖|记录|统计)\s*(今天|今日|昨天|昨日|前天|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}月\d{1,2}[日号]?)?[?？。]*$/;
/** Staff: "B1-05 违章", "B1-05 的违章记录". */
export const SHOP_VIOLATIONS = /^(.{2,10}?)\s*(?:的)?\s*违章(?:记录|情况|次数)?[?？。]*$/;
/** Steps out of the patrol's free text: the to-do list stays reachable while walking. */
export const NOT_A_FINDING = /^(我的)?(待办|代办|待处理)(事项|的事|列表)?[?？。]*$/;

/** The business day a coverage question names (`today` for none). */
export const dayOf = (
  word: string | undefined,
  today: string,
  addDays: (d: string, n: number) => string,
): string => {
  if (!word || word === '今天' || word === '今日') return today;
  if (word === '昨天' || word === '昨日') return addDays(today, -1);
  if (word === '前天') return addDays(today, -2);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(word);
  if (iso) return `${iso[1]}-${iso[2]?.padStart(2, '0')}-${iso[3]?.padStart(2, '0')}`;
  const md = /^(\d{1,2})月(\d{1,2})/.exec(word);
  if (md) return `${today.slice(0, 4)}-${md[1]?.padStart(2, '0')}-${md[2]?.padStart(2, '0')}`;
  return today;
};

/** Cleaning inspection: "清洁扣分 C02 2楼女洗手间有异味", "扣分 c1 B1通道积水". */
export const CLEANING_DEDUCT = /^(?:清洁)?扣分\s*[:：]?\s*([Cc]\s*\d{1,2})\s*[,，:：]?\s*(.*)$/;
/** A minor cleaning problem fixed on the spot: "清洁轻微 3F走廊有纸屑，已现场整改". */
export const CLEANING_MINOR = /^清洁\s*(?:轻微|小问题|记录)\s*[:：]?\s*(.+)$/;
/** "扣分标准", "清洁扣分标准". */
export const CLEANING_STANDARD = /^(?:清洁)?(?:扣分标准|扣分项)[?？。]*$/;

/** A buyer–seller dispute: "纠纷 B1-23 顾客要求退货，商户拒绝". */
export const DISPUTE = /^(?:买卖)?纠纷\s*[:：]?\s*(.+)$/;
/** Damage caused by someone: "损坏 B1-23 顾客推车撞碎玻璃门". */
export const DAMAGE = /^(?:人为)?损坏\s*[:：]?\s*(.+)$/;
