/**
 * `TF_CLI_ARGS`, `TF_CLI_ARGS_init` and `TF_CLI_ARGS_plan` split into arguments as terraform splits
 * them: with github.com/mattn/go-shellwords v1.0.12 (`shellwords.Parse`, no `$` expansion, no
 * command substitution), which terraform 1.x builds with. A POSIX shell's reading differs: `#`
 * starts no comment (`-var=pw=a#b` is one argument), `\t` is `t`, and an unquoted `;`, `&`, `|`,
 * `<` or `>` ends the line (terraform ignores what follows it). The gate must read the same
 * arguments terraform will, to refuse a flag and to mask a value terraform prints: a `#` read as a
 * comment hid `-detailed-exitcode` after it and left a `-var` value's tail unmasked.
 */

/** The arguments, or why terraform would not read the text as the gate does (never quoting it: it may hold a secret). */
export type ShellWords = { readonly args: readonly string[]; readonly problem?: undefined } | { readonly args?: undefined; readonly problem: string };

/** go-shellwords' `isSpace`. */
const SPACE = new Set([' ', '\t', '\r', '\n']);

/** What go-shellwords ends a line at, outside quotes: the gate refuses it rather than drop what follows, as terraform does. */
const LINE_ENDS = new Set([';', '&', '|', '<', '>']);

/**
 * `text` split as go-shellwords v1.0.12's `Parse` splits it. Two readings it has are refused here
 * instead: an error (an unterminated quote, a trailing backslash, a stray parenthesis: terraform
 * stops with "Error parsing extra CLI args"), and an unquoted `;`, `&`, `|`, `<` or `>`, where
 * terraform silently drops the rest of the line: whatever was written after it, a flag or the tail
 * of a value, is not what terraform runs with.
 */
export function shellWords(text: string): ShellWords {
  const args: string[] = [];
  let word = '';
  // Whether a word has begun: an empty quoted '' is one.
  let inWord = false;
  let escaped = false;
  let single = false;
  let double = false;
  let backtick = false;
  let dollar = false;
  for (const char of text) {
    if (escaped) {
      // Any character after a backslash is itself (`\n` is n, `\"` is "), inside double quotes too.
      word += char;
      escaped = false;
      inWord = true;
      continue;
    }
    if (char === '\\') {
      if (single) word += char;
      else escaped = true;
      continue;
    }
    if (SPACE.has(char)) {
      if (single || double || backtick || dollar) word += char;
      else if (inWord) {
        args.push(word);
        word = '';
        inWord = false;
      }
      continue;
    }
    switch (char) {
      case '`':
        // Kept, with what it encloses (spaces included): go-shellwords runs no command unless asked.
        if (!single && !double && !dollar) backtick = !backtick;
        break;
      case ')':
        if (!single && !double && !backtick) dollar = !dollar;
        break;
      case '(':
        if (!single && !double && !backtick) {
          if (dollar || !word.endsWith('$')) return { problem: 'a ( that does not open $(…) (terraform refuses it)' };
          dollar = true;
          word += char;
          continue;
        }
        break;
      case '"':
        if (!single && !dollar) {
          if (double) inWord = true;
          double = !double;
          continue;
        }
        break;
      case "'":
        if (!double && !dollar) {
          if (single) inWord = true;
          single = !single;
          continue;
        }
        break;
      default:
        if (LINE_ENDS.has(char) && !single && !double && !backtick && !dollar) {
          return { problem: `an unquoted ${char}: terraform ignores the rest of the value after it (quote it, or remove what follows)` };
        }
    }
    inWord = true;
    word += char;
  }
  if (escaped) return { problem: 'a backslash at its end (terraform refuses it)' };
  if (single || double || backtick) return { problem: 'an unterminated quote (terraform refuses it)' };
  if (dollar) return { problem: 'an unterminated $( or a stray ) (terraform refuses it)' };
  if (inWord) args.push(word);
  return { args };
}
