import { names, Tree } from '@nx/devkit';
import { SyntaxKind, VariableDeclarationKind } from 'ts-morph';
import { ContextNames } from '../../utils/context-names';
import { editSource } from '../../utils/context-sources';
import { fieldLayers } from '../../utils/field-layers';
import { declareMoneyRules, editTypeScript, notLaidOut } from '../../utils/ts-source';
import { EntityNames } from './entity';

/** The children in the root's answer: its TypeBox schema (hence OpenAPI) and its proto message. */
export function addToEdges(tree: Tree, n: ContextNames, e: EntityNames): void {
  const L = fieldLayers(n.Aggregate, n.AGGREGATE);
  const path = `libs/${n.context}/interface/src/rest/${n.aggregate}.schemas.ts`;
  editTypeScript(tree, path, (file) => {
    const root = file.getVariableStatement(`${n.Aggregate}Schema`);
    const properties = root
      ?.getDeclarations()[0]
      .getInitializerIfKind(SyntaxKind.CallExpression)
      ?.getArguments()[0]
      ?.asKind(SyntaxKind.ObjectLiteralExpression);
    if (!root || !properties) throw notLaidOut(path, `${n.Aggregate}Schema = Type.Object({ ... })`);
    if (e.fields.some((f) => f.type === 'money')) declareMoneyRules(file);
    file.insertVariableStatement(root.getChildIndex(), {
      declarationKind: VariableDeclarationKind.Const,
      isExported: true,
      docs: [`One ${e.entityWords} in a ${e.aggregateWords}'s answer.`],
      declarations: [
        {
          name: `${e.Entity}Schema`,
          initializer: `Type.Object({ id, ${e.fields.map((f) => `${f.name}: ${L.answerSchema(f)}`).join(', ')} })`,
        },
      ],
    });
    const createdAt = properties.getProperties().findIndex((p) => p.getText().startsWith('createdAt'));
    properties.insertPropertyAssignment(createdAt < 0 ? properties.getProperties().length : createdAt, {
      name: e.entitiesProperty,
      initializer: `Type.Array(${e.Entity}Schema)`,
    });
  });

  // The proto is not TypeScript: the field goes before the closing brace of the root's message, as text.
  const column = names(e.entitiesProperty).fileName.replace(/-/g, '_');
  const message = [`string id = 1;`, ...e.fields.map((f, i) => L.protoField(f, i + 2))].map((line) => `  ${line}\n`);
  editSource(tree, `libs/${n.context}/contracts/src/proto/${n.context}.proto`, (source) => {
    const start = source.indexOf(`message ${n.Aggregate} {`);
    const end = start < 0 ? -1 : source.indexOf('\n}\n', start);
    if (end < 0) return undefined;
    const numbers = [...source.slice(start, end).matchAll(/= (\d+);/g)].map((m) => Number(m[1]));
    const field = `\n  repeated ${e.Entity} ${column} = ${Math.max(0, ...numbers) + 1};`;
    const withField = `${source.slice(0, start)}${source.slice(start, end)}${field}${source.slice(end)}`;
    const money = 'import "bascule/shared/v1/money.proto";';
    const withImport =
      e.fields.some((f) => f.type === 'money') && !withField.includes(money)
        ? withField.replace(/^(package [^;]+;\n)/m, `$1\n${money}\n`)
        : withField;
    return `${withImport.trimEnd()}\n\nmessage ${e.Entity} {\n${message.join('')}}\n`;
  });
}
