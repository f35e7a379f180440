import { GeneratorInputError } from './context-names';
import { parseFields } from './fields';

describe('--fields', () => {
  it('reads each type, in order, with its spellings; `?` makes a field optional', () => {
    expect(parseFields('dueOn:date note:text? total:money')).toEqual([
      { name: 'dueOn', Name: 'DueOn', column: 'due_on', type: 'date', optional: false, values: [] },
      { name: 'note', Name: 'Note', column: 'note', type: 'text', optional: true, values: [] },
      { name: 'total', Name: 'Total', column: 'total', type: 'money', optional: false, values: [] },
    ]);
    expect(parseFields('a:string b:int c:boolean d:uuid e:timestamp').map((f) => f.type)).toEqual([
      'string',
      'int',
      'boolean',
      'uuid',
      'timestamp',
    ]);
  });

  it('reads an enum’s values, separated by commas, also when entries are separated by commas', () => {
    expect(parseFields('status:enum(DRAFT,ON_HOLD)?, label:string')).toEqual([
      expect.objectContaining({ name: 'status', type: 'enum', values: ['DRAFT', 'ON_HOLD'], optional: true }),
      expect.objectContaining({ name: 'label', type: 'string' }),
    ]);
  });

  it('no --fields, no field', () => {
    expect(parseFields(undefined)).toEqual([]);
    expect(parseFields('  ')).toEqual([]);
  });

  it.each([
    [
      'total:float',
      'field "total": unknown type "float"; the types are string, text, int, boolean, uuid, date, timestamp, money, enum',
    ],
    ['total', '"total" is not a field: <name>:<type>[?]'],
    ['Total:int', 'field "Total": a name in camelCase'],
    ['due_on:date', 'field "due_on": a name in camelCase'],
    ['a:int a:text', 'field "a" is given twice in --fields'],
    ['id:uuid', 'field "id" is reserved'],
    ['createdAt:timestamp', 'field "createdAt" is reserved'],
    ['status:enum', 'field "status": an enum needs its values'],
    ['status:enum()', 'field "status": an enum needs its values'],
    ['status:enum(draft)', 'enum value "draft" is not UPPER_SNAKE'],
    ['status:enum(A,A)', 'enum value "A" is given twice'],
    ['count:int(3)', 'field "count": only enum takes values in parentheses'],
  ])('refuses %j: %s', (spec, message) => {
    expect(() => parseFields(spec)).toThrow(GeneratorInputError);
    expect(() => parseFields(spec)).toThrow(message);
  });
});
