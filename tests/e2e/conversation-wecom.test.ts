import { wecomDriver } from '../helpers/chat-driver.js';
import { startTestBot } from '../helpers/test-bot.js';
import { conversationScenarios } from './scenarios/conversation.scenarios.js';

// The scripts send one person more than WeCom's 30 messages a minute; the limit has its own test
// (wecom-client.test.ts), so here it is raised on both sides.
conversationScenarios('wecom', async () => {
  const bot = await startTestBot({
    wecom: { memberLimitPerMinute: 1000 },
    overrides: { wecomMemberLimit: { limit: 1000, windowMs: 60_000 } },
  });
  return { bot, chat: wecomDriver(bot.wecom!) };
});
