/**
 * Variable type constraints and the conversion Terraform makes of a value to one
 * (checks/model/type-constraints.ts). The values terraform console gives are compared in
 * evaluate-terraform.test.ts; these are the cases it cannot hold (Terraform refuses them) and the
 * parsing of what hcl2json writes.
 */
import { UNKNOWN } from '../../checks/model/evaluate';
import { convertedTo, parseTypeConstraint } from '../../checks/model/type-constraints';

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
    ['a number from a string (converted by Terraform; not followed)', '${number}', '7'],
    ['a set of numbers (Terraform orders it its own way)', '${set(number)}', [2, 1]],
    ['a tuple of another length', '${tuple([string, number])}', ['a']],
    ['an object where a list is wanted', '${list(string)}', { a: 'x' }],
  ])('%s: unknown', (_, type, value) => {
    expect(convert(type, value)).toBe(UNKNOWN);
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
