import { runChannelContract } from './channel.contract.js';
runChannelContract('slack', { text: (b) => b.text });
//# sourceMappingURL=slack.test.js.map