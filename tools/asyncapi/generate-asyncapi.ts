// npm run asyncapi: writes docs/asyncapi/<context>.asyncapi.json from the contracts in code.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { clientEventContracts } from '@bascule/client/contracts';
import { asyncApiDocument } from './asyncapi-document';

const out = resolve(__dirname, '../../docs/asyncapi');
mkdirSync(out, { recursive: true });
const file = resolve(out, 'client.asyncapi.json');
writeFileSync(file, `${JSON.stringify(asyncApiDocument('Bascule client events', clientEventContracts), null, 2)}\n`);
console.log(`wrote ${file}`);
