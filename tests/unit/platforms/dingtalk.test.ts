import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/lib/clock.js';
import { BizMsgCrypt, sha1Signature } from '../../../src/platforms/crypto/biz-msg-crypt.js';
import {
  normalizeCardCallback,
  normalizeRobotMessage,
  stripMention,
} from '../../../src/platforms/dingtalk/dingtalk.normalize.js';
import { DingTalkReceiver } from '../../../src/platforms/dingtalk/dingtalk.receiver.js';
import { robotSign, robotSignMatches } from '../../../src/platforms/dingtalk/dingtalk.sign.js';

describe('robot signature (PROTOCOLS.md §2.1)', () => {
  it('matches the receive-message doc example', () => {
    expect(robotSign('1577262236757', 'this is secret')).toBe('hmPWwU+7lVdm3ZZz0r9tSfx0L4Q26jWOZr9+Gs6EZQM=');
  });
  it('matches the custom-robot derived vector', () => {
    expect(robotSign('1690362102194', 'SEC0123456789abcdef')).toBe(
      '4JqpsfB+DjzecWdalBdBEj8RcFFkqCx5yL822pjfumk=',
    );
  });
  it('refuses a wrong secret or a changed timestamp', () => {
    const sign = robotSign('1577262236757', 'this is secret');
    expect(robotSignMatches(sign, '1577262236757', 'this is secret')).toBe(true);
    expect(robotSignMatches(sign, '1577262236757', 'another secret')).toBe(false);
    expect(robotSignMatches(sign, '1577262236758', 'this is secret')).toBe(false);
  });
});

const D1 = {
  token: 'mryue',
  aesKey: 'Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7',
  appKey: 'ding6ccabc44d2c8d38b',
};

describe('DingTalk receiver', () => {
  const clock = new ManualClock(1_608_001_896_814);
  const receiver = new DingTalkReceiver({
    dingtalk: {
      appKey: D1.appKey,
      appSecret: 'this is secret',
      robotCode: 'dingrobot1',
      corpId: 'dingcorp1',
      sessionWebhookBase: 'https://oapi.dingtalk.com/robot/sendBySession',
      events: { token: D1.token, aesKey: D1.aesKey },
    },
    maxClockSkewS: 300,
    clock,
  });
  const body = JSON.stringify({
    msgtype: 'text',
    text: { content: ' 铺里漏水了' },
    msgId: 'msgABC',
    createAt: 1_608_001_896_000,
    conversationType: '1',
    conversationId: 'cid1',
    senderStaffId: 'manager4220',
    sessionWebhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=x',
    sessionWebhookExpiredTime: 1_608_007_296_000,
  });

  it('accepts a signed robot message inside the window', () => {
    const ts = String(clock.now().getTime());
    const e = receiver.openRobot({ timestamp: ts, sign: robotSign(ts, 'this is secret') }, body);
    expect(e).toMatchObject({
      dedupeKey: 'msg:msgABC',
      userId: 'manager4220',
      message: { type: 'text', text: '铺里漏水了' },
    });
    expect(e.session?.expiresAt).toBe(new Date(1_608_007_296_000).toISOString());
  });

  it('refuses an expired timestamp and a wrong secret with 401', () => {
    const old = String(clock.now().getTime() - 3_600_000);
    expect(() =>
      receiver.openRobot({ timestamp: old, sign: robotSign(old, 'this is secret') }, body),
    ).toThrowError(expect.objectContaining({ status: 401, reason: 'stale_timestamp' }));
    const ts = String(clock.now().getTime());
    expect(() =>
      receiver.openRobot({ timestamp: ts, sign: robotSign(ts, 'wrong secret') }, body),
    ).toThrowError(expect.objectContaining({ status: 401, reason: 'bad_signature' }));
  });

  it('answers check_url (vector D1) and acknowledges with encrypted "success"', () => {
    const q = 'signature=03044561471240d4a14bb09372dfcfd4fd0e40cb&timestamp=1608001896814&nonce=WL4PK6yA';
    const enc =
      '0vJiX6vliEpwG3U45CtXqi+m8PXbQRARJ8p8BbDuD1EMTDf0jKpQ79QS93qEk7XHpP6u+oTTrd15NRPvNvmBKyDCYxxOK+HZeKju4yhELOFchzNukR+t8SB/qk4ROMu3';
    expect(receiver.openEvent(q, JSON.stringify({ encrypt: enc })).push).toEqual({
      kind: 'ignore',
      eventType: 'check_url',
    });
    const ack = receiver.ackEvent();
    expect(sha1Signature([D1.token, ack.timeStamp, ack.nonce, ack.encrypt])).toBe(ack.msg_signature);
    expect(new BizMsgCrypt(D1.aesKey).decrypt(ack.encrypt, D1.appKey).message).toBe('success');
  });

  it('refuses an event encrypted for another owner key', () => {
    const crypt = new BizMsgCrypt(D1.aesKey);
    const enc = crypt.encrypt('{"EventType":"user_add_org","UserId":["u1"]}', 'dingSOMEOTHERAPP');
    const ts = String(clock.now().getTime());
    const q = `signature=${sha1Signature([D1.token, ts, 'n1', enc])}&timestamp=${ts}&nonce=n1`;
    expect(() => receiver.openEvent(q, JSON.stringify({ encrypt: enc }))).toThrowError(
      expect.objectContaining({ reason: 'bad_owner_key' }),
    );
  });

  it('handles a pad-32 event and turns user_leave_org into one contact event per user', () => {
    const crypt = new BizMsgCrypt(D1.aesKey);
    // 16 + 4 + msg + 20-byte app key: a 24-byte msg frames to 64 bytes, so the pad is 32.
    const msg = '{"EventType":"user_x","U":1}'.slice(0, 24);
    expect(Buffer.byteLength(msg)).toBe(24);
    const enc = crypt.encrypt(msg, D1.appKey);
    expect(crypt.decrypt(enc, D1.appKey).pad).toBe(32);
    const full = crypt.encrypt('{"EventType":"user_leave_org","UserId":["u9","u8"]}', D1.appKey);
    const ts = String(clock.now().getTime());
    const q = `msg_signature=${sha1Signature([D1.token, ts, 'n2', full])}&timeStamp=${ts}&nonce=n2`;
    const { push } = receiver.openEvent(q, JSON.stringify({ encrypt: full }));
    expect(push.kind === 'act' ? push.events : []).toMatchObject([
      { kind: 'contact', userId: 'u9', contact: { changeType: 'user_leave_org', userId: 'u9' } },
      { kind: 'contact', userId: 'u8' },
    ]);
  });

  it('refuses a robot message for another robot or another corp (401)', () => {
    const ts = String(clock.now().getTime());
    const sign = robotSign(ts, 'this is secret');
    const msg = JSON.parse(body) as Record<string, unknown>;
    expect(() =>
      receiver.openRobot({ timestamp: ts, sign }, JSON.stringify({ ...msg, robotCode: 'dingOTHER' })),
    ).toThrowError(expect.objectContaining({ status: 401, reason: 'foreign_robot_code' }));
    expect(() =>
      receiver.openRobot({ timestamp: ts, sign }, JSON.stringify({ ...msg, senderCorpId: 'dingEVIL' })),
    ).toThrowError(expect.objectContaining({ status: 401, reason: 'foreign_corp_id' }));
    const card = { outTrackId: 'c1', userId: 'u1', corpId: 'dingEVIL', content: '{"cardPrivateData":{}}' };
    expect(() => receiver.openCard({ timestamp: ts, sign }, JSON.stringify(card))).toThrowError(
      expect.objectContaining({ status: 401, reason: 'foreign_corp_id' }),
    );
  });

  it('keeps only DingTalk session webhooks: a foreign URL is dropped before it is stored', () => {
    const ts = String(clock.now().getTime());
    const sign = robotSign(ts, 'this is secret');
    const msg = JSON.parse(body) as Record<string, unknown>;
    for (const webhook of [
      'https://evil.example/robot/sendBySession?session=x',
      'http://oapi.dingtalk.com/robot/sendBySession?session=x',
      'https://oapi.dingtalk.com:8443/robot/sendBySession?session=x',
      'https://oapi.dingtalk.com/robot/other?session=x',
      'https://user:pw@oapi.dingtalk.com/robot/sendBySession?session=x',
      'not a url',
    ]) {
      const e = receiver.openRobot(
        { timestamp: ts, sign },
        JSON.stringify({ ...msg, sessionWebhook: webhook }),
      );
      expect(e.session, webhook).toBeUndefined();
    }
  });
});

