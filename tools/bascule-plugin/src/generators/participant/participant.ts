import { join } from 'node:path';
import { formatFiles, generateFiles, GeneratorCallback, names, Tree, updateJson } from '@nx/devkit';
import { SyntaxKind } from 'ts-morph';
import { GeneratorInputError, useCaseNames } from '../../utils/context-names';
import { Field, parseFields } from '../../utils/fields';
import { editTypeScript, importNamed, notLaidOut } from '../../utils/ts-source';
import { readManifests } from '../../utils/workspace';
import { wireConsumer } from '../consumer/module-wiring';
import { addSagaContracts } from './saga-contracts';
import { ParticipantSchema } from './schema';

const DAY_MS = 86_400_000;

/**
 * A context's part in sagas (ADR 0056): the saga command `<context>.<name>` and its replies (contracts), a handler
 * that runs an existing use case in the command's inbox transaction and answers through the outbox, wired into the
 * context's `ConsumersModule` on `<context>.commands.v1`; `saga_replies` in its database; the manifest's
 * `sagaCommands` (the topic, its DLQ and ACLs render from it).
 */
export async function participantGenerator(tree: Tree, options: ParticipantSchema): Promise<GeneratorCallback> {
  const { useCase: name } = useCaseNames(options.name);
  const { useCase, UseCase } = useCaseNames(options.useCase);
  const context = options.context;
  const manifest = readManifests(tree).find((m) => m.kind === 'context' && m.name === context);
  if (!manifest)
    throw new GeneratorInputError(`no context named "${context}" (no apps/*/context.manifest.json names it)`);
  const application = `libs/${context}/application/src`;
  const commandFile = `${application}/commands/${useCase}/${useCase}.command.ts`;
  if (!tree.exists(commandFile))
    throw new GeneratorInputError(`no use case ${useCase} in ${context} (${commandFile} is missing)`);
  const fields = parseFields(options.fields);
  const money = fields.find((f) => f.type === 'money');
  if (money) throw new GeneratorInputError(`${money.name}: a saga command carries amounts as the use case takes them`);
  const onAggregate = extendsAggregateCommand(tree, commandFile, `${UseCase}Command`);
  const target = options.target;
  if (onAggregate && !target)
    throw new GeneratorInputError(
      `${UseCase}Command changes one aggregate: --target names the payload field of its id`,
    );
  if (!onAggregate && target)
    throw new GeneratorInputError(`${UseCase}Command makes an aggregate: it takes no --target`);
  if (target && !fields.some((f) => f.name === target && !f.optional && ['uuid', 'string'].includes(f.type)))
    throw new GeneratorInputError(`--target ${target}: not a required uuid or string field of --fields`);

  const { className: Name, propertyName: contextProperty } = {
    ...names(name),
    propertyName: names(context).propertyName,
  };
  const type = `${context}.${name}`;
  const infrastructure = `libs/${context}/infrastructure/src`;
  const handlerFile = `${name}.participant`;
  if (tree.exists(`${infrastructure}/consumers/${handlerFile}.ts`))
    throw new GeneratorInputError(`${infrastructure}/consumers/${handlerFile}.ts exists already`);

  exportCommand(tree, application, useCase);
  const list = addSagaContracts(tree, { context, contextProperty, name, Name, fields });
  generateFiles(tree, join(__dirname, 'files'), '.', {
    context,
    name,
    Name,
    type,
    useCase,
    UseCase,
    target: target ?? '',
    payloadSample: fields.map((f) => `${f.name}: ${sample(f)}`).join(', '),
    tmpl: '',
  });
  const topic = `${context}.commands.v1`;
  editTypeScript(tree, `${infrastructure}/${context}-infrastructure.module.ts`, (source) => {
    wireConsumer(source, {
      service: manifest.service,
      Handler: `${Name}Participant`,
      handlerFile,
      topic,
      contract: `${Name}V1`,
      producer: context,
    });
    importNamed(source, '@bascule/saga', ['SagaParticipant']);
    const providers = source
      .getDescendantsOfKind(SyntaxKind.PropertyAssignment)
      .find((p) => p.getName() === 'providers')
      ?.getInitializerIfKind(SyntaxKind.ArrayLiteralExpression);
    if (providers && !providers.getElements().some((e) => e.getText() === 'SagaParticipant'))
      providers.addElement('SagaParticipant');
  });
  editTypeScript(tree, `${infrastructure}/${context}-database.ts`, (source) => {
    const migrations = source
      .getDescendantsOfKind(SyntaxKind.PropertyAssignment)
      .find((p) => p.getName() === 'migrations')
      ?.getInitializerIfKind(SyntaxKind.ArrayLiteralExpression);
    if (!migrations) throw notLaidOut(`${infrastructure}/${context}-database.ts`, 'migrations: [...]');
    importNamed(source, '@bascule/saga', ['sagaParticipantMigrations']);
    if (!migrations.getElements().some((e) => e.getText() === '...sagaParticipantMigrations'))
      migrations.addElement('...sagaParticipantMigrations');
  });
  const serviceModule = `apps/${manifest.service}/src/${manifest.service}.module.ts`;
  editTypeScript(tree, serviceModule, (source) => {
    const contracts = source
      .getDescendantsOfKind(SyntaxKind.PropertyAssignment)
      .find((p) => p.getName() === 'contracts' && p.getInitializer()?.getText().includes('EventContracts'));
    if (!contracts) throw notLaidOut(serviceModule, 'forService({ contracts })');
    importNamed(source, `@bascule/${context}/contracts`, [list]);
    const given = contracts.getInitializerOrThrow();
    const array = given.asKind(SyntaxKind.ArrayLiteralExpression);
    if (array && !array.getElements().some((e) => e.getText() === `...${list}`)) array.addElement(`...${list}`);
    else if (!array) contracts.setInitializer(`[...${given.getText()}, ...${list}]`);
    // Its stored replies are purged with the inbox rows of the commands they answer.
    const options = contracts.getParentIfKindOrThrow(SyntaxKind.ObjectLiteralExpression);
    if (!options.getProperty('retention')) {
      importNamed(source, '@bascule/saga', ['sagaRepliesRetention']);
      options.addPropertyAssignment({ name: 'retention', initializer: '() => [sagaRepliesRetention()]' });
    }
  });
  updateJson(tree, manifest.path, (json) => {
    const saga = json.sagaCommands ?? {
      topic: { name: topic, partitions: 6, retentionMs: 7 * DAY_MS, dlq: { partitions: 1, retentionMs: 30 * DAY_MS } },
      commands: [],
    };
    if (saga.commands.some((c: { command: string }) => c.command === type))
      throw new GeneratorInputError(`${manifest.path} takes ${type} already`);
    return {
      ...json,
      sagaCommands: { ...saga, commands: [...saga.commands, { command: type, versions: [1], handler: name }] },
    };
  });
  await formatFiles(tree);
  return () => undefined;
}

