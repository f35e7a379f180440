// npm run asyncapi: writes docs/asyncapi/<context>.asyncapi.json from every context's contracts in code.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { asyncApiDocument } from './asyncapi-document';
import { asyncApiFile, publishedContracts } from './published-contracts';

for (const { context, contracts } of publishedContracts()) {
  const file = asyncApiFile(context);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(asyncApiDocument(`Bascule ${context} events`, contracts), null, 2)}\n`);
  console.log(`wrote ${file}`);
}
