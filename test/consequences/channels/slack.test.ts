import { runChannelContract } from './channel.contract.js';

runChannelContract('slack', { text: (b) => b.text });
