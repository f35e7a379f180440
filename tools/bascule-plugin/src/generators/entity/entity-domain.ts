import { Tree } from '@nx/devkit';
import { Scope, SyntaxKind } from 'ts-morph';
import { ContextNames, GeneratorInputError } from '../../utils/context-names';
import { fieldLayers } from '../../utils/field-layers';
import { editTypeScript, importNamed, notLaidOut } from '../../utils/ts-source';
import { EntityNames } from './entity';

/** The events file imports the entity's enum types from the entity's file, not the aggregate's. */
export function importEntityEnums(tree: Tree, n: ContextNames, e: EntityNames): void {
  const L = fieldLayers(n.Aggregate, n.AGGREGATE);
  const enums = e.fields.filter((f) => f.type === 'enum').map((f) => L.enumType(f));
  if (!enums.length) return;
  editTypeScript(tree, `libs/${n.context}/domain/src/${n.aggregate}.events.ts`, (file) => {
    for (const fromRoot of file.getImportDeclarations()) {
      if (fromRoot.getModuleSpecifierValue() !== `./${n.aggregate}`) continue;
      for (const named of [...fromRoot.getNamedImports()]) if (enums.includes(named.getName())) named.remove();
      if (fromRoot.getNamedImports().length === 0 && !fromRoot.getDefaultImport()) fromRoot.remove();
    }
    importNamed(file, `./${e.entity}`, enums);
  });
}

/** `<Entity>IdTaken` (409, `<AGGREGATE>.<ENTITY>_ID_TAKEN`): an id added again with other values. */
export function addIdTakenError(tree: Tree, n: ContextNames, e: EntityNames): void {
  editTypeScript(tree, `libs/${n.context}/domain/src/${n.aggregate}.errors.ts`, (file) => {
    importNamed(file, '@bascule/shared/ddd', ['DomainError']);
    file.addClass({
      name: e.IdTaken,
      isExported: true,
      extends: 'DomainError',
      docs: [
        `One ${e.entityWords} added with the id of one the ${e.aggregateWords} holds, with other values. Transports map it to 409 / FAILED_PRECONDITION.`,
      ],
      properties: [{ name: 'code', isReadonly: true, initializer: `'${n.AGGREGATE}.${e.ENTITY}_ID_TAKEN'` }],
      ctors: [
        {
          parameters: [
            { name: 'id', type: 'string' },
            { name: `${e.entityProperty}Id`, type: 'string' },
          ],
          statements: `super(\`${e.aggregateWords} \${id} holds ${e.entityWords} \${${e.entityProperty}Id} with other values\`, { id, ${e.entityProperty}Id });`,
        },
      ],
    });
  });
}

/**
 * The root holds the collection (read-only outside), takes it back in `reconstitute`, and changes it through
 * `add<Entity>` / `remove<Entity>`, which record their event only when the collection changes.
 */
export function addToAggregate(tree: Tree, n: ContextNames, e: EntityNames): void {
  const L = fieldLayers(n.Aggregate, n.AGGREGATE);
  const path = `libs/${n.context}/domain/src/${n.aggregate}.ts`;
  const held = `current${e.entitiesProperty[0].toUpperCase()}${e.entitiesProperty.slice(1)}`;
  const id = e.idField.name;
  editTypeScript(tree, path, (file) => {
    const aggregate = file.getClass(n.Aggregate);
    const ctor = aggregate?.getConstructors()[0];
    const reconstitute = aggregate?.getStaticMethod('reconstitute');
    const built = reconstitute?.getFirstDescendantByKind(SyntaxKind.NewExpression);
    if (!aggregate || !ctor || !reconstitute || !built)
      throw notLaidOut(path, `class ${n.Aggregate} with its constructor and reconstitute()`);
    for (const name of [e.entitiesProperty, e.addMethod, e.removeMethod])
      if (aggregate.getMember(name)) throw new GeneratorInputError(`${n.Aggregate} has a ${name} already (${path})`);
    importNamed(file, `./${e.entity}`, [e.Entity, `${e.Entity}Id`]);
    importNamed(file, `./${n.aggregate}.errors`, [e.IdTaken]);
    if (e.fields.some((f) => f.type === 'money')) importNamed(file, '@bascule/shared/ddd', ['Money']);
    const enums = e.fields.filter((f) => f.type === 'enum').map((f) => L.enumType(f));
    if (enums.length) importNamed(file, `./${e.entity}`, enums);

    ctor.addParameter({ name: held, type: `${e.Entity}[]`, scope: Scope.Private, initializer: '[]' });
    reconstitute.addParameter({ name: e.entitiesProperty, type: `${e.Entity}[]`, initializer: '[]' });
    built.addArgument(e.entitiesProperty);

    const snapshot = aggregate.getGetAccessor('snapshot');
    const at = snapshot ? snapshot.getChildIndex() + 1 : aggregate.getMembers().length;
    aggregate.insertGetAccessor(at, {
      name: e.entitiesProperty,
      returnType: `readonly ${e.Entity}[]`,
      statements: `return this.${held};`,
    });
    const change = [e.idField, ...e.fields].map((f) => `${f.name}: ${L.domainType(f)}`).join('; ');
    aggregate.addMethod({
      name: e.addMethod,
      docs: [
        `Adds one ${e.entityWords}: records ${e.added}; nothing when it is there with the same values; refused when its id is there with others.`,
      ],
      parameters: [{ name: 'change', type: `{ ${change} }` }],
      returnType: 'void',
      statements: [
        `const { ${id}, ...state } = change;`,
        `const added = ${e.Entity}.of(${e.Entity}Id.of(${id}), state);`,
        `const present = this.${held}.find((${e.entityProperty}) => ${e.entityProperty}.equals(added));`,
        `if (present?.sameAs(added)) return;`,
        `if (present) throw new ${e.IdTaken}(this.id.value, ${id});`,
        `this.${held} = [...this.${held}, added];`,
        `this.recordEvent({ type: '${e.added}', ${id}, ${e.fields.map((f) => `${f.name}: state.${f.name}`).join(', ')} }, this.clock.now());`,
      ],
    });
    aggregate.addMethod({
      name: e.removeMethod,
      docs: [`Removes one ${e.entityWords}: records ${e.removed}; nothing when it is not there.`],
      parameters: [{ name: `{ ${id} }`, type: `{ ${id}: string }` }],
      returnType: 'void',
      statements: [
        `const next = this.${held}.filter((${e.entityProperty}) => ${e.entityProperty}.id.value !== ${id});`,
        `if (next.length === this.${held}.length) return;`,
        `this.${held} = next;`,
        `this.recordEvent({ type: '${e.removed}', ${id} }, this.clock.now());`,
      ],
    });
  });
}
