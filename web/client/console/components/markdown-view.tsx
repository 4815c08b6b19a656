import type { Block, Inline } from '../model/markdown.js';
import { parseMarkdown } from '../model/markdown.js';

const InlineView = ({ parts }: { parts: readonly Inline[] }) => (
  <>
    {parts.map((p, i) => {
      switch (p.t) {
        case 'bold':
          return <strong key={i}>{p.text}</strong>;
        case 'link':
          return (
            <a key={i} href={p.href} target="_blank" rel="noopener noreferrer">
              {p.text}
            </a>
          );
        case 'color':
          return (
            <span key={i} class={`md-color md-${p.color}`}>
              {p.text}
            </span>
          );
        default:
          return <span key={i}>{p.text}</span>;
      }
    })}
  </>
);

const BlockView = ({ block }: { block: Block }) => {
  switch (block.t) {
    case 'heading':
      return (
        <div class={`md-h md-h${Math.min(block.level, 4)}`}>
          <InlineView parts={block.inline} />
        </div>
      );
    case 'quote':
      return (
        <blockquote class="md-quote">
          <InlineView parts={block.inline} />
        </blockquote>
      );
    case 'list':
      return (
        <ul class="md-list">
          {block.items.map((item, i) => (
            <li key={i}>
              <InlineView parts={item} />
            </li>
          ))}
        </ul>
      );
    case 'image':
      return <img class="md-img" src={block.src} alt={block.alt} loading="lazy" />;
    default:
      return (
        <p class="md-p">
          <InlineView parts={block.inline} />
        </p>
      );
  }
};

/** Markdown the way the chat clients draw it (text nodes only: never HTML from a message). */
export const MarkdownView = ({ source, skipHeading }: { source: string; skipHeading?: string }) => {
  const blocks = parseMarkdown(source).filter(
    (b, i) =>
      !(i === 0 && skipHeading && b.t === 'heading' && b.inline.map((x) => x.text).join('') === skipHeading),
  );
  return (
    <div class="md">
      {blocks.map((b, i) => (
        <BlockView key={i} block={b} />
      ))}
    </div>
  );
};
