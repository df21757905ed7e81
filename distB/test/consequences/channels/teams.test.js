import { runChannelContract } from './channel.contract.js';
runChannelContract('teams', { text: (b) => b.attachments[0].content.body.map((x) => x.text).join('\n') });
//# sourceMappingURL=teams.test.js.map