import { redactIdNumbers } from '../nlu/slots/contact.js';
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
