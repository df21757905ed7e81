import { runChannelContract } from './channel.contract.js';

runChannelContract('wecom', {
  text: (b) => `${b.text.content}\n${(b.text.mentioned_mobile_list ?? []).join(',')}`,
});
