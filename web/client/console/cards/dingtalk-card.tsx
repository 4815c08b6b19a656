import { MarkdownView } from '../components/markdown-view.js';
import type { CardProps } from './card-props.js';

/**
 * A DingTalk interactive card drawn from its template variables: the source and title as the
 * header, the `markdown` body (title, description, quote and fields as the bot wrote them), an
 * image if the card has one, then the buttons; a closed card shows its `status` instead.
 */
export const DingTalkCard = ({ card, pending, onPress }: CardProps) => (
  <article
    class="card dingtalk-card"
    data-card-id={card.cardId}
    data-closed={card.closedLabel ? 'true' : 'false'}
  >
    <header class="card-head">
      {card.source && <div class="card-source">{card.source}</div>}
      <h3 class="card-title">{card.title}</h3>
    </header>
    <div class="card-body">
      {card.markdown ? (
        <MarkdownView source={card.markdown} skipHeading={card.title} />
      ) : (
        <>
          {card.description && <p class="card-desc">{card.description}</p>}
          {card.quote && <blockquote class="card-quote">{card.quote}</blockquote>}
        </>
      )}
      {card.image && <img class="card-image" src={card.image} alt="" loading="lazy" />}
    </div>
    {card.closedLabel !== undefined ? (
      <div class="card-status">{card.closedLabel}</div>
    ) : (
      card.buttons.length > 0 && (
        <div class="card-buttons">
          {card.buttons.map((b) => (
            <button
              type="button"
              key={b.key}
              data-key={b.key}
              class={`card-button is-${b.style}${pending === b.key ? ' is-pending' : ''}`}
              disabled={pending !== undefined}
              onClick={() => onPress(b.key)}
            >
              {b.label}
            </button>
          ))}
        </div>
      )
    )}
  </article>
);
