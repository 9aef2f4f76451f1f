import { startSlackStandIn } from '../src/sandbox/slack-stand-in.ts';

/** The sandbox's Slack Web API stand-in in a process of its own: prints its API URL, serves until killed. */
const standIn = await startSlackStandIn({ channelMembers: ['UREVIEWER1', 'UREVIEWER2'] });
console.log(standIn.apiUrl);
process.on('SIGTERM', () => void standIn.stop().finally(() => process.exit(0)));
