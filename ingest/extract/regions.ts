// Document-APPLIES_TO->Region: every document (cited ones too, when their issuer says where).
import type { Dictionaries } from '../../dictionaries/dictionaries.js';
import type { PolicyDocument } from '../../graph/model.js';
import { documentRegion } from './document-region.js';
import { FactSet } from './facts.js';

export function extractRegions(documents: PolicyDocument[], dicts: Dictionaries): FactSet {
  const facts = new FactSet();
  for (const doc of documents) {
    const region = documentRegion(doc, dicts);
    if (!region) continue;
    facts.addRegion(region);
    facts.addEdge('APPLIES_TO', doc.id, region.name);
  }
  return facts;
}
