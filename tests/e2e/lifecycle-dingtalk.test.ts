import { freePort } from '../../src/local/net.js';
import { dingtalkDriver } from '../helpers/chat-driver.js';
import { startTestBot } from '../helpers/test-bot.js';
import { lifecycleScenarios } from './scenarios/lifecycle.scenarios.js';

lifecycleScenarios('dingtalk', async () => {
  // DingTalk shows a robot's picture by fetching its URL: the bot's signed media link on its own port.
  const port = await freePort();
  const bot = await startTestBot({
    dingtalk: { stream: true },
    env: {
      LIFT_CONTACTS: 'dingtalk:lift-co',
      PORT: String(port),
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    },
  });
  return { bot, chat: dingtalkDriver(bot.dingtalk!, 'stream') };
});
