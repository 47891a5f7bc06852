/**
 * Why the file system would not open, list or stat a path, in words a user acts on: the error's
 * code alone (`ELOOP`) or Node's message (`ELOOP: too many symbolic links encountered, stat 'x'`)
 * says it less plainly and, for the message, names the path a second time.
 */
const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'no such file or directory (a part of its path is a file, not a directory)',
  ELOOP: 'a symbolic link loop',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENAMETOOLONG: 'the name is too long',
  ENOSPC: 'no space left on the device',
};

/** The reason for a file system error with a known code; undefined for any other error. */
export function ioProblem(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === undefined ? undefined : REASONS[code];
}
