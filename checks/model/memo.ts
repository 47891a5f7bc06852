/**
 * `compute` remembered by its string argument, for at most `kept` arguments: when that many are held,
 * the memory is emptied and starts again, so a plan of many distinct names costs one map of bounded
 * size, not one per name. For pure functions of the text only (the answer is shared, never changed).
 */
export function boundedMemo<T>(compute: (text: string) => T, kept: number): (text: string) => T {
  const answers = new Map<string, T>();
  return (text) => {
    let answer = answers.get(text);
    if (answer === undefined && !answers.has(text)) {
      if (answers.size >= kept) answers.clear();
      answer = compute(text);
      answers.set(text, answer);
    }
    return answer as T;
  };
}
