/**
 * TF_CLI_ARGS* split as terraform splits them (go-shellwords v1.0.12). The expected arguments are
 * terraform 1.11.4's own (its `TF_LOG=info` line "CLI command args"), first the cases of
 * go-shellwords' shellwords_test.go, then where a POSIX shell's reading (shell-quote's) differs.
 */
import { shellWords } from '../../checks/gate/shellwords';

describe('split as terraform splits TF_CLI_ARGS', () => {
  const split: [string, string[]][] = [
    // go-shellwords' own cases
    ['var --bar=baz', ['var', '--bar=baz']],
    ['var --bar="baz"', ['var', '--bar=baz']],
    ['var "--bar=baz"', ['var', '--bar=baz']],
    [`var "--bar='baz'"`, ['var', "--bar='baz'"]],
    ['var --bar=`baz`', ['var', '--bar=`baz`']],
    [`var "--bar=\\"baz'"`, ['var', `--bar="baz'`]],
    [`var "--bar=\\'baz\\'"`, ['var', "--bar='baz'"]],
    [`var --bar='\\'`, ['var', '--bar=\\']],
    ['var "--bar baz"', ['var', '--bar baz']],
    ['var  --"bar baz"', ['var', '--bar baz']],
    ['a " b "', ['a', ' b ']],
    ["a '   '", ['a', '   ']],
    ['foo bar\\  ', ['foo', 'bar ']],
    [`foo "" bar ''`, ['foo', '', 'bar', '']],
    ['echo $(echo "foo")', ['echo', '$(echo "foo")']],
    ['echo $(`echo1)', ['echo', '$(`echo1)']],
    // where a shell reads otherwise: no comment, no $ expansion, a backslash keeps the next character
    ['-var=db_password=Abc#Tr0ub4dor-and-3', ['-var=db_password=Abc#Tr0ub4dor-and-3']],
    ['-var=note=a#b -detailed-exitcode', ['-var=note=a#b', '-detailed-exitcode']],
    ['-var=x=$HOME ${PATH}', ['-var=x=$HOME', '${PATH}']],
    ['a\\tb "x\\ty" \\n', ['atb', 'xty', 'n']],
    ["a\tb\nc  'd\te'", ['a', 'b', 'c', 'd\te']],
  ];

  it.each(split)('%j', (text, args) => {
    expect(shellWords(text)).toEqual({ args });
  });

  // terraform stops on these ("Error parsing extra CLI args"), or drops what follows an unquoted ; & | < >:
  // the gate refuses them, never quoting the text (it may hold a secret).
  const refused: [string, RegExp][] = [
    ["foo '", /unterminated quote/],
    ['foo "', /unterminated quote/],
    ['foo `', /unterminated quote/],
    ['foo\\', /backslash at its end/],
    ['echo (echo1', /a \( that does not open/],
    ['echo $ (echo1', /a \( that does not open/],
    ['echo )echo1', /stray \)/],
    ['-var=pw=s3cret;tail -detailed-exitcode', /^an unquoted ;: terraform ignores the rest/],
    ['-var=pw=a&b', /^an unquoted &/],
    ['-no-color | -out=x', /^an unquoted \|/],
    ['-no-color 2>x', /^an unquoted >/],
  ];

  it.each(refused)('%j is refused', (text, problem) => {
    const result = shellWords(text);
    expect(result.args).toBeUndefined();
    expect(result.problem).toMatch(problem);
    expect(result.problem).not.toContain('s3cret');
  });

  it('keeps ; & | < > inside quotes', () => {
    expect(shellWords(`-var='pw=a;b&c' "-var=q=x|y<z>w"`)).toEqual({ args: ['-var=pw=a;b&c', '-var=q=x|y<z>w'] });
  });
});
