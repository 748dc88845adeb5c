// `npm run -s gateway:keygen`: a new key pair for the gateway's calls to the subgraphs, as two environment lines.
import { gatewayKeyPairToEnv, generateGatewayKeyPair } from '../gatewayKeys.js';

for (const [name, value] of Object.entries(gatewayKeyPairToEnv(await generateGatewayKeyPair()))) {
  process.stdout.write(`${name}='${value}'\n`);
}
process.stderr.write('GATEWAY_SIGNING_KEY goes to the gateway only; GATEWAY_PUBLIC_KEY to every subgraph.\n');
