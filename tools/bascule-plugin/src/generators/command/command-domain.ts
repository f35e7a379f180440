import { Tree } from '@nx/devkit';
import { aggregateState } from '../../utils/aggregate-state';
import { ContextNames, GeneratorInputError } from '../../utils/context-names';
import { fieldLayers } from '../../utils/field-layers';
import { Field } from '../../utils/fields';
import { editTypeScript, importNamed, notLaidOut } from '../../utils/ts-source';

/** What a command does to its aggregate: the state it is allowed from, the state it leads to, the fields it sets. */
export interface CommandEffect {
  /** The enum field holding the state, when the command is guarded or leads somewhere. */
  stateField?: Field;
  from: string[];
  to?: string;
  /** Command fields the aggregate holds: the command sets them. */
  sets: Field[];
  /** `--adds onHand:quantity`: the aggregate's int or money field grows by the command's (a negative one shrinks it). */
  adds: { target: Field; by: Field }[];
  /** The event's fields: the state reached, then every field of the command. */
  eventFields: Field[];
}

const list = (values?: string) =>
  (values ?? '')
    .split(/[\s,]+/)
    .map((v) => v.trim())
    .filter(Boolean);

/**
 * Checks the command against the aggregate's state: `--from`/`--to` values of one of its enum fields, a field
 * the aggregate has given with its type. Refuses a command that could change nothing (it would record nothing).
 */
export function commandEffect(
  tree: Tree,
  n: ContextNames,
  fields: Field[],
  options: { from?: string; to?: string; adds?: string },
): CommandEffect {
  const state = aggregateState(tree, n);
  const L = fieldLayers(n.Aggregate, n.AGGREGATE);
  const from = list(options.from);
  const to = options.to?.trim() || undefined;
  const asked = [...from, ...(to ? [to] : [])];
  const enums = state.filter((f) => f.type === 'enum');
  const stateField = asked.length ? enums.find((f) => asked.every((v) => f.values.includes(v))) : undefined;
  if (asked.length && !stateField)
    throw new GeneratorInputError(
      `--from/--to ${asked.join(', ')}: not values of one enum field of ${n.Aggregate} (${
        enums.map((f) => `${f.name}: ${f.values.join(', ')}`).join('; ') || 'it has none'
      })`,
    );
  const sets = fields.filter((f) => state.some((s) => s.name === f.name));
  for (const f of fields) {
    const held = state.find((s) => s.name === f.name);
    if (!held) continue;
    // A required value may fill a field the aggregate holds as optional (a reason, null until the order is refused).
    const fits =
      L.domainType({ ...held, optional: false }) === L.domainType({ ...f, optional: false }) &&
      (held.optional || !f.optional) &&
      (f.type !== 'enum' || f.values.every((v) => held.values.includes(v)));
    if (!fits)
      throw new GeneratorInputError(
        `field "${f.name}" is ${L.domainType(held)}${held.values.length ? ` (${held.values.join(', ')})` : ''} in ${n.Aggregate}; the command gives it as ${f.type}${f.optional ? '?' : ''}`,
      );
  }
  if (stateField && fields.some((f) => f.name === stateField.name))
    throw new GeneratorInputError(`"${stateField.name}" is set by --to: do not give it in --fields too`);
  const adds = list(options.adds).map((pair) => addedBy(pair, state, fields, n));
  const added = new Set(adds.map(({ target }) => target.name));
  if (fields.some((f) => added.has(f.name)))
    throw new GeneratorInputError(`a field added to by --adds is not also set through --fields`);
  if (!to && sets.length === 0 && adds.length === 0)
    throw new GeneratorInputError(
      `the command would change nothing ${n.Aggregate} holds, so it would never record its event: give --to <STATE>, ` +
        `--adds <field>:<by> or --fields among ${state.map((f) => f.name).join(', ') || `the fields of ${n.Aggregate} (it has none)`}`,
    );
  const eventFields = [
    ...(to && stateField ? [{ ...stateField, optional: false }] : []),
    ...fields,
    ...adds.map(({ target }) => target),
  ];
  return { stateField, from, to, sets, adds, eventFields };
}

/** `onHand:quantity`: an int or money field of the aggregate (required) and a command field of its type. */
function addedBy(pair: string, state: Field[], fields: Field[], n: ContextNames): { target: Field; by: Field } {
  const [targetName, byName, ...rest] = pair.split(':');
  const target = state.find((f) => f.name === targetName);
  const by = fields.find((f) => f.name === byName);
  if (rest.length || !target || !by)
    throw new GeneratorInputError(
      `--adds ${pair}: <field of ${n.Aggregate}>:<field of --fields> (e.g. onHand:quantity); ${n.Aggregate} has ` +
        `${state.map((f) => f.name).join(', ') || 'no field'}`,
    );
  if ((target.type !== 'int' && target.type !== 'money') || target.optional)
    throw new GeneratorInputError(`--adds ${pair}: ${target.name} must be a required int or money field to add to`);
  if (by.type !== target.type || by.optional)
    throw new GeneratorInputError(`--adds ${pair}: ${by.name} must be a required ${target.type}, as ${target.name} is`);
  return { target, by };
}

