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
