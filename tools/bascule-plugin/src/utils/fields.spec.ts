import { GeneratorInputError } from './context-names';
import { fieldLayers } from './field-layers';
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

  it('reads an int’s bounds, either of which may be left out', () => {
    const [onHand, quantity, delta] = parseFields('onHand:int(0..) quantity:int(1..10000) delta:int(..-1)');
    expect([onHand.range, quantity.range, delta.range]).toEqual([{ min: 0 }, { min: 1, max: 10000 }, { max: -1 }]);
    expect(parseFields('count:int')[0].range).toBeUndefined();
  });

  it('reads an int’s listed values, in order (VAT rates in basis points)', () => {
    const [vatRate] = parseFields('vatRate:int(2000|1000|550|210)?');
    expect(vatRate).toEqual(expect.objectContaining({ type: 'int', allowed: [2000, 1000, 550, 210], optional: true }));
    expect(vatRate.range).toBeUndefined();
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
    ['count:int(3)', 'field "count": an int\'s bounds are int(MIN..MAX)'],
    ['count:int(..)', 'field "count": an int\'s bounds are int(MIN..MAX)'],
    ['count:int(one..)', 'field "count": bound "one" is not a 32-bit whole number'],
    ['count:int(0..3000000000)', 'field "count": bound "3000000000" is not a 32-bit whole number'],
    ['count:int(10..1)', 'field "count": the lower bound 10 is above the upper 1'],
    ['count:int(1|one)', 'field "count": value "one" is not a 32-bit whole number'],
    ['count:int(1|2|1)', 'field "count": value 1 is given twice'],
    ['note:text(3)', 'field "note": only enum (values) and int (bounds or values) take parentheses'],
  ])('refuses %j: %s', (spec, message) => {
    expect(() => parseFields(spec)).toThrow(GeneratorInputError);
    expect(() => parseFields(spec)).toThrow(message);
  });
});

describe('an int’s bounds in each layer', () => {
  const L = fieldLayers('StockItem', 'STOCK_ITEM');
  const [onHand, quantity, count] = parseFields('onHand:int(0..) quantity:int(1..10000) count:int');

  it('bound the request’s schema (so REST and gRPC refuse, naming the field) and the column', () => {
    expect(L.requestSchema(onHand)).toBe('Type.Integer({ minimum: 0, maximum: 2_147_483_647 })');
    expect(L.requestSchema(quantity)).toBe('Type.Integer({ minimum: 1, maximum: 10_000 })');
    expect(L.requestSchema(count)).toBe('Type.Integer({ minimum: -2_147_483_648, maximum: 2_147_483_647 })');
    expect(L.columnDefinitions(onHand)).toEqual(['on_hand integer NOT NULL CHECK (on_hand >= 0)']);
    expect(L.columnDefinitions(quantity)).toEqual([
      'quantity integer NOT NULL CHECK (quantity >= 1 AND quantity <= 10000)',
    ]);
    expect(L.columnDefinitions(count)).toEqual(['count integer NOT NULL']);
  });

  it('keep the generated tests’ samples inside them', () => {
    const [small] = parseFields('small:int(1..3)');
    const [large] = parseFields('large:int(100..)');
    expect([0, 1, 2].map((v) => L.sample(small, v))).toEqual(['3', '2', '1']);
    expect([0, 1].map((v) => L.sample(large, v))).toEqual(['100', '101']);
  });
});

describe('an int’s listed values in each layer', () => {
  const L = fieldLayers('StockItem', 'STOCK_ITEM');
  const [vatRate] = parseFields('vatRate:int(2000|1000|550|210)');

  it('are the only ones the request’s schema, the event’s and the column accept', () => {
    const union = 'Type.Union([Type.Literal(2000), Type.Literal(1000), Type.Literal(550), Type.Literal(210)])';
    expect(L.requestSchema(vatRate)).toBe(union);
    expect(L.answerSchema(vatRate)).toBe(union);
    expect(L.columnDefinitions(vatRate)).toEqual([
      'vat_rate integer NOT NULL CHECK (vat_rate IN (2000, 1000, 550, 210))',
    ]);
  });

  it('give the generated tests’ samples', () => {
    expect([0, 1, 4].map((v) => L.sample(vatRate, v))).toEqual(['2000', '1000', '2000']);
  });
});
