// Use case: the nodes and edges within one or two hops of a node, for a graph view.
import { z } from 'zod';
import { PolicyGraphError } from '../graph/errors.js';
import type { Neighbourhood } from '../graph/store.js';
import type { Engines } from './engines.js';
import { MAX_ID_CHARS, parseRequest } from './fields.js';

export const NeighbourhoodRequestSchema = z
  .object({
    id: z.string().trim().min(1, 'is empty').max(MAX_ID_CHARS),
    depth: z.union([z.literal(1), z.literal(2)]).default(1),
  })
  .strict();

export type NeighbourhoodRequest = z.input<typeof NeighbourhoodRequestSchema>;

export async function neighbourhoodOf(engines: Pick<Engines, 'store'>, request: NeighbourhoodRequest): Promise<Neighbourhood> {
  const { id, depth } = parseRequest(NeighbourhoodRequestSchema, request, 'neighbourhood');
  const hood = await engines.store.neighbourhood(id, depth);
  if (hood.nodes.length === 0) throw new PolicyGraphError('NOT_FOUND', `no node with id "${id}"`);
  return hood;
}
