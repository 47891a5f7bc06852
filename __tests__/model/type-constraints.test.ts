/**
 * Variable type constraints and the conversion Terraform makes of a value to one
 * (checks/model/type-constraints.ts). The values terraform console gives are compared in
 * evaluate-terraform.test.ts; these are the cases it cannot hold (Terraform refuses them) and the
 * parsing of what hcl2json writes.
 */
import { UNKNOWN } from '../../checks/model/evaluate';
import { conversionRefusal, convertedTo, parseTypeConstraint, typeName } from '../../checks/model/type-constraints';

/** `value` converted to the type written as `type`; `UNKNOWN` also where the type is not read (as the loaders take it). */
function convert(type: string, value: unknown): unknown {
  const parsed = parseTypeConstraint(type);
  return parsed === undefined ? UNKNOWN : convertedTo(parsed, value);
}

describe('type constraints as hcl2json writes them', () => {
  it('reads nested object types with optional attributes, defaults and comments', () => {
    const type = '${object({\n    # AWS permits one rule\n    rule = optional(object({\n      enabled = optional(bool, true) // inline\n      ids     = optional(set(string), ["b", "a"])\n      /* block */\n    }))\n  })}';
    expect(convert(type, {})).toEqual({ rule: null });
    expect(convert(type, { rule: {} })).toEqual({ rule: { enabled: true, ids: ['a', 'b'] } });
  });

  it('does not read what it does not know: a type it cannot parse is none', () => {
    expect(parseTypeConstraint('${object({ a = strin g })}')).toBeUndefined();
    expect(parseTypeConstraint('${optional(string)}')).toBeUndefined();
    expect(parseTypeConstraint('${list(widget)}')).toBeUndefined();
  });
});

describe('converting a value', () => {
  it.each([
    ['a required attribute left out (Terraform refuses the value)', '${object({ required = string })}', { other: 'x' }],
    ['a number of more digits than a double holds', '${number}', '12345678901234567890'],
    ['an infinity', '${number}', 'Inf'],
    ['a number a double cannot hold', '${number}', '1e400'],
    ['a number Terraform refuses (module arguments stay unknown)', '${number}', 'abc'],
    ['a set holding a value not known (its order is not known)', '${set(number)}', [2, UNKNOWN]],
    ['a set of objects holding a value not known', '${set(object({ a = string }))}', [{ a: 'x' }, { a: UNKNOWN }]],
    ['a set of values of type any (their type is not known)', '${set(any)}', [{ a: 'x' }, { a: 1 }]],
    ['a tuple of another length', '${tuple([string, number])}', ['a']],
    ['an object where a list is wanted', '${list(string)}', { a: 'x' }],
  ])('%s: unknown', (_, type, value) => {
    expect(convert(type, value)).toBe(UNKNOWN);
  });

  // As terraform 1.11.4 converts them (terraform plan -var, a .tfvars string).
  it.each([
    ['${number}', '7', 7],
    ['${number}', '1e3', 1000],
    ['${number}', '+5', 5],
    ['${number}', '.5', 0.5],
    ['${number}', '00012', 12],
    ['${bool}', '1', true],
    ['${bool}', '0', false],
    ['${bool}', 'false', false],
    ['${list(number)}', ['1', 2], [1, 2]],
    // A set of other than strings in cty's order (terraform console agrees: evaluate-terraform.test.ts).
    ['${set(number)}', [10, 2, 2, '1.5'], [1.5, 2, 10]],
    ['${set(bool)}', [true, 'false'], [false, true]],
    ['${set(object({ n = string, e = optional(string, "dev"), l = optional(list(string)) }))}', [{ n: 'y', l: ['b'] }, { n: 'x' }, { n: 'x', e: 'dev' }], [{ n: 'y', e: 'dev', l: ['b'] }, { n: 'x', e: 'dev', l: null }]],
  ])('%s from %j: %j', (type, value, expected) => {
    expect(convert(type, value)).toEqual(expected);
  });

  it.each([
    ['${number}', 'abc', 'a number is required'],
    ['${number}', ' 5', 'a number is required'],
    ['${number}', '0x10', 'a number is required'],
    ['${number}', '1_000', 'a number is required'],
    ['${number}', '', 'a number is required'],
    ['${number}', 'NaN', 'a number is required'],
    ['${number}', true, 'a number is required'],
    ['${bool}', 'True', 'a bool is required'],
    ['${bool}', 'yes', 'a bool is required'],
    ['${bool}', 1, 'a bool is required'],
    ['${string}', ['a'], 'a string is required'],
    ['${list(number)}', 'abc', 'a list is required'],
    ['${list(number)}', ['a'], 'a number is required'],
    ['${map(string)}', ['a'], 'a map is required'],
    ['${object({ a = number })}', [1], 'an object is required'],
    ['${tuple([string, number])}', ['a'], 'a tuple of 2 elements is required'],
  ])('%s from %j: Terraform refuses it (%s)', (type, value, reason) => {
    expect(conversionRefusal(parseTypeConstraint(type)!, value)).toBe(reason);
    expect(convert(type, value)).toBe(UNKNOWN);
  });

  it.each([
    ['${number}', '12345678901234567890'],
    ['${number}', 'Inf'],
    ['${set(number)}', [2, UNKNOWN]],
    // Terraform refuses it, but a value read leaves out the parts it does not follow.
    ['${object({ required = string })}', { other: 'x' }],
    ['${number}', null],
    ['${number}', UNKNOWN],
  ])('%s from %j: not refused (converted or not followed)', (type, value) => {
    expect(conversionRefusal(parseTypeConstraint(type)!, value)).toBeUndefined();
  });

  it('names a type as Terraform writes it, without what an optional default writes', () => {
    expect(typeName(parseTypeConstraint('${list(object({ a = number, b = optional(string, "# note") }))}')!)).toBe('list(object({ a = number, b = optional(string) }))');
  });

  it('keeps unknown parts where they are, and converts the known ones', () => {
    expect(convert('${object({ a = string, b = optional(number, 3), c = map(string) })}', { a: UNKNOWN, c: { k: true } })).toEqual({ a: UNKNOWN, b: 3, c: { k: 'true' } });
    expect(convert('${list(object({ n = string }))}', [UNKNOWN, { n: 1 }])).toEqual([UNKNOWN, { n: '1' }]);
  });

  it('null is a value of every type; an optional attribute given null takes its default', () => {
    expect(convert('${object({ a = string })}', null)).toBeNull();
    expect(convert('${object({ a = optional(string, "d") })}', { a: null })).toEqual({ a: 'd' });
    expect(convert('${object({ a = string })}', { a: null })).toEqual({ a: null });
  });
});
