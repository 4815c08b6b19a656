/** Inline pieces of a markdown line. */
export type Inline =
  | { readonly t: 'text'; readonly text: string }
  | { readonly t: 'bold'; readonly text: string }
  | { readonly t: 'link'; readonly text: string; readonly href: string }
  | { readonly t: 'color'; readonly text: string; readonly color: string };

/** Blocks of the small markdown subset chat platforms render. */
export type Block =
  | { readonly t: 'heading'; readonly level: number; readonly inline: readonly Inline[] }
  | { readonly t: 'para'; readonly inline: readonly Inline[] }
  | { readonly t: 'quote'; readonly inline: readonly Inline[] }
  | { readonly t: 'list'; readonly items: readonly (readonly Inline[])[] }
  | { readonly t: 'image'; readonly src: string; readonly alt: string };

const SAFE_URL = /^(https?:\/\/|\/)/i;

/**
 * Inline markdown: `**bold**`, `[text](url)` and WeCom's `<font color="info|comment|warning">`.
 * Anything else is text; the page renders text nodes, so nothing here is ever HTML.
 */
export const parseInline = (s: string): Inline[] => {
  const out: Inline[] = [];
  const re = /\*\*(.+?)\*\*|\[([^\]]+)\]\(([^)\s]+)\)|<font color="(\w+)">(.*?)<\/font>/g;
  let last = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m.index > last) out.push({ t: 'text', text: s.slice(last, m.index) });
    if (m[1] !== undefined) out.push({ t: 'bold', text: m[1] });
    else if (m[2] !== undefined && m[3] !== undefined)
      out.push(SAFE_URL.test(m[3]) ? { t: 'link', text: m[2], href: m[3] } : { t: 'text', text: m[2] });
    else out.push({ t: 'color', text: m[5] ?? '', color: m[4] ?? '' });
    last = re.lastIndex;
  }
  if (last < s.length) out.push({ t: 'text', text: s.slice(last) });
  return out;
};

/**
 * Block markdown as DingTalk and WeCom messages use it: `#` headings, `>` quotes, `-`/`*`/`1.`
 * lists, `![alt](url)` images and paragraphs (one per line, as chat clients keep line breaks).
 */
export const parseMarkdown = (src: string): Block[] => {
  const blocks: Block[] = [];
  let list: Inline[][] | undefined;
  const flush = () => {
    if (list) blocks.push({ t: 'list', items: list });
    list = undefined;
  };
  for (const raw of src.split(/\r?\n/)) {
    const line = raw.trimEnd();
    const item = /^\s*(?:[-*]|\d+\.)\s+(.*)$/.exec(line);
    if (item) {
      list ??= [];
      list.push(parseInline(item[1] ?? ''));
      continue;
    }
    flush();
    if (line.trim() === '') continue;
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const image = /^!\[([^\]]*)\]\(([^)\s]+)\)$/.exec(line.trim());
    if (heading)
      blocks.push({ t: 'heading', level: heading[1]?.length ?? 1, inline: parseInline(heading[2] ?? '') });
    else if (line.startsWith('>'))
      blocks.push({ t: 'quote', inline: parseInline(line.replace(/^>\s?/, '')) });
    else if (image?.[2] && SAFE_URL.test(image[2]))
      blocks.push({ t: 'image', src: image[2], alt: image[1] ?? '' });
    else blocks.push({ t: 'para', inline: parseInline(line) });
  }
  flush();
  return blocks;
};
