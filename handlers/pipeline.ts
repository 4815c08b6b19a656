import type { AppDeps } from '../src/app/deps.js';
import type { StoredInbound } from '../src/persistence/repositories/inbound.repository.js';
import { HandlerContext } from './context.js';
import { HANDLERS } from './index.js';

/**
 * Runs one stored inbound event through the handlers (Bolt's processEvent): resolve who sent it,
 * let the first matching handler act, then store every reply in the outbox.
 */
export const runPipeline = async (deps: AppDeps, stored: StoredInbound): Promise<string> => {
  const { event } = stored;
  const actor = await deps.repos.people.byIdentity(event.platform, event.userId);
  const ctx = new HandlerContext(deps, event, stored.id, actor);
  const handler = HANDLERS.find((h) => h.match(ctx));
  if (handler) await handler.handle(ctx);
  await ctx.flush();
  return handler?.name ?? 'none';
};
