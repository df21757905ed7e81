import { runChannelContract } from './channel.contract.js';

runChannelContract('teams', {
  text: (b) => b.attachments[0].content.body.map((x: { text: string }) => x.text).join('\n'),
});
