import { runChannelContract } from './channel.contract.js';

runChannelContract('webhook', {
  secret: 'whsec-test',
  text: (b) => `${b.title}\n${b.text}\n${b.recipient?.name}`,
});
