import { freePort } from '../../src/local/net.js';
import { dingtalkDriver } from '../helpers/chat-driver.js';
import { startTestBot } from '../helpers/test-bot.js';
import { approvalTypeScenarios } from './scenarios/approval-types.scenarios.js';

approvalTypeScenarios('dingtalk', async () => {
  // DingTalk shows a robot's picture by fetching its URL: the bot's signed media link on its own port.
  const port = await freePort();
  const bot = await startTestBot({
    dingtalk: { stream: true },
    env: { DEV_CLOCK: '1', PORT: String(port), PUBLIC_BASE_URL: `http://127.0.0.1:${port}` },
  });
  return { bot, chat: dingtalkDriver(bot.dingtalk!, 'stream') };
});
