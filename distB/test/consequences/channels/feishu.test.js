import { runChannelContract } from './channel.contract.js';
runChannelContract('feishu', { secret: 'feishu-secret', text: (b) => b.content.text });
//# sourceMappingURL=feishu.test.js.map