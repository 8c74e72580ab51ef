// A PolicyDocument with the defaults of a document nothing is known about, for hand-made fixtures.
import type { PolicyDocument } from '../../graph/model.js';

export function documentWith(fields: Partial<PolicyDocument> & { title: string }): PolicyDocument {
  return {
    id: '',
    docNumber: null,
    issuers: [],
    region: null,
    level: 'unknown',
    year: null,
    date: null,
    draft: false,
    kind: 'policy',
    inCorpus: true,
    aliases: [],
    sources: [],
    ...fields,
  };
}
