import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AppError, AppErrorCode } from '../../lib/errors.js';

/** Elements that repeat and must always come back as arrays, even with one child. */
const ALWAYS_ARRAY = new Set(['SelectedItem', 'OptionId', 'Item', 'PicList', 'AddUserItems', 'DelUserItems']);

const parser = new XMLParser({
  ignoreAttributes: true,
  // Never expand entities: no DTD, no billion laughs. The five predefined ones are decoded below.
  processEntities: false,
  htmlEntities: false,
  // Keep every value a string ("218", "00123"); numbers are parsed where the schema says so.
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ALWAYS_ARRAY.has(name),
});

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Deeper than any WeCom message (SelectedItems/SelectedItem/OptionIds/OptionId is four). */
const MAX_DEPTH = 12;

const malformed = (message: string, reason: string) =>
  new AppError(AppErrorCode.MALFORMED_BODY, message, { reason });

/** A character reference XML allows: in Unicode, not a surrogate, not a control but tab/CR/LF. */
const charOf = (code: number): string => {
  const ok =
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff);
  if (!ok) throw malformed('character reference out of range', 'xml_bad_char_ref');
  return String.fromCodePoint(code);
};

/** Decodes the five predefined XML entities and numeric references, nothing else. */
const decodeEntities = (s: string): string =>
  s.includes('&')
    ? s.replace(/&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, (m, name: string) => {
        if (name.startsWith('#x')) return charOf(Number.parseInt(name.slice(2), 16));
        if (name.startsWith('#')) return charOf(Number.parseInt(name.slice(1), 10));
        return PREDEFINED[name] ?? m;
      })
    : s;

/** Element nesting depth, CDATA (tenant text) skipped; cheap, and before any recursion. */
const nestingDepth = (xml: string): number => {
  const tags = xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  let depth = 0;
  let max = 0;
  for (const m of tags.matchAll(/<(\/?)[A-Za-z_][^>]*?(\/?)>/g)) {
    if (m[1]) depth--;
    else if (!m[2]) max = Math.max(max, ++depth);
  }
  return max;
};

export type XmlValue = string | XmlNode | XmlValue[];
export interface XmlNode {
  [name: string]: XmlValue;
}

/**
 * Copies the parser's tree into objects without a prototype, so an element named `__proto__`,
 * `constructor` or `hasOwnProperty` is just a field, never a prototype or a method.
 */
const decodeTree = (v: unknown): XmlValue => {
  if (typeof v === 'string') return decodeEntities(v);
  if (Array.isArray(v)) return v.map(decodeTree);
  if (v && typeof v === 'object') {
    const out = Object.create(null) as XmlNode;
    for (const [k, x] of Object.entries(v)) {
      Object.defineProperty(out, k, { value: decodeTree(x), enumerable: true, writable: true });
    }
    return out;
  }
  return v === undefined || v === null ? '' : String(v);
};

/**
 * Parses a WeCom XML document into its `<xml>` root. Refuses any DOCTYPE or ENTITY declaration
 * outright (400), tolerates CDATA or plain values, any element order, numbers quoted in CDATA.
 */
export const parseWeComXml = (xml: string): XmlNode => {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw malformed('XML with DOCTYPE or ENTITY declarations is refused', 'xml_doctype');
  }
  if (nestingDepth(xml) > MAX_DEPTH) throw malformed('XML is nested too deeply', 'xml_too_deep');
  let doc: XmlValue;
  try {
    if (XMLValidator.validate(xml) !== true) throw malformed('body is not well-formed XML', 'xml_malformed');
    doc = decodeTree(parser.parse(xml));
  } catch (e) {
    // Whatever the parser trips on in hostile input is a malformed body, never a 500.
    if (e instanceof AppError) throw e;
    throw malformed('body is not well-formed XML', 'xml_malformed');
  }
  const root = typeof doc === 'object' && !Array.isArray(doc) ? doc.xml : undefined;
  if (!root || typeof root !== 'object' || Array.isArray(root)) {
    throw malformed('XML has no <xml> root element', 'xml_no_root');
  }
  return root;
};

/** A string field ('' when absent or not a string). */
export const text = (node: XmlNode, name: string): string => {
  const v = node[name];
  return typeof v === 'string' ? v : '';
};

/** A child element (undefined when absent or a plain value). */
export const child = (node: XmlNode, name: string): XmlNode | undefined => {
  const v = node[name];
  return v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
};

/** A repeated child element, always as an array of nodes. */
export const children = (node: XmlNode | undefined, name: string): XmlNode[] => {
  if (!node) return [];
  const v = node[name];
  const arr = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return arr.filter((x): x is XmlNode => typeof x === 'object' && x !== null && !Array.isArray(x));
};

/** A repeated plain value, always as an array of strings. */
export const texts = (node: XmlNode | undefined, name: string): string[] => {
  if (!node) return [];
  const v = node[name];
  const arr = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return arr.filter((x): x is string => typeof x === 'string');
};
