import type { CardProps } from './card-props.js';

/**
 * A WeCom template card as the WeCom client lays it out: the source line, the main title and its
 * description, the emphasised figure, the quote block, the key–value rows, the image, and the
 * buttons; once `update_template_card` replaced them, one grey disabled button with that label.
 */
export const WeComCard = ({ card, pending, onPress }: CardProps) => (
  <article
    class="card wecom-card"
    data-card-id={card.cardId}
    data-closed={card.closedLabel ? 'true' : 'false'}
  >
    {card.source && <div class="card-source">{card.source}</div>}
    <h3 class="card-title">{card.title}</h3>
    {card.description && <p class="card-desc">{card.description}</p>}
    {card.emphasis && (
      <div class="card-emphasis">
        <div class="card-emphasis-title">{card.emphasis.title}</div>
        <div class="card-emphasis-desc">{card.emphasis.desc}</div>
      </div>
    )}
    {card.quote && <blockquote class="card-quote">{card.quote}</blockquote>}
    {card.fields.length > 0 && (
      <dl class="card-fields">
        {card.fields.map((f, i) => (
          <div class="card-field" key={i}>
            <dt>{f.label}</dt>
            <dd>{f.value}</dd>
          </div>
        ))}
      </dl>
    )}
    {card.image && <img class="card-image" src={card.image} alt="" loading="lazy" />}
    <div class="card-buttons">
      {card.closedLabel !== undefined ? (
        <button type="button" class="card-button is-closed" disabled>
          {card.closedLabel}
        </button>
      ) : (
        card.buttons.map((b) => (
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
        ))
      )}
    </div>
  </article>
);
