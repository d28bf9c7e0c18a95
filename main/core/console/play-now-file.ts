// The name of the console's play-now files (play-now.ts writes them): apart, so the console page
// can tell one without bundling the YAML writer.

export const playNowFile = (screenId: string) => `playlists/_now-${screenId}.yaml`;

/** The screen a play-now file is for, or null when `file` is not one. */
export function playNowScreen(file: string): string | null {
  const m = /^playlists\/_now-([\w-]+)\.yaml$/.exec(file);
  return m ? m[1]! : null;
}
