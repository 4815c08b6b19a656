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

/** Decodes the five predefined XML entities and numeric references, nothing else. */
const decodeEntities = (s: string): string =>
  s.includes('&')
    ? s.replace(/&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, (m, name: string) => {
        if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
        if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
        return PREDEFINED[name] ?? m;
      })
    : s;

export type XmlValue = string | XmlNode | XmlValue[];
export interface XmlNode {
  [name: string]: XmlValue;
}

const decodeTree = (v: unknown): XmlValue => {
  if (typeof v === 'string') return decodeEntities(v);
  if (Array.isArray(v)) return v.map(decodeTree);
  if (v && typeof v === 'object') {
    const out: XmlNode = {};
    for (const [k, x] of Object.entries(v)) out[k] = decodeTree(x);
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
    throw new AppError(AppErrorCode.MALFORMED_BODY, 'XML with DOCTYPE or ENTITY declarations is refused', {
      reason: 'xml_doctype',
    });
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new AppError(AppErrorCode.MALFORMED_BODY, 'body is not well-formed XML', {
      reason: 'xml_malformed',
    });
  }
  const doc = decodeTree(parser.parse(xml));
  const root = typeof doc === 'object' && !Array.isArray(doc) ? doc.xml : undefined;
  if (!root || typeof root !== 'object' || Array.isArray(root)) {
    throw new AppError(AppErrorCode.MALFORMED_BODY, 'XML has no <xml> root element', {
      reason: 'xml_no_root',
    });
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
