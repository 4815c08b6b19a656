import { describe, expect, it } from 'vitest';
import { maskEvent, sealIds } from '../../../src/inbound/mask-event.js';
import { IdSealer } from '../../../src/lib/id-sealer.js';
import { normalizeWeCom } from '../../../src/platforms/wecom/wecom.normalize.js';
import { parseWeComXml } from '../../../src/platforms/wecom/wecom.xml.js';

const head = (type: string) =>
  `<ToUserName><![CDATA[ww1]]></ToUserName><FromUserName><![CDATA[lisi]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[${type}]]></MsgType><AgentID>1000002</AgentID>`;
const parse = (inner: string) => normalizeWeCom(parseWeComXml(`<xml>${inner}</xml>`));

describe('WeCom XML parsing', () => {
  it('refuses DOCTYPE and ENTITY declarations', () => {
    expect(() => parseWeComXml('<!DOCTYPE x [<!ENTITY a "b">]><xml><A>&a;</A></xml>')).toThrowError(
      expect.objectContaining({ reason: 'xml_doctype' }),
    );
    expect(() => parseWeComXml('<xml><!ENTITY a "b"></xml>')).toThrowError(
      expect.objectContaining({ status: 400 }),
    );
  });

  it('refuses malformed XML and a missing root', () => {
    expect(() => parseWeComXml('<xml><A></xml>')).toThrowError(
      expect.objectContaining({ reason: 'xml_malformed' }),
    );
    expect(() => parseWeComXml('<root><A>1</A></root>')).toThrowError(
      expect.objectContaining({ reason: 'xml_no_root' }),
    );
  });

  it('tolerates CDATA or not, any element order, numbers in CDATA, and decodes only predefined entities', () => {
    const a = parse(
      `<MsgId>42</MsgId><Content>a &amp; b &lt;c&gt;</Content><MsgType>text</MsgType><CreateTime><![CDATA[1700000000]]></CreateTime><FromUserName>lisi</FromUserName>`,
    );
    expect(a.dedupeKey).toBe('msg:42');
    expect(a.message).toEqual({ type: 'text', text: 'a & b <c>' });
    expect(a.at).toBe(new Date(1_700_000_000_000).toISOString());
  });

  it('refuses a message without sender or time', () => {
    expect(() => parse('<MsgType>text</MsgType><Content>x</Content>')).toThrowError(
      expect.objectContaining({ reason: 'wecom_missing_fields' }),
    );
  });
});

describe('WeCom normalisation of every message type', () => {
  it('text keeps multi-byte content exactly', () => {
    const e = parse(`${head('text')}<Content><![CDATA[B1-23隔壁音乐太吵 😡]]></Content><MsgId>1</MsgId>`);
    expect(e).toMatchObject({
      kind: 'message',
      userId: 'lisi',
      message: { type: 'text', text: 'B1-23隔壁音乐太吵 😡' },
    });
  });

  it.each(['image', 'voice', 'video'] as const)('%s carries its MediaId', (t) => {
    const e = parse(`${head(t)}<MediaId><![CDATA[m-1]]></MediaId><PicUrl>http://x</PicUrl><MsgId>2</MsgId>`);
    expect(e.message).toEqual({ type: t, mediaId: 'm-1' });
  });

  it('location parses coordinates and label', () => {
    const e = parse(
      `${head('location')}<Location_X>23.134</Location_X><Location_Y>113.358</Location_Y><Scale>20</Scale><Label><![CDATA[广州天河]]></Label><MsgId>3</MsgId>`,
    );
    expect(e.message).toEqual({
      type: 'location',
      location: { lat: 23.134, lng: 113.358, label: '广州天河' },
    });
  });

  it('link parses title and url', () => {
    const e = parse(
      `${head('link')}<Title><![CDATA[通知]]></Title><Url><![CDATA[https://a.b/c]]></Url><MsgId>4</MsgId>`,
    );
    expect(e.message).toEqual({ type: 'link', link: { title: '通知', url: 'https://a.b/c' } });
  });

  it('an unknown message type is kept as unknown, not dropped', () => {
    expect(parse(`${head('file')}<MsgId>5</MsgId>`).message).toEqual({ type: 'unknown' });
  });
});

