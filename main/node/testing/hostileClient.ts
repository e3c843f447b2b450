// Child process for benches: a client that sends frames nested DEPTH levels deep, a few at a time, until killed.
import { WsTestClient } from './wsTestClient.ts';

const [wsUrl, depthText] = process.argv.slice(2);
if (wsUrl === undefined) throw new Error('usage: hostileClient.ts WS_URL [DEPTH]');
const depth = Number(depthText ?? 400_000);
const params = `{"id":${'['.repeat(depth)}${']'.repeat(depth)}}`;
const client = await WsTestClient.connect(wsUrl);
let refused = 0;
for (;;) {
  const replies = await Promise.all(Array.from({ length: 4 }, () => client.callRaw('getMachine', params)));
  for (const reply of replies) if (!reply.ok) refused += 1;
  // Tells the parent the attack is under way (and how far), one line per round.
  process.stdout.write(`refused ${refused}\n`);
  client.frames.length = 0;
}
