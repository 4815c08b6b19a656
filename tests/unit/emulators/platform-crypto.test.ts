import { describe, expect, it } from 'vitest';
import {
  callbackSignature,
  dingtalkRobotSign,
  PlatformCallbackCrypto,
} from '../../../emulators/shared/platform-crypto.js';

// Official vectors from PROTOCOLS.md §1.5 (W1, W4), §2.3 (D1) and §2.1 (robot sign).
const W1 = {
  token: 'QDG6eK',
  key: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  receiveId: 'wx5823bf96d3bd56c7',
  echostr: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
  echoSignature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
  encrypt:
    'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==',
};
const W1_PLAIN =
  '<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>\n<FromUserName><![CDATA[mycreate]]></FromUserName>\n<CreateTime>1409659813</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[hello]]></Content>\n<MsgId>4561255354251345929</MsgId>\n<AgentID>218</AgentID>\n</xml>';
const W4_PLAIN =
  '<xml>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[test]]></Content>\n<FromUserName><![CDATA[wx49f0ab532d5d035a]]></FromUserName>\n<ToUserName><![CDATA[messense]]></ToUserName>\n<AgentID>1</AgentID>\n<CreateTime>1411525903</CreateTime>\n</xml>';

describe('emulator platform crypto against the official vectors', () => {
  it('W1: signs and opens the URL verification and the POST exactly as WeCom', () => {
    const c = new PlatformCallbackCrypto(W1.key);
    expect(callbackSignature(W1.token, '1409659589', '263014780', W1.echostr)).toBe(W1.echoSignature);
    expect(c.open(W1.echostr)).toEqual({ message: '1616140317555161061', receiveId: W1.receiveId });
    expect(callbackSignature(W1.token, '1409659813', '1372623149', W1.encrypt)).toBe(
      '477715d11cdb4164915debcba66cb864d751f3e6',
    );
    const opened = c.open(W1.encrypt);
    expect(opened).toEqual({ message: W1_PLAIN, receiveId: W1.receiveId });
    // Sealing with the vector's random bytes gives back the vector (pad 30).
    expect(c.seal(W1_PLAIN, W1.receiveId, Buffer.from('0960688932c47ef1'))).toBe(W1.encrypt);
  });

  it('W4: deterministic encryption and signature (wechatpy)', () => {
    const c = new PlatformCallbackCrypto('kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR');
    const sealed = c.seal(W4_PLAIN, 'wx49f0ab532d5d035a', Buffer.from('1234567890123456'));
    expect(sealed).toBe(
      '9s4gMv99m88kKTh/H8IdkOiMg6bisoy3ypwy9H4hvSPe9nsGaqyw5hhSjdYbcrKk+j3nba4HMOTzHrluLBYqxgNcBqGsL8GqxlhZgURnAtObvesEl5nZ+uBE8bviY0LWke8Zy9V/QYKxNV2FqllNXcfmstttyIkMKCCmVbCFM2JTF5wY0nFhHZSjPUL2Q1qvSUCUld+/WIXrx0oyKQmpB6o8NRrrNrsDf03oxI1p9FxUgMnwKKZeOA/uu+2IEvEBtb7muXsVbwbgX05UPPJvFurDXafG0RQyPR+mf1nDnAtQmmNOuiR5MIkdQ39xn1vWwi1O5oazPoQJz0nTYjxxEE8kv3kFxtAGVRe3ypD3WeK2XeFYFMNMpatF9XiKzHo3',
    );
    expect(callbackSignature('123456', '1411525903', '461056294', sealed)).toBe(
      '407518b7649e86ef23978113f92d27afa9296533',
    );
  });

  it('D1: the DingTalk check_url push (pad 31) and its signature', () => {
    const c = new PlatformCallbackCrypto('Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7');
    const encrypt =
      '0vJiX6vliEpwG3U45CtXqi+m8PXbQRARJ8p8BbDuD1EMTDf0jKpQ79QS93qEk7XHpP6u+oTTrd15NRPvNvmBKyDCYxxOK+HZeKju4yhELOFchzNukR+t8SB/qk4ROMu3';
    expect(callbackSignature('mryue', '1608001896814', 'WL4PK6yA', encrypt)).toBe(
      '03044561471240d4a14bb09372dfcfd4fd0e40cb',
    );
    expect(c.open(encrypt)).toEqual({
      message: '{"EventType":"check_url"}',
      receiveId: 'ding6ccabc44d2c8d38b',
    });
    expect(c.seal('{"EventType":"check_url"}', 'ding6ccabc44d2c8d38b', Buffer.from('l7Y3EcX2CU5w8av3'))).toBe(
      encrypt,
    );
  });

  it('pad 32 and multi-byte text survive a round trip', () => {
    const c = new PlatformCallbackCrypto(W1.key);
    // 20 + 6 (two CJK characters) + 6 = 32 bytes: a whole block of padding.
    const sealed = c.seal('漏水', 'corp01');
    expect(Buffer.from(sealed, 'base64').length).toBe(64);
    expect(c.open(sealed)).toEqual({ message: '漏水', receiveId: 'corp01' });
  });

  it('robot sign: the derived vector of PROTOCOLS.md §2.1', () => {
    expect(dingtalkRobotSign('1577262236757', 'this is secret')).toBe(
      'hmPWwU+7lVdm3ZZz0r9tSfx0L4Q26jWOZr9+Gs6EZQM=',
    );
  });
});
