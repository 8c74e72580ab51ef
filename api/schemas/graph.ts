// Response schemas for graph entities (graph/model.ts and graph/store.ts), described once for OpenAPI.
import { z } from '@hono/zod-openapi';
import { EDGE_TYPES } from '../../graph/model.js';

export const LevelSchema = z.enum(['national', 'provincial', 'municipal', 'unknown']).openapi('Level');

export const SourceSpanSchema = z
  .object({ file: z.string(), start: z.number().int(), end: z.number().int() })
  .openapi('SourceSpan', { description: 'Where the passage occurs in an input file (UTF-16 offsets of the decoded text)' });

export const DocumentSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    docNumber: z.string().nullable().openapi({ description: '文号', example: '国发〔2017〕40号' }),
    issuers: z.array(z.string()),
    region: z.string().nullable(),
    level: LevelSchema,
    year: z.number().int().nullable(),
    date: z.string().nullable(),
    draft: z.boolean(),
    kind: z.enum(['policy', 'commentary']),
    inCorpus: z.boolean(),
    aliases: z.array(z.string()),
    sources: z.array(SourceSpanSchema),
    docType: z.string().nullable().optional().openapi({ description: '法律, 行政法规, 部门规章, 地方性法规, 司法解释, 规范性文件 …', example: '地方性法规' }),
    subject: z.string().nullable().optional().openapi({ description: '主题分类 as the publisher files it' }),
    indexNumber: z.string().nullable().optional().openapi({ description: '索引号 of the publisher’s catalogue' }),
    publishedDate: z.string().nullable().optional().openapi({ description: 'ISO date published or promulgated (发布/公布)' }),
    effectiveDate: z.string().nullable().optional().openapi({ description: 'ISO date it takes effect (施行)' }),
    history: z
      .array(z.object({ date: z.string().nullable(), event: z.string(), text: z.string() }))
      .nullable()
      .optional()
      .openapi({ description: 'Adoption and amendment history, oldest first' }),
    edition: z.string().nullable().optional().openapi({ description: 'ISO date of the edition this text is (amended laws have several)' }),
    status: z.enum(['current', 'superseded', 'repealed']).nullable().optional().openapi({ description: 'current, superseded by a newer edition in the corpus, or repealed' }),
  })
  .openapi('Document');

export const DocumentSummarySchema = DocumentSchema.extend({ clauseCount: z.number().int() }).openapi('DocumentSummary');

export const ClauseKindSchema = z.enum(['section', 'item', 'paragraph', 'box', 'table-row', 'preamble', 'closing']);

export const ClauseSchema = z
  .object({
    id: z.string(),
    docId: z.string(),
    path: z.string().openapi({ example: '三、/（十一）' }),
    number: z.string().nullable(),
    heading: z.string().nullable(),
    text: z.string(),
    ordinal: z.number().int(),
    depth: z.number().int(),
    parentId: z.string().nullable(),
    kind: ClauseKindSchema,
    fields: z.record(z.string(), z.string()).nullable(),
    sources: z.array(SourceSpanSchema),
  })
  .openapi('Clause');

export const OutlineEntrySchema = z
  .object({
    id: z.string(),
    path: z.string(),
    number: z.string().nullable(),
    heading: z.string().nullable(),
    depth: z.number().int(),
    ordinal: z.number().int(),
    kind: ClauseKindSchema,
  })
  .openapi('OutlineEntry');

export const ThemeSchema = z
  .object({ id: z.string(), name: z.string(), aliases: z.array(z.string()), category: z.string().nullable() })
  .openapi('Theme');

export const ThemeSummarySchema = ThemeSchema.extend({ clauseCount: z.number().int(), documentCount: z.number().int() }).openapi('ThemeSummary');

export const AgencySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    aliases: z.array(z.string()),
    level: z.enum(['central', 'provincial', 'municipal']),
    region: z.string().nullable(),
    successor: z.string().nullable(),
  })
  .openapi('Agency');

export const AgencySummarySchema = AgencySchema.extend({
  leadCount: z.number().int(),
  supportCount: z.number().int(),
  issuedCount: z.number().int(),
}).openapi('AgencySummary');

export const TargetSchema = z
  .object({
    id: z.string(),
    metric: z.string(),
    value: z.string().openapi({ example: '6万亿元' }),
    amount: z.number().nullable(),
    unit: z.string().nullable(),
    year: z.number().int().nullable(),
    growth: z.string().nullable(),
  })
  .openapi('Target');

export const TargetRowSchema = TargetSchema.extend({
  clauseId: z.string(),
  docId: z.string(),
  docNumber: z.string().nullable(),
  title: z.string(),
  region: z.string().nullable(),
  level: LevelSchema,
  path: z.string(),
}).openapi('TargetRow');

export const AssignedAgencySchema = z
  .object({ agency: AgencySchema, role: z.enum(['lead', 'support']), deadline: z.string().nullable(), openEnded: z.boolean() })
  .openapi('AssignedAgency');

export const DocumentRefSchema = z
  .object({ id: z.string(), title: z.string(), docNumber: z.string().nullable(), inCorpus: z.boolean(), evidence: z.string().nullable() })
  .openapi('DocumentRef');

export const ClauseBriefSchema = z
  .object({
    id: z.string(),
    docId: z.string(),
    path: z.string(),
    heading: z.string().nullable(),
    text: z.string(),
    citation: z.string().openapi({ example: '国发〔2017〕40号 · 三、/（十二）' }),
  })
  .openapi('ClauseBrief');

export const EdgeTypeSchema = z.enum(EDGE_TYPES);

export const NeighbourhoodSchema = z
  .object({
    nodes: z.array(z.object({ id: z.string(), label: z.string(), name: z.string() })),
    edges: z.array(z.object({ type: EdgeTypeSchema, from: z.string(), to: z.string() })),
  })
  .openapi('Neighbourhood');
