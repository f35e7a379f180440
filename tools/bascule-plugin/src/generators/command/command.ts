import { join } from 'node:path';
import { formatFiles, generateFiles, GeneratorCallback, names, Tree, updateJson } from '@nx/devkit';
import { afterGeneration } from '../../utils/after-generation';
import { ContextNames, GeneratorInputError, useCaseNames } from '../../utils/context-names';
import { existingContext, registerUseCase } from '../../utils/context-sources';
import { fieldLayers } from '../../utils/field-layers';
import { Field, parseFields } from '../../utils/fields';
import { readManifests } from '../../utils/workspace';
import { fieldSubstitutions } from '../bounded-context/bounded-context';
import { addEvent } from '../event/event';
import { addAggregateMethod, addInvalidStateError, commandEffect } from './command-domain';
import { addChangeRoute, addChangeRpc, aggregateKey } from './command-edges';
import { CommandSchema } from './schema';

const IRREGULAR: Record<string, string> = {
  pay: 'paid',
  send: 'sent',
  sell: 'sold',
  buy: 'bought',
  hold: 'held',
  set: 'set',
  put: 'put',
  split: 'split',
};

/** Verbs of two syllables stressed on the last: their final consonant doubles as in one syllable (`commit` → `committed`). */
const STRESSED_LAST = new Set([
  'commit',
  'submit',
  'admit',
  'permit',
  'omit',
  'emit',
  'transmit',
  'refer',
  'prefer',
  'transfer',
  'occur',
  'control',
  'patrol',
  'regret',
  'compel',
  'expel',
  'equip',
  'acquit',
]);

/** `archive` → `archived`, `apply` → `applied`, `stop` → `stopped`, `pay` → `paid`; pass `--event` when English disagrees. */
export function pastTense(verb: string): string {
  if (IRREGULAR[verb]) return IRREGULAR[verb];
  if (verb.endsWith('e')) return `${verb}d`;
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ied`;
  if (STRESSED_LAST.has(verb) || /^[^aeiou]*[aeiou][^aeiouwxy]$/.test(verb)) return `${verb}${verb.slice(-1)}ed`;
  return `${verb}ed`;
}

/**
 * The event a use case records, from the whole use case: `add-order-line` on Order → `OrderLineAdded`,
 * `archive` on StockItem → `StockItemArchived`, `approve-line` on Invoice → `InvoiceLineApproved`.
 */
export function eventName(useCase: string, n: ContextNames): string {
  const [verb, ...noun] = useCase.split('-');
  const subject = noun.length ? names(noun.join('-')).className : n.Aggregate;
  return `${subject.startsWith(n.Aggregate) ? subject : `${n.Aggregate}${subject}`}${names(pastTense(verb)).className}`;
}

/** The plain value an `--adds` target holds in the handler's spec: the fixture's (sample 0) plus the command's (sample 1). */
const addedSample =
  (n: ContextNames) =>
  (target: Field, by: Field): string => {
    const L = fieldLayers(n.Aggregate, n.AGGREGATE);
    const amount = (sample: string) => Number(/-?\d+/.exec(sample)?.[0]);
    const total = amount(L.sample(target, 0)) + amount(L.sample(by, 1));
    return target.type === 'money' ? `{ amount: ${total}, currency: 'EUR' }` : String(total);
  };

/**
 * One command on an existing aggregate, end to end: the aggregate method (its guard, the state it changes, the
 * event it records only when the state changed), the event's v1 contract, the command and its handler with a
 * spec, the REST route and the rpc, all named after the whole use case.
 */
export async function commandGenerator(tree: Tree, options: CommandSchema): Promise<GeneratorCallback> {
  const n = existingContext(tree, options.context, options.aggregate);
  const u = useCaseNames(options.name);
  const method = u.useCaseProperty;
  const folder = `libs/${n.context}/application/src/commands/${u.useCase}`;
  if (tree.exists(folder)) throw new GeneratorInputError(`${folder} exists already`);
  const fields = parseFields(options.fields);
  const effect = commandEffect(tree, n, fields, options);
  const role = commandRole(tree, n, options.role);
  const { event } = addEvent(
    tree,
    { name: options.event ?? eventName(u.useCase, n), context: n.context, aggregate: n.Aggregate },
    effect.eventFields,
  );
  if (effect.from.length) addInvalidStateError(tree, n);
  addAggregateMethod(tree, n, method, u.useCase, event, fields, effect);
  const substitutions = {
    ...n,
    ...u,
    ...fieldSubstitutions(n.Aggregate, n.AGGREGATE, fields),
    method,
    event,
    effect,
    addedSample: addedSample(n),
  };
  generateFiles(tree, join(__dirname, 'files'), '.', { ...substitutions, tmpl: '' });
  const key = aggregateKey(tree, n);
  registerUseCase(tree, n, u, 'command');
  addChangeRoute(tree, n, u, fields, role, key);
  addChangeRpc(tree, n, u, fields, role, key);
  await formatFiles(tree);
  return afterGeneration(tree);
}

/**
 * The role a command needs: `<context>:write` unless asked (`orders:admin` for a back-office command); a role of the
 * context its manifest does not declare yet is added to it, so `npm run manifests` puts it in the realm.
 */
function commandRole(tree: Tree, n: ContextNames, asked?: string): string {
  if (!asked) return n.writeRole;
  if (!new RegExp(`^${n.context}:[a-z][a-z0-9-]*$`).test(asked))
    throw new GeneratorInputError(
      `--role ${asked}: a role of the ${n.context} context, ${n.context}:<kind> (${n.context}:admin)`,
    );
  const manifest = readManifests(tree).find((m) => m.kind === 'context' && m.name === n.context);
  if (!manifest) throw new GeneratorInputError(`no manifest names the context ${n.context}`);
  updateJson(tree, manifest.path, (json) => {
    const roles: { name: string; description: string }[] = json.roles ?? [];
    if (roles.some((r) => r.name === asked)) return json;
    const description = `${asked.split(':')[1].replace(/^./, (c) => c.toUpperCase())} ${n.context}: the commands that need it`;
    return { ...json, roles: [...roles, { name: asked, description }] };
  });
  return asked;
}

export default commandGenerator;