const sample = (f: Field): string =>
  ({
    string: "'a text'",
    text: "'a text'",
    int: String(f.range?.min ?? 1),
    boolean: 'true',
    uuid: 'randomUUID()',
    date: "'2026-01-31'",
    timestamp: "'2026-01-31T12:00:00.000Z'",
    money: "{ amount: 100, currency: 'EUR' }",
    enum: `'${f.values[0]}'`,
  })[f.type];

/** Whether the use case's command is an `AggregateCommand` (a change to one existing aggregate). */
function extendsAggregateCommand(tree: Tree, path: string, className: string): boolean {
  let found: boolean | undefined;
  editTypeScript(tree, path, (file) => {
    const declared = file.getClass(className);
    if (declared) found = declared.getExtends()?.getExpression().getText() === 'AggregateCommand';
  });
  if (found === undefined) throw notLaidOut(path, `class ${className}`);
  return found;
}

/** The use case's command, exported by the application library (the participant builds it). */
function exportCommand(tree: Tree, application: string, useCase: string): void {
  editTypeScript(tree, `${application}/index.ts`, (file) => {
    const module = `./commands/${useCase}/${useCase}.command`;
    if (!file.getExportDeclaration((d) => d.getModuleSpecifierValue() === module))
      file.addExportDeclaration({ moduleSpecifier: module });
  });
}

export default participantGenerator;