describe('DingTalk normalisation', () => {
  const base = {
    msgId: 'm1',
    createAt: 1,
    conversationType: '2',
    conversationId: 'cidG',
    senderStaffId: 'u1',
    isInAtList: true,
  };
  it('strips the @-mention of group messages', () => {
    expect(stripMention('@前台助手 B1-23隔壁太吵')).toBe('B1-23隔壁太吵');
    const e = normalizeRobotMessage({ ...base, msgtype: 'text', text: { content: '@前台助手  铺里漏水了' } });
    expect(e).toMatchObject({
      conversation: { type: 'group', id: 'cidG' },
      mentioned: true,
      message: { text: '铺里漏水了' },
    });
  });
  it('reads voice recognition, rich text, pictures and unknown types', () => {
    expect(
      normalizeRobotMessage({
        ...base,
        msgtype: 'audio',
        content: { recognition: '电梯坏了', downloadCode: 'dc' },
      }).message,
    ).toEqual({
      type: 'voice',
      text: '电梯坏了',
      mediaId: 'dc',
    });
    expect(
      normalizeRobotMessage({
        ...base,
        msgtype: 'richText',
        content: { richText: [{ text: '漏水' }, { type: 'picture', downloadCode: 'p' }, { text: '了' }] },
      }).message,
    ).toEqual({
      type: 'rich',
      text: '漏水了',
    });
    expect(
      normalizeRobotMessage({ ...base, msgtype: 'picture', content: { downloadCode: 'x' } }).message?.type,
    ).toBe('image');
    expect(normalizeRobotMessage({ ...base, msgtype: 'unknownMsgType' }).message?.type).toBe('unknown');
  });
  it('refuses a message with no sender or a malformed body', () => {
    expect(() => normalizeRobotMessage({ msgtype: 'text' })).toThrowError(
      expect.objectContaining({ status: 400 }),
    );
  });
  it('turns a card callback into an action event', () => {
    const e = normalizeCardCallback(
      {
        type: 'actionCallback',
        outTrackId: 'ap-1',
        userId: 'u2',
        content: JSON.stringify({
          cardPrivateData: { actionIds: ['x'], params: { action_key: 'approval:approve:1:0' } },
        }),
      },
      new Date(0),
    );
    expect(e).toMatchObject({
      kind: 'action',
      userId: 'u2',
      action: { cardId: 'ap-1', key: 'approval:approve:1:0' },
    });
    expect(() =>
      normalizeCardCallback({ outTrackId: 'a', userId: 'u', content: 'not json' }, new Date(0)),
    ).toThrow();
  });
});
