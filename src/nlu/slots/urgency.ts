export type Urgency = 'normal' | 'urgent' | 'emergency';

/** Safety cases: people trapped, sparks, fire, electrocution, flooding into goods. */
const EMERGENCY =
  /(有人被困|被困|困在电梯|关在电梯|困住|卡在电梯|冒火花|打火花|火花|冒烟|起火|着火|失火|火灾|烧起来|漏电|触电|电到人|水漫|水淹|淹了|大量漏水|漏水[^，。,.!！]{0,6}(?:货|商品|衣服|库存)|(?:货|商品|衣服|库存)[^，。,.!！]{0,4}(?:泡水|被淹|湿了)|爆管|水管爆|燃气味|煤气味|有人晕倒|有人受伤)/;
const URGENT = /(急|马上|赶紧|尽快|立刻|立即|快点|快来|速来|十万火急|等不了|严重)/;

export const extractUrgency = (text: string): Urgency =>
  EMERGENCY.test(text) ? 'emergency' : URGENT.test(text) ? 'urgent' : 'normal';
