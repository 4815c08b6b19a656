/**
 * Makes text someone typed (a tenant's complaint, a shop name) safe to put inside a markdown
 * message or card: nothing in it can become a link, an image, a heading, a quote, emphasis or
 * HTML in an approver's card. Markdown dialects differ (DingTalk's, WeCom's, CommonMark), and a
 * backslash escape shows up literally in some of them, so the syntax characters are replaced by
 * their full-width forms, which read naturally in Chinese text and are syntax in none. Link
 * schemes and `www.` lose their ASCII punctuation so no renderer auto-links them.
 */
const FULL_WIDTH: Readonly<Record<string, string>> = {
  '\\': '＼',
  '`': '｀',
  '*': '＊',
  _: '＿',
  '[': '［',
  ']': '］',
  '(': '（',
  ')': '）',
  '<': '＜',
  '>': '＞',
  '#': '＃',
  '!': '！',
  '|': '｜',
  '~': '～',
  '&': '＆',
};

const SYNTAX_RE = /[\\`*_[\]()<>#!|~&]/g;
/** `https://`, `dingtalk://`, `javascript:`... any scheme-like prefix loses its colon. */
const SCHEME_RE = /\b([a-z][a-z0-9+.-]{1,15}):(?=\/\/|[a-z0-9])/gi;
const WWW_RE = /\bwww\./gi;

/** Tenant text as inert markdown (see above); line breaks are kept. */
export const escapeMarkdown = (text: string): string =>
  text
    .replace(SYNTAX_RE, (c) => FULL_WIDTH[c] ?? c)
    .replace(SCHEME_RE, '$1：')
    .replace(WWW_RE, (w) => `${w.slice(0, 3)}．`);

/** A block quote of tenant text: every line stays inside the quote. */
export const quoteMarkdown = (text: string): string =>
  escapeMarkdown(text)
    .split(/\r?\n/)
    .map((line) => `> ${line}`)
    .join('\n');
