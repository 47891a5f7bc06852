import { invalidJsonMessage, jsonSyntaxProblem } from '../../checks/model/json-error';

/** The problem `JSON.parse` reports for `text`. */
function problemOf(text: string) {
  try {
    JSON.parse(text);
  } catch (error) {
    return jsonSyntaxProblem(error, text);
  }
  throw new Error('valid JSON');
}

const LONG = 'a'.repeat(30);

describe('jsonSyntaxProblem: where JSON.parse failed, and what, with nothing of the text', () => {
  it.each([
    ['a token deep in the text (V8 quotes 10 characters either side)', `{"${LONG}": 1, "b": xSECRETVALUE, "${LONG}": 2}`, 'xSECRETVALUE', 'Unexpected character'],
    ['a token near the start (quoted from the start)', `{"b": xSECRETVALUE, "${LONG}": 2}`, 'xSECRETVALUE', 'Unexpected character'],
    ['a token near the end (quoted to the end)', `{"${LONG}": 1, "b": xSECRETVALUE}`, 'xSECRETVALUE', 'Unexpected character'],
    ['a missing comma (V8 gives the position)', `{"a": "SECRETVALUE" "b": 1}`, '"b"', "Expected ',' or '}' after property value"],
    ['data after the document', `{"a": 1}SECRETVALUE`, 'SECRETVALUE', 'Unexpected non-whitespace character after JSON'],
  ])('%s', (_name, text, at, detail) => {
    const problem = problemOf(text);
    expect(problem).toEqual({ detail, at: text.indexOf(at) });
    expect(problem.detail).not.toContain('SECRET');
  });

  it('a text cut short fails at its end', () => {
    expect(problemOf('{"a": tru')).toEqual({ detail: 'Unexpected end of JSON input', at: 9 });
  });

  it('says line and column', () => {
    const text = `{\n  "a": 1,\n  "b": ${LONG}\n}`;
    let message = '';
    try {
      JSON.parse(text);
    } catch (error) {
      message = invalidJsonMessage(error, text);
    }
    expect(message).toBe('invalid JSON at line 3, column 8: Unexpected character');
  });
});
