import { wecomDriver } from '../helpers/chat-driver.js';
import { startTestBot } from '../helpers/test-bot.js';
import { approvalTypeScenarios } from './scenarios/approval-types.scenarios.js';

approvalTypeScenarios('wecom', async () => {
  const bot = await startTestBot({
    wecom: { memberLimitPerMinute: 1000 },
    overrides: { wecomMemberLimit: { limit: 1000, windowMs: 60_000 } },
    env: { DEV_CLOCK: '1' },
  });
  return { bot, chat: wecomDriver(bot.wecom!) };
});
