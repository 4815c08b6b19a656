import { wecomDriver } from '../helpers/chat-driver.js';
import { startTestBot } from '../helpers/test-bot.js';
import { approvalScenarios, TEST_ID_KEY } from './scenarios/approvals.scenarios.js';

const logLines: string[] = [];

approvalScenarios('wecom', async () => {
  const bot = await startTestBot({
    logLines,
    wecom: { memberLimitPerMinute: 1000 },
    overrides: { wecomMemberLimit: { limit: 1000, windowMs: 60_000 } },
    env: { DEV_CLOCK: '1', ID_ENCRYPTION_KEY: TEST_ID_KEY },
  });
  return { bot, chat: wecomDriver(bot.wecom!), logLines };
});
