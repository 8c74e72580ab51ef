// A question's frame is left to understanding; retrieval reads its subject.
import { describe, expect, it } from 'vitest';
import { withoutQuestionFrame } from './question-frames.js';

describe('withoutQuestionFrame', () => {
  it('takes the frame out of law and policy questions', () => {
    expect(withoutQuestionFrame('法律法规对彩礼问题有哪些规定')).toBe('彩礼');
    expect(withoutQuestionFrame('劳动合同法关于试用期有什么规定')).toBe('劳动合同法关于试用期');
    expect(withoutQuestionFrame('提升消费者信息技能有哪些措施')).toBe('提升消费者信息技能');
  });

  it('keeps a query that would be left with too little, and queries without a frame', () => {
    expect(withoutQuestionFrame('有哪些规定')).toBe('有哪些规定');
    expect(withoutQuestionFrame('劳动合同法第十九条')).toBe('劳动合同法第十九条');
  });
});
