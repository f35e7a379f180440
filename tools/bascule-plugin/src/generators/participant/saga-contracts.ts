import { Tree } from '@nx/devkit';
import { Field } from '../../utils/fields';
import { fieldLayers } from '../../utils/field-layers';
import { appendToArrayVariable, editTypeScript, importNamed } from '../../utils/ts-source';

/** `libs/<context>/contracts/src/<context>-saga.v1.ts`: the saga commands the context takes and their replies. */
export const sagaContractsPath = (context: string) => `libs/${context}/contracts/src/${context}-saga.v1.ts`;

const header = (context: string, list: string) => `import { Type } from '@sinclair/typebox';
import { defineEvent } from '@bascule/shared/contracts';

/**
 * The saga commands the ${context} context takes on ${context}.commands.v1 and its replies on saga.replies.v1, keyed by saga
 * id (ADR 0055, 0056). Given to the service's OutboxWriter with its events, never published as its events.
 */
const command = { version: 1, topic: '${context}.commands.v1', aggregateType: 'saga' } as const;
const reply = { version: 1, topic: 'saga.replies.v1', aggregateType: 'saga' } as const;
const closed = { additionalProperties: false } as const;

export const ${list} = [] as const;
`;

/** Adds the command `<Name>V1` and its replies `<Name>SucceededV1`, `<Name>RefusedV1` (the file made by the first). */
export function addSagaContracts(
  tree: Tree,
  s: { context: string; contextProperty: string; name: string; Name: string; fields: Field[] },
): string {
  const path = sagaContractsPath(s.context);
  const list = `${s.contextProperty}SagaContracts`;
  if (!tree.exists(path)) tree.write(path, header(s.context, list));
  const { answerSchema } = fieldLayers(s.Name, s.Name.toUpperCase());
  const payload = s.fields.map(
    (f) => `${f.name}: ${f.optional ? `Type.Optional(${answerSchema(f)})` : answerSchema(f)}`,
  );
  editTypeScript(tree, path, (file) => {
    importNamed(file, '@sinclair/typebox', ['Type']);
    const at = file.getVariableStatementOrThrow(list).getChildIndex();
    file.insertStatements(at, [
      `export const ${s.Name}V1 = defineEvent({
        ...command,
        type: '${s.context}.${s.name}',
        summary: 'A saga asks the ${s.context} context to ${s.name.replace(/-/g, ' ')}.',
        schema: Type.Object({ ${payload.join(', ')} }, closed),
      });`,
      `export const ${s.Name}SucceededV1 = defineEvent({
        ...reply,
        type: '${s.context}.${s.name}-succeeded',
        summary: 'Done: the aggregate the use case changed, at its version.',
        schema: Type.Object({ id: Type.String(), version: Type.Integer() }, closed),
      });`,
      `export const ${s.Name}RefusedV1 = defineEvent({
        ...reply,
        type: '${s.context}.${s.name}-refused',
        summary: 'Refused: the domain error code and its message.',
        schema: Type.Object({ reason: Type.String(), detail: Type.String() }, closed),
      });`,
    ]);
    for (const constant of [`${s.Name}V1`, `${s.Name}SucceededV1`, `${s.Name}RefusedV1`])
      appendToArrayVariable(file, list, constant);
  });
  editTypeScript(tree, `libs/${s.context}/contracts/src/index.ts`, (file) => {
    const module = `./${s.context}-saga.v1`;
    if (!file.getExportDeclaration((d) => d.getModuleSpecifierValue() === module))
      file.addExportDeclaration({ moduleSpecifier: module });
  });
  return list;
}
