import { AppError, AppErrorCode } from '../../lib/errors.js';

/** A real envelope has ToUserName, AgentID and Encrypt; a few more are tolerated, no more. */
const MAX_ELEMENTS = 8;
const NAME_RE = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;

const malformed = (message: string) =>
  new AppError(AppErrorCode.MALFORMED_BODY, `envelope: ${message}`, { reason: 'wecom_bad_envelope' });

/**
 * Reads the unauthenticated outer envelope of a WeCom callback
 * (`<xml><ToUserName>…</ToUserName><AgentID>…</AgentID><Encrypt>…</Encrypt></xml>`, in any
 * order) with a linear scan, before the signature is checked. Only a flat list of a few
 * elements, each CDATA or plain text, is accepted: no attributes, no nesting, no entities, no
 * declarations. A general XML parser here would let anyone without credentials spend our CPU
 * (and reach parser corner cases); the decrypted, authenticated message is parsed fully later.
 * CDATA content is returned exactly (the signature is over those bytes; pitfall 3).
 */
export const parseWeComEnvelope = (xml: string): ReadonlyMap<string, string> => {
  const out = new Map<string, string>();
  let i = 0;
  const skipSpace = () => {
    while (i < xml.length && /\s/.test(xml[i] ?? '')) i++;
  };
  const expect = (s: string) => {
    if (!xml.startsWith(s, i)) throw malformed(`expected ${s}`);
    i += s.length;
  };
  skipSpace();
  if (xml.startsWith('<?xml', i)) {
    const end = xml.indexOf('?>', i);
    if (end < 0 || end - i > 100) throw malformed('bad declaration');
    i = end + 2;
    skipSpace();
  }
  expect('<xml>');
  for (;;) {
    skipSpace();
    if (xml.startsWith('</xml>', i)) break;
    if (out.size >= MAX_ELEMENTS) throw malformed('too many elements');
    expect('<');
    const close = xml.indexOf('>', i);
    const name = close < 0 ? '' : xml.slice(i, close);
    if (!NAME_RE.test(name) || out.has(name)) throw malformed('bad or repeated element name');
    i = close + 1;
    let value: string;
    if (xml.startsWith('<![CDATA[', i)) {
      const end = xml.indexOf(']]>', i + 9);
      if (end < 0) throw malformed('unterminated CDATA');
      value = xml.slice(i + 9, end);
      i = end + 3;
    } else {
      const end = xml.indexOf('<', i);
      if (end < 0) throw malformed('unterminated element');
      value = xml.slice(i, end).trim();
      if (value.includes('&')) throw malformed('entities are not allowed');
      i = end;
    }
    expect(`</${name}>`);
    out.set(name, value);
  }
  i += '</xml>'.length;
  skipSpace();
  if (i !== xml.length) throw malformed('content after </xml>');
  return out;
};
