import { describe, expect, it } from 'vitest';
import {
  BizMsgCrypt,
  CryptoErrorCode,
  sha1Signature,
  signatureMatches,
} from '../../../src/platforms/crypto/biz-msg-crypt.js';

// Official vectors, PROTOCOLS.md §1.5 (W1, W4) and §2.3 (D1).
const W1 = {
  token: 'QDG6eK',
  key: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  corp: 'wx5823bf96d3bd56c7',
};
const W1A = {
  sig: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
  ts: '1409659589',
  nonce: '263014780',
  echostr: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
};
const W1B = {
  sig: '477715d11cdb4164915debcba66cb864d751f3e6',
  ts: '1409659813',
  nonce: '1372623149',
  encrypt:
    'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==',
  plain:
    '<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>\n<FromUserName><![CDATA[mycreate]]></FromUserName>\n<CreateTime>1409659813</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[hello]]></Content>\n<MsgId>4561255354251345929</MsgId>\n<AgentID>218</AgentID>\n</xml>',
};
const W4 = {
  token: '123456',
  key: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR',
  appId: 'wx49f0ab532d5d035a',
};
const W4_DECRYPT = {
  sig: '74d92dfeb87ba7c714f89d98870ae5eb62dff26d',
  ts: '1411525903',
  nonce: '461056294',
  encrypt:
    'RgqEoJj5A4EMYlLvWO1F86ioRjZfaex/gePD0gOXTxpsq5Yj4GNglrBb8I2BAJVODGajiFnXBu7mCPatfjsu6IHCrsTyeDXzF6Bv283dGymzxh6ydJRvZsryDyZbLTE7rhnus50qGPMfp2wASFlzEgMW9z1ef/RD8XzaFYgm7iTdaXpXaG4+BiYyolBug/gYNx410cvkKR2/nPwBiT+P4hIiOAQqGp/TywZBtDh1yCF2KOd0gpiMZ5jSw3e29mTvmUHzkVQiMS6td7vXUaWOMZnYZlF3So2SjHnwh4jYFxdgpkHHqIrH/54SNdshoQgWYEvccTKe7FS709/5t6NMxuGhcUGAPOQipvWTT4dShyqio7mlsl5noTrb++x6En749zCpQVhDpbV6GDnTbcX2e8K9QaNWHp91eBdCRxthuL0=',
};
const D1 = {
  token: 'mryue',
  key: 'Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7',
  owner: 'ding6ccabc44d2c8d38b',
  sig: '03044561471240d4a14bb09372dfcfd4fd0e40cb',
  ts: '1608001896814',
  nonce: 'WL4PK6yA',
  encrypt:
    '0vJiX6vliEpwG3U45CtXqi+m8PXbQRARJ8p8BbDuD1EMTDf0jKpQ79QS93qEk7XHpP6u+oTTrd15NRPvNvmBKyDCYxxOK+HZeKju4yhELOFchzNukR+t8SB/qk4ROMu3',
};

describe('W1 (official WeCom example)', () => {
  const crypt = new BizMsgCrypt(W1.key);

  it('verifies and decrypts the URL-verification echostr', () => {
    expect(signatureMatches(W1A.sig, [W1.token, W1A.ts, W1A.nonce, W1A.echostr])).toBe(true);
    const d = crypt.decrypt(W1A.echostr, W1.corp);
    expect(d.message).toBe('1616140317555161061');
    expect(d.pad).toBe(7);
  });

  it('verifies and decrypts the POSTed message (pad 30)', () => {
    expect(signatureMatches(W1B.sig, [W1.token, W1B.ts, W1B.nonce, W1B.encrypt])).toBe(true);
    const d = crypt.decrypt(W1B.encrypt, W1.corp);
    expect(d.message).toBe(W1B.plain);
    expect(Buffer.byteLength(d.message)).toBe(284);
    expect(d.pad).toBe(30);
    expect(d.random.toString('utf8')).toBe('0960688932c47ef1');
  });

  it('refuses a wrong receive id with -40005', () => {
    expect(() => crypt.decrypt(W1B.encrypt, 'wwsomeothercorp')).toThrowError(
      expect.objectContaining({ code: CryptoErrorCode.RECEIVE_ID }),
    );
  });
});