describe('WeCom normalisation of events', () => {
  it('enter_agent becomes an enter event keyed by sender and time', () => {
    const e = parse(
      `${head('event')}<Event><![CDATA[enter_agent]]></Event><EventKey><![CDATA[]]></EventKey>`,
    );
    expect(e).toMatchObject({
      kind: 'enter',
      eventName: 'enter_agent',
      dedupeKey: 'evt:lisi|1700000000|enter_agent||',
    });
  });

  it('menu click carries the menu key', () => {
    const e = parse(`${head('event')}<Event>click</Event><EventKey>help</EventKey>`);
    expect(e).toMatchObject({ kind: 'menu', menu: { key: 'help' } });
  });

  it('template_card_event with two SelectedItems (always arrays)', () => {
    const e = parse(
      `${head('event')}<Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[submit]]></EventKey><TaskId><![CDATA[task-1]]></TaskId><CardType><![CDATA[multiple_interaction]]></CardType><ResponseCode><![CDATA[rc-1]]></ResponseCode>` +
        `<SelectedItems><SelectedItem><QuestionKey><![CDATA[q1]]></QuestionKey><OptionIds><OptionId><![CDATA[o1]]></OptionId></OptionIds></SelectedItem>` +
        `<SelectedItem><QuestionKey><![CDATA[q2]]></QuestionKey><OptionIds><OptionId>o2</OptionId><OptionId>o3</OptionId></OptionIds></SelectedItem></SelectedItems>`,
    );
    expect(e.kind).toBe('action');
    expect(e.action).toEqual({
      cardId: 'task-1',
      key: 'submit',
      cardType: 'multiple_interaction',
      responseCode: 'rc-1',
      selected: [
        { questionKey: 'q1', optionIds: ['o1'] },
        { questionKey: 'q2', optionIds: ['o2', 'o3'] },
      ],
    });
    expect(e.dedupeKey).toBe('evt:lisi|1700000000|template_card_event|task-1|submit');
  });

  it('two different clicks in the same second get different keys', () => {
    const click = (key: string) =>
      parse(
        `${head('event')}<Event>template_card_event</Event><EventKey>${key}</EventKey><TaskId>t</TaskId><ResponseCode>r</ResponseCode>`,
      );
    expect(click('approve').dedupeKey).not.toBe(click('reject').dedupeKey);
  });

  it('template_card_menu_event carries key, task and response code', () => {
    const e = parse(
      `${head('event')}<Event>template_card_menu_event</Event><EventKey>more</EventKey><TaskId>t2</TaskId><CardType>text_notice</CardType><ResponseCode>rc</ResponseCode>`,
    );
    expect(e).toMatchObject({ kind: 'menu', menu: { key: 'more', cardId: 't2', responseCode: 'rc' } });
  });

  it('change_contact carries the change', () => {
    const e = parse(
      `${head('event')}<Event>change_contact</Event><ChangeType>update_user</ChangeType><UserID>lisi</UserID><NewUserID>lisi2</NewUserID><Name>李四</Name>`,
    );
    expect(e).toMatchObject({
      kind: 'contact',
      contact: { changeType: 'update_user', userId: 'lisi', newUserId: 'lisi2', name: '李四' },
    });
  });

  it.each(['subscribe', 'unsubscribe', 'LOCATION', 'view', 'batch_job_result', 'taskcard_click'])(
    '%s is normalised and kept',
    (ev) => {
      const e = parse(`${head('event')}<Event>${ev}</Event><EventKey>k</EventKey>`);
      expect(e.eventName ?? '').not.toBe('');
      expect(e.dedupeKey).toContain(ev);
    },
  );
});

describe('personal data in inbound text', () => {
  it('masks ID numbers before anything is stored, keeping only the encrypted form beside it', () => {
    const e = parse(
      `${head('text')}<Content><![CDATA[借B1-23钥匙 身份证11010519491231002X]]></Content><MsgId>9</MsgId>`,
    );
    // The intake masks (and seals) what the receiver hands it, before its one insert.
    expect(maskEvent(e).message?.text).toBe('借B1-23钥匙 身份证110***********002X');
    const sealer = new IdSealer(Buffer.alloc(32, 7));
    const [s] = sealIds(e, sealer);
    expect(s?.masked).toBe('110***********002X');
    expect(s?.sealed).not.toContain('11010519491231002X');
    expect(sealer.open(s?.sealed ?? '')).toBe('11010519491231002X');
    expect(new IdSealer(Buffer.alloc(32, 8)).open(s?.sealed ?? '')).toBeUndefined();
  });
});
