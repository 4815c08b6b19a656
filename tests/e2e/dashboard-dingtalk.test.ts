import { DEMO_USERS } from '../../scripts/dev-stack.js';
import { dingtalkDriver } from '../helpers/chat-driver.js';
import { freePort } from '../helpers/free-port.js';
import { startTestBot } from '../helpers/test-bot.js';
import { dashboardScenarios } from './scenarios/dashboard.scenarios.js';

dashboardScenarios('dingtalk', async () => {
  const port = await freePort();
  const bot = await startTestBot({
    dingtalk: { stream: true, emulator: { users: DEMO_USERS } },
    env: { PORT: String(port), PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, DEV_CLOCK: '1' },
  });
  return { bot, chat: dingtalkDriver(bot.dingtalk!, 'stream') };
});
