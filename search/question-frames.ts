// A question's frame (法律法规对…有哪些规定, 有哪些措施) names no subject, and in a corpus of laws its
// words (法律法规, 规定, 问题) are every clause's boilerplate: retrieval reads the query without
// them. Word data: search/data/question-frames.json.
import data from './data/question-frames.json' with { type: 'json' };

const FRAMES = [...data.frames].sort((a, b) => b.length - a.length);
const CJK = /[\u3400-\u4dbf\u4e00-\u9fff]/g;

/** The query with its question frame taken out, or the query itself when too little would remain. */
export function withoutQuestionFrame(query: string): string {
  let rest = query;
  for (const frame of FRAMES) rest = rest.split(frame).join(' ');
  rest = rest.replace(/\s+/g, ' ').trim();
  return (rest.match(CJK)?.length ?? 0) >= data.minimumRest ? rest : query;
}
