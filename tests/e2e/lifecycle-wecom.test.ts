import { wecomDriver } from '../helpers/chat-driver.js';
import { startTestBot } from '../helpers/test-bot.js';
import { lifecycleScenarios } from './scenarios/lifecycle.scenarios.js';

lifecycleScenarios('wecom', async () => {
  const bot = await startTestBot({
    wecom: { memberLimitPerMinute: 1000 },
    overrides: { wecomMemberLimit: { limit: 1000, windowMs: 60_000 } },
    env: { LIFT_CONTACTS: 'wecom:lift-co' },
  });
  return { bot, chat: wecomDriver(bot.wecom!) };
});
