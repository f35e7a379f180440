import { join } from 'node:path';
import { formatFiles, generateFiles, GeneratorCallback, names, Tree } from '@nx/devkit';
import { afterGeneration } from '../../utils/after-generation';
import { GeneratorInputError, useCaseNames } from '../../utils/context-names';
import { before, editSource, existingContext, registerUseCase } from '../../utils/context-sources';
import { addEvent } from '../event/event';
import { addChangeRoute, addChangeRpc } from './command-edges';
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

/** `archive` → `archived`, `apply` → `applied`, `stop` → `stopped`, `pay` → `paid`; pass `--event` when English disagrees. */
export function pastTense(verb: string): string {
  if (IRREGULAR[verb]) return IRREGULAR[verb];
  if (verb.endsWith('e')) return `${verb}d`;
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ied`;
  if (/^[^aeiou]*[aeiou][^aeiouwxy]$/.test(verb)) return `${verb}${verb.slice(-1)}ed`;
  return `${verb}ed`;
}

/**
 * One command on an existing aggregate, end to end: the aggregate method recording the event, the event's v1
 * contract, the command and its handler with a spec, the REST route and the rpc.
 */
export async function commandGenerator(tree: Tree, options: CommandSchema): Promise<GeneratorCallback> {
  const n = existingContext(tree, options.context, options.aggregate);
  const u = useCaseNames(options.name);
  const verb = u.useCase.split('-')[0];
  const method = names(verb).propertyName;
  const folder = `libs/${n.context}/application/src/commands/${u.useCase}`;
  if (tree.exists(folder)) throw new GeneratorInputError(`${folder} exists already`);
  const aggregateFile = `libs/${n.context}/domain/src/${n.aggregate}.ts`;
  if (new RegExp(`\\n  ${method}\\(`).test(tree.read(aggregateFile, 'utf-8') ?? ''))
    throw new GeneratorInputError(
      `${n.Aggregate} has a method ${method}() already (and POST /${n.aggregates}/{id}/${verb}): start the command with another verb`,
    );
  const { event } = addEvent(tree, {
    name: options.event ?? `${n.Aggregate}${names(pastTense(verb)).className}`,
    context: n.context,
    aggregate: n.Aggregate,
  });

  editSource(
    tree,
    `libs/${n.context}/domain/src/${n.aggregate}.ts`,
    before(/\n}\n?$/, `\n\n  ${method}(): void {\n    this.recordEvent({ type: '${event}' }, this.clock.now());\n  }`),
  );
  generateFiles(tree, join(__dirname, 'files'), '.', { ...n, ...u, method, event, tmpl: '' });
  registerUseCase(tree, n, u, 'command');
  addChangeRoute(tree, n, u, verb);
  addChangeRpc(tree, n, u);
  await formatFiles(tree);
  return afterGeneration(tree);
}

export default commandGenerator;
