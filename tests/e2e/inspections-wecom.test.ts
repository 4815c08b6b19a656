import { wecomDriver } from '../helpers/chat-driver.js';
import { makePng } from '../helpers/png.js';
import { startTestBot } from '../helpers/test-bot.js';
import { inspectionScenarios } from './scenarios/inspections.scenarios.js';

inspectionScenarios('wecom', async () => {
  const bot = await startTestBot({
    wecom: { memberLimitPerMinute: 1000 },
    overrides: { wecomMemberLimit: { limit: 1000, windowMs: 60_000 } },
    env: { DEV_CLOCK: '1' },
  });
  const wecom = bot.wecom!;
  return {
    bot,
    chat: wecomDriver(wecom),
    photo: async (user) => {
      await wecom.sendMedia(user, {
        bytes: makePng(8, 8, () => [200, 40, 40]),
        mime: 'image/png',
        filename: 'p.png',
      });
    },
  };
});
