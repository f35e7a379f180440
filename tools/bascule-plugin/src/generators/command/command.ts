import { join } from 'node:path';
import { formatFiles, generateFiles, GeneratorCallback, names, Tree } from '@nx/devkit';
import { afterGeneration } from '../../utils/after-generation';
import { GeneratorInputError, useCaseNames } from '../../utils/context-names';
import { before, editSource, existingContext, registerUseCase } from '../../utils/context-sources';
import { addEvent } from '../event/event';
import { addChangeRoute, addChangeRpc } from './command-edges';
import { CommandSchema } from './schema';

const pastTense = (verb: string) => (verb.endsWith('e') ? `${verb}d` : `${verb}ed`);

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