describe('W4 (wechatpy vectors)', () => {
  const crypt = new BizMsgCrypt(W4.key);
  const echostr = '4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q==';

  it('checks the URL-verification signature and fails it with the wrong nonce', () => {
    const parts = [W4.token, '1411443780', '437374425', echostr];
    expect(signatureMatches('dd6b9c95b495b3f7e2901bfbc76c664930ffdb96', parts)).toBe(true);
    expect(crypt.decrypt(echostr).message).toBe('5927782489442352469');
    expect(
      signatureMatches('dd6b9c95b495b3f7e2901bfbc76c664930ffdb96', [
        W4.token,
        '1411443780',
        '437374424',
        echostr,
      ]),
    ).toBe(false);
  });

  it('decrypts a pad-1 message', () => {
    expect(
      signatureMatches(W4_DECRYPT.sig, [W4.token, W4_DECRYPT.ts, W4_DECRYPT.nonce, W4_DECRYPT.encrypt]),
    ).toBe(true);
    const d = crypt.decrypt(W4_DECRYPT.encrypt, W4.appId);
    expect(d.pad).toBe(1);
    expect(d.message).toContain('<FromUserName><![CDATA[messense]]></FromUserName>');
    expect(d.message).toContain('<Content><![CDATA[test]]></Content>');
    expect(d.message).toContain('4363689963896700987');
  });

  it('encrypts deterministically to the expected ciphertext and signature', () => {
    const plain =
      '<xml>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[test]]></Content>\n<FromUserName><![CDATA[wx49f0ab532d5d035a]]></FromUserName>\n<ToUserName><![CDATA[messense]]></ToUserName>\n<AgentID>1</AgentID>\n<CreateTime>1411525903</CreateTime>\n</xml>';
    const enc = crypt.encrypt(plain, W4.appId, Buffer.from('1234567890123456'));
    expect(enc).toBe(
      '9s4gMv99m88kKTh/H8IdkOiMg6bisoy3ypwy9H4hvSPe9nsGaqyw5hhSjdYbcrKk+j3nba4HMOTzHrluLBYqxgNcBqGsL8GqxlhZgURnAtObvesEl5nZ+uBE8bviY0LWke8Zy9V/QYKxNV2FqllNXcfmstttyIkMKCCmVbCFM2JTF5wY0nFhHZSjPUL2Q1qvSUCUld+/WIXrx0oyKQmpB6o8NRrrNrsDf03oxI1p9FxUgMnwKKZeOA/uu+2IEvEBtb7muXsVbwbgX05UPPJvFurDXafG0RQyPR+mf1nDnAtQmmNOuiR5MIkdQ39xn1vWwi1O5oazPoQJz0nTYjxxEE8kv3kFxtAGVRe3ypD3WeK2XeFYFMNMpatF9XiKzHo3',
    );
    expect(sha1Signature([W4.token, '1411525903', '461056294', enc])).toBe(
      '407518b7649e86ef23978113f92d27afa9296533',
    );
  });
});

describe('D1 (DingTalk event subscription)', () => {
  it('verifies and decrypts check_url with the app key as owner key (pad 31)', () => {
    expect(signatureMatches(D1.sig, [D1.token, D1.ts, D1.nonce, D1.encrypt])).toBe(true);
    const d = new BizMsgCrypt(D1.key).decrypt(D1.encrypt, D1.owner);
    expect(d.message).toBe('{"EventType":"check_url"}');
    expect(d.pad).toBe(31);
    expect(d.random.toString('utf8')).toBe('l7Y3EcX2CU5w8av3');
  });

  it('refuses the wrong owner key', () => {
    expect(() => new BizMsgCrypt(D1.key).decrypt(D1.encrypt, 'dingwrongownerkey')).toThrowError(
      expect.objectContaining({ code: CryptoErrorCode.RECEIVE_ID }),
    );
  });
});

describe('edge cases', () => {
  const crypt = new BizMsgCrypt(W1.key);
  const rnd = Buffer.from('abcdefghijklmnop');

  it('round-trips a message whose framed length is a multiple of 32 (pad = 32)', () => {
    // 16 random + 4 len + msg + 18-byte corp id: msg of 26 bytes makes 64, a multiple of 32.
    const msg = 'x'.repeat(26);
    const enc = crypt.encrypt(msg, W1.corp, rnd);
    const d = crypt.decrypt(enc, W1.corp);
    expect(d.pad).toBe(32);
    expect(d.message).toBe(msg);
  });

  it('round-trips a message that needs pad = 1', () => {
    const msg = 'y'.repeat(25); // 16 + 4 + 25 + 18 = 63
    const d = crypt.decrypt(crypt.encrypt(msg, W1.corp, rnd), W1.corp);
    expect(d.pad).toBe(1);
    expect(d.message).toBe(msg);
  });

  it('counts msg_len in bytes for multi-byte UTF-8 text', () => {
    const msg = '<xml><Content><![CDATA[B1-23隔壁音乐太吵😡]]></Content></xml>';
    const d = crypt.decrypt(crypt.encrypt(msg, W1.corp), W1.corp);
    expect(d.message).toBe(msg);
    expect(d.receiveId).toBe(W1.corp);
  });

  it('supports an empty receive id (intelligent robot)', () => {
    expect(crypt.decrypt(crypt.encrypt('hi', ''), '').message).toBe('hi');
  });

  it('rejects tampered ciphertext: either the signature or the decryption fails', () => {
    const enc = crypt.encrypt('hello tenant', W1.corp, rnd);
    const bytes = Buffer.from(enc, 'base64');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    const tampered = bytes.toString('base64');
    expect(signatureMatches(sha1Signature([W1.token, '1', '2', enc]), [W1.token, '1', '2', tampered])).toBe(
      false,
    );
    expect(() => crypt.decrypt(tampered, W1.corp)).toThrow();
  });

  it('rejects non-Base64 and short ciphertext', () => {
    expect(() => crypt.decrypt('not base64!!', W1.corp)).toThrowError(
      expect.objectContaining({ code: CryptoErrorCode.BASE64 }),
    );
    expect(() => crypt.decrypt('AAAA', W1.corp)).toThrowError(
      expect.objectContaining({ code: CryptoErrorCode.DECRYPT }),
    );
  });

  it('rejects a malformed EncodingAESKey', () => {
    expect(() => new BizMsgCrypt('short')).toThrowError(
      expect.objectContaining({ code: CryptoErrorCode.BAD_AES_KEY }),
    );
  });
});