/** The domain expression of `target` after adding `by`. */
const addition = (target: Field, by: Field): string =>
  target.type === 'money'
    ? `this.state.${target.name}.add(change.${by.name})`
    : `this.state.${target.name} + change.${by.name}`;

/** `<Aggregate>InvalidState` (409, `<AGGREGATE>.INVALID_STATE`), once per aggregate. */
export function addInvalidStateError(tree: Tree, n: ContextNames): void {
  const path = `libs/${n.context}/domain/src/${n.aggregate}.errors.ts`;
  editTypeScript(tree, path, (file) => {
    if (file.getClass(`${n.Aggregate}InvalidState`)) return;
    importNamed(file, '@bascule/shared/ddd', ['DomainError']);
    file.addClass({
      name: `${n.Aggregate}InvalidState`,
      isExported: true,
      extends: 'DomainError',
      docs: ['A command refused by the state the aggregate is in. Transports map it to 409 / FAILED_PRECONDITION.'],
      properties: [{ name: 'code', isReadonly: true, initializer: `'${n.AGGREGATE}.INVALID_STATE'` }],
      ctors: [
        {
          parameters: [
            { name: 'id', type: 'string' },
            { name: 'state', type: 'string' },
            { name: 'command', type: 'string' },
          ],
          statements: `super(\`${n.aggregate.replace(/-/g, ' ')} \${id} is \${state}: \${command} is refused\`, { id, state, command });`,
        },
      ],
    });
  });
}

/** `same` of the domain's values `a` and `b` of a field (Money by value, a timestamp by its instant). */
export function same(f: Field, a: string, b: string): string {
  if (f.type === 'money')
    return f.optional ? `(${a} === null ? ${b} === null : ${b} !== null && ${a}.equals(${b}))` : `${a}.equals(${b})`;
  if (f.type === 'timestamp')
    return f.optional ? `${a}?.getTime() === ${b}?.getTime()` : `${a}.getTime() === ${b}.getTime()`;
  return `${a} === ${b}`;
}

/**
 * The aggregate's method: refused outside `--from`, a no-op when it would change nothing, else the new state and
 * the event recorded.
 */
export function addAggregateMethod(
  tree: Tree,
  n: ContextNames,
  method: string,
  useCase: string,
  event: string,
  fields: Field[],
  effect: CommandEffect,
): void {
  const L = fieldLayers(n.Aggregate, n.AGGREGATE);
  const path = `libs/${n.context}/domain/src/${n.aggregate}.ts`;
  const { stateField, from, to, sets, adds, eventFields } = effect;
  const changes = [
    ...(to && stateField ? [[stateField, `'${to}'`] as const] : []),
    ...sets.map((f) => [f, `change.${f.name}`] as const),
    ...adds.map(({ target, by }) => [target, addition(target, by)] as const),
  ];
  const fromNext = (f: Field) => f.name === stateField?.name || adds.some((a) => a.target === f);
  const statements: string[] = [];
  if (from.length && stateField) {
    const current = `this.state.${stateField.name}`;
    statements.push(
      `if (!([${from.map((v) => `'${v}'`).join(', ')}] as (string | null)[]).includes(${current}))\n` +
        `  throw new ${n.Aggregate}InvalidState(this.id.value, String(${current}), '${useCase}');`,
    );
  }
  statements.push(
    `const next: ${n.Aggregate}State = { ...this.state, ${changes.map(([f, value]) => `${f.name}: ${value}`).join(', ')} };`,
    `if (${changes.map(([f]) => same(f, `next.${f.name}`, `this.state.${f.name}`)).join(' && ')}) return;`,
    'this.state = next;',
    `this.recordEvent({ type: '${event}', ${eventFields
      // A field set is the command's value: typed as the command gives it (required, where the aggregate may hold null);
      // the state reached and a sum are the aggregate's.
      .map((f) => `${f.name}: ${fromNext(f) ? 'next' : 'change'}.${f.name}`)
      .join(', ')} }, this.clock.now());`,
  );
  editTypeScript(tree, path, (file) => {
    const aggregate = file.getClass(n.Aggregate);
    if (!aggregate) throw notLaidOut(path, `class ${n.Aggregate}`);
    if (aggregate.getMethod(method))
      throw new GeneratorInputError(`${n.Aggregate} has a method ${method}() already (${path})`);
    aggregate.addMethod({
      name: method,
      docs: [
        `${useCase.replace(/-/g, ' ')}${from.length ? ` (from ${from.join(', ')})` : ''}${to ? ` → ${to}` : ''}: records ${event} when it changes the state.`,
      ],
      parameters: fields.length
        ? [{ name: 'change', type: `{ ${fields.map((f) => `${f.name}: ${L.domainType(f)}`).join('; ')} }` }]
        : [],
      returnType: 'void',
      statements,
    });
    if (from.length) importNamed(file, `./${n.aggregate}.errors`, [`${n.Aggregate}InvalidState`]);
    if (fields.some((f) => f.type === 'money')) importNamed(file, '@bascule/shared/ddd', ['Money']);
  });
}
