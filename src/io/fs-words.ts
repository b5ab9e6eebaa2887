/**
 * A file-system error in words: "no such file", not ENOENT. The code follows in brackets for a
 * search engine; an unknown code is given as it is.
 */
const WORDS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files on the system',
  EIO: 'an I/O error on the device',
  ENXIO: 'no such device',
  ENODEV: 'no such device',
  EBADF: 'the file is closed',
  EAGAIN: 'not readable now (a non-blocking descriptor)',
  ETXTBSY: 'the file is busy',
  EFBIG: 'the file is too large',
};

export function fsReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === undefined) return (e as Error | undefined)?.message ?? 'error';
  const words = WORDS[code];
  return words === undefined ? code : `${words} (${code})`;
}
