import { DEMO_USERS } from '../../scripts/dev-stack.js';
import { wecomDriver } from '../helpers/chat-driver.js';
import { freePort } from '../helpers/free-port.js';
import { startTestBot } from '../helpers/test-bot.js';
import { dashboardScenarios } from './scenarios/dashboard.scenarios.js';

dashboardScenarios('wecom', async () => {
  const port = await freePort();
  const bot = await startTestBot({
    wecom: { users: DEMO_USERS, memberLimitPerMinute: 1000 },
    overrides: { wecomMemberLimit: { limit: 1000, windowMs: 60_000 } },
    env: { PORT: String(port), PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, DEV_CLOCK: '1' },
  });
  return { bot, chat: wecomDriver(bot.wecom!) };
});
