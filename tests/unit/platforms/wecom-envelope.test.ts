import { describe, expect, it } from 'vitest';
import { parseWeComEnvelope } from '../../../src/platforms/wecom/wecom.envelope.js';
import { parseWeComXml } from '../../../src/platforms/wecom/wecom.xml.js';

const status = (f: () => unknown): number | 'ok' => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return (e as { status?: number }).status ?? 500;
  }
};

describe('WeCom envelope scan (before the signature)', () => {
  it('reads a real envelope in any order, CDATA exactly as sent', () => {
    const env = parseWeComEnvelope(
      '<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>\n<Encrypt><![CDATA[ab+/ cd==]]></Encrypt><AgentID>218</AgentID></xml>',
    );
    expect(env.get('Encrypt')).toBe('ab+/ cd==');
    expect(env.get('AgentID')).toBe('218');
  });

  it('refuses with 400 everything that is not a flat list of a few elements', () => {
    for (const xml of [
      '',
      '<xml>',
      '<xml><a><b>1</b></a></xml>',
      `<xml>${'<a>1</a>'.repeat(9)}</xml>`,
      '<xml><Encrypt>1</Encrypt><Encrypt>2</Encrypt></xml>',
      '<xml><__proto__>1</__proto__></xml>',
      '<xml><Encrypt a="1">x</Encrypt></xml>',
      '<xml><Encrypt>&amp;</Encrypt></xml>',
      '<xml><Encrypt><![CDATA[x</Encrypt></xml>',
      '<!DOCTYPE x><xml></xml>',
      '<xml></xml><xml></xml>',
    ]) {
      expect(
        status(() => parseWeComEnvelope(xml)),
        xml,
      ).toBe(400);
    }
  });
});

describe('WeCom plaintext parser (after the signature)', () => {
  it('answers 400, never 500, for the inputs that crashed it', () => {
    for (const xml of [
      '<xml><Content>&#x110000;</Content></xml>',
      '<xml><Content>&#xD800;</Content></xml>',
      '<xml><Content>&#0;</Content></xml>',
      '<xml><__proto__><a>1</a></__proto__></xml>',
      `<xml>${'<a>'.repeat(5000)}x${'</a>'.repeat(5000)}</xml>`,
    ]) {
      expect(
        status(() => parseWeComXml(xml)),
        xml.slice(0, 40),
      ).toBe(400);
    }
  });

  it('keeps element names that look like object keys as plain fields', () => {
    const node = parseWeComXml('<xml><toString>1</toString><FromUserName>u</FromUserName></xml>');
    expect(Object.getPrototypeOf(node)).toBeNull();
    expect(node.FromUserName).toBe('u');
  });
});
