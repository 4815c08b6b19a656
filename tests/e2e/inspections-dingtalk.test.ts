import { dingtalkDriver } from '../helpers/chat-driver.js';
import { makePng } from '../helpers/png.js';
import { startTestBot } from '../helpers/test-bot.js';
import { inspectionScenarios } from './scenarios/inspections.scenarios.js';

inspectionScenarios('dingtalk', async () => {
  const bot = await startTestBot({ dingtalk: { stream: true }, env: { DEV_CLOCK: '1' } });
  const dingtalk = bot.dingtalk!;
  return {
    bot,
    chat: dingtalkDriver(dingtalk, 'stream'),
    photo: async (user) => {
      await dingtalk.sendMedia(
        user,
        { bytes: makePng(8, 8, () => [200, 40, 40]), mime: 'image/png', filename: 'p.png' },
        { via: 'stream' },
      );
    },
  };
});
