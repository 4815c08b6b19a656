import { dingtalkDriver } from '../helpers/chat-driver.js';
import { startTestBot } from '../helpers/test-bot.js';
import { approvalScenarios, TEST_ID_KEY } from './scenarios/approvals.scenarios.js';

const logLines: string[] = [];

approvalScenarios('dingtalk', async () => {
  const bot = await startTestBot({
    dingtalk: { stream: true },
    logLines,
    env: { DEV_CLOCK: '1', ID_ENCRYPTION_KEY: TEST_ID_KEY },
  });
  return { bot, chat: dingtalkDriver(bot.dingtalk!, 'stream'), logLines };
});
