import type { IdSealer } from '../lib/id-sealer.js';
import { redactIdNumbers } from '../nlu/slots/contact.js';
import { findIdNumbers, maskId } from '../nlu/slots/id-number.js';
import type { InboundEvent } from '../platforms/inbound-event.js';

const mapValues = (r: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k, redactIdNumbers(v)]));

/**
 * Masks every ID number in the parts of an event a person wrote (message text, link, location
 * label, group title, contact name, card parameters), whatever the platform or transport. The
 * intake applies it before storing, so no full ID number reaches the inbound log, the dialog in
 * Redis, a card quote or a log line. Identifiers (user ids, card ids, keys) are left as they are.
 */
export const maskEvent = (e: InboundEvent): InboundEvent => ({
  ...e,
  conversation: {
    ...e.conversation,
    ...(e.conversation.title !== undefined ? { title: redactIdNumbers(e.conversation.title) } : {}),
  },
  ...(e.message
    ? {
        message: {
          ...e.message,
          ...(e.message.text !== undefined ? { text: redactIdNumbers(e.message.text) } : {}),
          ...(e.message.link
            ? {
                link: {
                  title: redactIdNumbers(e.message.link.title),
                  url: redactIdNumbers(e.message.link.url),
                },
              }
            : {}),
          ...(e.message.location
            ? { location: { ...e.message.location, label: redactIdNumbers(e.message.location.label) } }
            : {}),
        },
      }
    : {}),
  ...(e.action?.params ? { action: { ...e.action, params: mapValues(e.action.params) } } : {}),
  ...(e.contact?.name !== undefined
    ? { contact: { ...e.contact, name: redactIdNumbers(e.contact.name) } }
    : {}),
});

/**
 * The valid ID numbers a person wrote in the message, each encrypted next to its masked form (the
 * rulebook requires recording an outside key borrower's number). Runs on the raw event before
 * {@link maskEvent}; the caller stores only the result of both.
 */
export const sealIds = (e: InboundEvent, sealer: IdSealer): NonNullable<InboundEvent['sealedIds']> => {
  const texts = [e.message?.text, e.message?.link?.title].filter((t): t is string => Boolean(t));
  return texts
    .flatMap((t) => findIdNumbers(t))
    .filter((f) => f.valid)
    .slice(0, 5)
    .map((f) => ({ masked: maskId(f.id), sealed: sealer.seal(f.id) }));
};
