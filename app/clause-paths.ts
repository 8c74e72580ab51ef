// Clause paths: parents and ancestors (the citation string itself lives in graph/ids.ts).

/** Parent path of a clause path (`三、/（十一）` → `三、`), or null at the top. */
export function parentPath(path: string): string | null {
  const cut = path.lastIndexOf('/');
  return cut > 0 ? path.slice(0, cut) : null;
}

/** Every ancestor path, outermost first (`三、/（十一）/1.` → [`三、`, `三、/（十一）`]). */
export function ancestorPaths(path: string): string[] {
  const parts = path.split('/');
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join('/'));
  return out;
}
