import { runChannelContract } from './channel.contract.js';

runChannelContract('dingtalk', {
  secret: 'SEC0123456789abcdef',
  text: (b) => `${b.markdown.text}\n${b.at.atMobiles.join(',')}`,
});
