// Whether anything is at a path (a file, a folder, or a link, even a dangling one: lstat, so a
// name that is taken counts as taken).
import { lstat } from 'node:fs/promises';

export async function pathExists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}
