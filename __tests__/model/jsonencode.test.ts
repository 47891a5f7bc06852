/**
 * `jsonencode` of what an expression fixes by itself (constants, functions of them), as the
 * configuration loaders evaluate it: the same string Terraform puts in a plan, or nothing at all.
 */
import fc from 'fast-check';
import { constantJsonencode } from '../../checks/model/evaluate';

const wrap = (expression: string): string => `\${jsonencode(${expression})}`;

describe('constantJsonencode', () => {
  it.each([
    ['an object, keys sorted, no spaces', '{\n  b = 1\n  a = "x"\n}', '{"a":"x","b":1}'],
    ['quoted keys with colons, `:` as the separator, commas', '{ "aws:SecureTransport": "false", "k" = true, }', '{"aws:SecureTransport":"false","k":true}'],
    ['tuples, nested, with a trailing comma', '[1, [2, null], { x = [] },]', '[1,[2,null],{"x":[]}]'],
    ['numbers as JSON writes them', '[-1.5e2, 0.25, 10]', '[-150,0.25,10]'],
    ['escapes, and the characters Terraform escapes for HTML', '"a\\"b\\\\c\\n<&>\\u00e9"', '"a\\"b\\\\c\\n\\u003c\\u0026\\u003e\u00e9"'],
    ['$${ and %%{ stand for ${ and %{', '"$${x}-%%{y}"', '"${x}-%{y}"'],
    ['a key named __proto__ is a key like any other', '{ "__proto__" = 1, constructor = 2 }', '{"__proto__":1,"constructor":2}'],
    ['comments of every kind', '{\n  # one\n  a = 1 // two\n  /* three */ b = 2\n}', '{"a":1,"b":2}'],
    ['a function of constants', '{ a = lower("X"), b = merge({ c = 1 }, { d = [2] }) }', '{"a":"x","b":{"c":1,"d":[2]}}'],
    ['operators and a conditional of constants', '{ a = 1 + 2, b = true ? "x" : "y" }', '{"a":3,"b":"x"}'],
  ])('%s', (_name, expression, expected) => {
    expect(constantJsonencode(wrap(expression))).toBe(expected);
  });

  it.each([
    ['a reference', '{ a = var.x }'],
    ['an interpolation', '{ a = "arn:aws:s3:::${var.bucket}/*" }'],
    ['a directive on a reference', '"%{ if var.on }x%{ endif }"'],
    ['an operator on a reference', '{ a = var.n + 2 }'],
    ['a conditional on a reference', '{ a = var.on ? 1 : 2 }'],
    ['a function not evaluated', '{ a = bcrypt("X") }'],
    ['a local (nothing but the expression is known here)', '{ a = local.x }'],
    ['a for expression', '[for s in var.list : s]'],
    ['a heredoc', '<<EOT\nx\nEOT'],
    ['an index on a literal', '[null[0]]'],
    ['a key expression', '{ (var.k) = 1 }'],
    ['an unclosed object', '{ a = 1'],
  ])('leaves %s unknown', (_name, expression) => {
    expect(constantJsonencode(wrap(expression))).toBeUndefined();
  });

  it('evaluates only a whole `${jsonencode(...)}`: text around it, or another function, is not evaluated', () => {
    expect(constantJsonencode(`x${wrap('1')}`)).toBeUndefined();
    expect(constantJsonencode('${yamlencode({ a = 1 })}')).toBeUndefined();
    expect(constantJsonencode('{"a":1}')).toBeUndefined();
  });

  it('reads an escaped `$${` or `%%{` inside a quoted string of the expression as literal text (found by the property below)', () => {
    expect(constantJsonencode(wrap('{ "$${ " = { "] " = null } }'))).toBe('{"${ ":{"] ":null}}');
    expect(constantJsonencode(wrap('["%%{ x", "$${"]'))).toBe('["%{ x","${"]');
  });

  it('reads back any JSON value written in HCL syntax (property)', () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.boolean(), fc.integer(), fc.string(), tie('array'), tie('object')),
      array: fc.array(tie('value'), { maxLength: 4 }),
      object: fc.dictionary(fc.string({ minLength: 1 }), tie('value'), { maxKeys: 4 }),
    })).value;
    // HCL syntax for a value: keys quoted, strings escaped (`$${`/`%%{` for `${`/`%{`), random layout.
    const hcl = (value: unknown, newline: boolean): string => {
      const sep = newline ? '\n' : ', ';
      if (typeof value === 'string') return JSON.stringify(value).replace(/[$%]\{/g, (m) => `${m[0]}${m}`);
      if (Array.isArray(value)) return `[${value.map((v) => hcl(v, newline)).join(', ')}]`;
      if (value !== null && typeof value === 'object') {
        const items = Object.entries(value).map(([k, v]) => `${hcl(k, newline)} = ${hcl(v, newline)}`);
        return items.length === 0 ? '{}' : `{${newline ? '\n' : ' '}${items.join(sep)}${newline ? '\n' : ' '}}`;
      }
      return JSON.stringify(value);
    };
    fc.assert(
      fc.property(json, fc.boolean(), (value, newline) => {
        const encoded = constantJsonencode(wrap(hcl(value, newline)));
        expect(encoded).toBeDefined();
        expect(JSON.parse(encoded as string)).toEqual(value);
        expect(encoded).not.toMatch(/[<>&\u2028\u2029]/);
      }),
      { numRuns: 300 },
    );
  });
});
