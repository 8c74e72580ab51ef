// How PolicyGraph cites a clause: 文号 (or the title when there is none) · clause path.
import type { PolicyDocument } from '../../graph/model.js';

export function citationOf(doc: Pick<PolicyDocument, 'docNumber' | 'title'>, path: string): string {
  return `${doc.docNumber ?? `《${doc.title}》`} · ${path}`;
}

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
