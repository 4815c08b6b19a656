/** Short replies that steer a dialog, recognised before any intent. */
export const CANCEL = /^(取消|算了|不用了|不要了|不办了|撤销|放弃|cancel|退出)[。！!.~～了吧啊]*$/i;
export const CONFIRM =
  /^(确认|确定|是的?|对的?|没问题|好的?|可以|提交|确认提交|yes|ok|嗯+)[。！!.~～了吧啊呀]*$/i;
/** "改成明天下午4点", "改为20箱", "更正：B1-24". */
export const CORRECTION = /^(?:改成|改为|改到|更正为?|修改为?|换成|应该是)[：:\s]*(.+)$/;
/** Front desk: "发绑定码 B1-23". */
export const ISSUE_CODE = /^(?:发|生成|申请)?\s*绑定码\s*[:：]?\s*(\S+)$/;
/** Tenant binding: "绑定 B1-23 123456". */
export const BIND = /^绑定\s*[:：]?\s*(\S+?)\s+(\d{6})$/;
/** "待办", "我的待办", "待处理事项". */
export const TODO = /^(我的)?(待办|代办|待处理)(事项|的事|列表)?[?？。]*$/;
/** Staff: "B1-23 的工单", "D3-15投诉", "205 有什么单". */
export const UNIT_ITEMS = /^(.{2,10}?)\s*(的|有什么|有哪些)?\s*(工单|投诉|单子|事项|记录|申请)[?？。]*$/;
/** Front desk: start registering a written complaint. */
export const WRITTEN = /^(登记)?书面投诉(登记)?$/;
/** "补充照片", "补充照片 WX20261129-001". */
export const ADD_PHOTO = /^(补充|追加|补发|上传)(照片|图片|附件)\s*(.*)$/;
/** A tenant answering the "please confirm the repair" card in words. */
export const SAYS_FIXED = /^(已经?|确认)?(修好|好)了?[。!！~]*$|^(确认修好|可以了|没问题了)[。!！~]*$/;
export const SAYS_NOT_FIXED = /没修好|还没好|没好|还是?(坏|漏|不行|不亮|不制冷|不能用)|又坏了?|又漏了?/;
export const ACCEPT_QUOTE = /^(接受|同意)(报价|价格)?[。!！]*$/;
export const DECLINE_QUOTE = /^(不接受|拒绝|不同意)(报价|价格)?[。!！]*$/;
