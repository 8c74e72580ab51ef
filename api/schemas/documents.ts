// Schemas of the document, clause, theme, agency, target and graph routes.
import { z } from '@hono/zod-openapi';
import {
  AgencySummarySchema,
  AssignedAgencySchema,
  ClauseBriefSchema,
  ClauseSchema,
  DocumentRefSchema,
  DocumentSchema,
  DocumentSummarySchema,
  LevelSchema,
  NeighbourhoodSchema,
  OutlineEntrySchema,
  TargetRowSchema,
  TargetSchema,
  ThemeSchema,
  ThemeSummarySchema,
} from './graph.js';
import { QueryText } from '../../app/fields.js';
import { ResponsibilitiesRequestSchema } from '../../app/responsibilities.js';
import { TargetsRequestSchema } from '../../app/targets.js';
import { MAX_ID_CHARS, paginated, withOpenApi } from './common.js';

export const DocumentListSchema = paginated(DocumentSummarySchema, 'DocumentList');

export const DocumentDetailSchema = z
  .object({ document: DocumentSchema, clauseCount: z.number().int(), outline: z.array(OutlineEntrySchema) })
  .openapi('DocumentDetail');

export const CitationsSchema = z
  .object({
    document: z.object({ id: z.string(), title: z.string(), docNumber: z.string().nullable() }),
    cites: z.array(DocumentRefSchema),
    implements: z.array(DocumentRefSchema),
    citedBy: z.array(DocumentRefSchema),
    implementedBy: z.array(DocumentRefSchema),
  })
  .openapi('DocumentCitations');

export const UploadBodySchema = z
  .object({
    text: z.string().min(1).optional().openapi({ description: 'The policy text (UTF-8), as it would be in a .txt file; or send contentBase64' }),
    contentBase64: z
      .string()
      .min(1)
      .regex(/^[A-Za-z0-9+/\r\n]+={0,2}\s*$/, 'base64 text')
      .optional()
      .openapi({ description: 'The file itself, base64-encoded (HTML, DOCX, PDF, or text in any supported encoding); needs a filename whose extension names the format' }),
    filename: z
      .string()
      .max(200)
      .regex(/^[^/\\\0]+$/, 'a bare file name without directories')
      // "." and ".." name directories, not files
      .regex(/[^.]/, 'a file name, not "." or ".."')
      .optional()
      .openapi({ description: 'File name recorded in the clauses’ sources; its extension picks the reader (default: upload-<hash>.txt)', example: 'sichuan-5g.txt' }),
  })
  .strict()
  .refine((body) => (body.text === undefined) !== (body.contentBase64 === undefined), { message: 'send exactly one of text and contentBase64' })
  .refine((body) => body.contentBase64 === undefined || body.filename !== undefined, { message: 'contentBase64 needs a filename (its extension names the format)', path: ['filename'] })
  .openapi('DocumentUpload');

export const UploadResultSchema = z
  .object({
    documents: z.array(z.object({ id: z.string(), title: z.string(), docNumber: z.string().nullable(), clauseCount: z.number().int() })),
    skipped: z.array(z.object({ file: z.string(), reason: z.string() })),
  })
  .openapi('DocumentUploadResult');

const OutlineRef = OutlineEntrySchema;

export const ClauseDetailSchema = z
  .object({
    clause: ClauseSchema,
    citation: z.string(),
    document: DocumentSchema,
    parents: z.array(OutlineRef).openapi({ description: 'Ancestors, outermost first' }),
    siblings: z.array(OutlineRef),
    children: z.array(OutlineRef),
    themes: z.array(ThemeSchema),
    agencies: z.array(AssignedAgencySchema),
    targets: z.array(TargetSchema),
    cites: z.array(DocumentRefSchema),
    implements: z.array(DocumentRefSchema),
    similar: z.array(ClauseBriefSchema.extend({ score: z.number() })).openapi({ description: 'SIMILAR_TO clauses in other documents' }),
  })
  .openapi('ClauseDetail');

export const ThemeListSchema = paginated(ThemeSummarySchema, 'ThemeList');
export const ThemeDetailSchema = z
  .object({ theme: ThemeSummarySchema, clauses: paginated(ClauseBriefSchema, 'ClausePage') })
  .openapi('ThemeDetail');

export const AgencyListSchema = paginated(AgencySummarySchema, 'AgencyList');
const AgencyTaskSchema = ClauseBriefSchema.extend({ role: z.enum(['lead', 'support']), deadline: z.string().nullable(), openEnded: z.boolean() }).openapi(
  'AgencyTask',
);
export const AgencyDetailSchema = z
  .object({
    agency: AgencySummarySchema,
    tasks: paginated(AgencyTaskSchema, 'AgencyTaskPage'),
    issued: z.array(z.object({ id: z.string(), title: z.string() })),
  })
  .openapi('AgencyDetail');

export const TargetQuerySchema = TargetsRequestSchema.extend({
  metric: withOpenApi(TargetsRequestSchema.shape.metric, {
    description: 'A canonical metric (行政村光纤通达) or a phrase asking for one (行政村通光纤), resolved as the CLI does; a phrase no rule knows matches metrics containing it',
    example: '行政村通光纤',
  }),
});
export const TargetWithCitationSchema = TargetRowSchema.extend({ citation: z.string().openapi({ example: '国发〔2017〕40号 · 一、/（三）' }) }).openapi('TargetWithCitation');
export const TargetListSchema = paginated(TargetWithCitationSchema, 'TargetList');

export const ResponsibilitiesQuerySchema = ResponsibilitiesRequestSchema.extend({
  task: withOpenApi(QueryText, { description: 'A task (推进农业物联网区域试验工程), a theme (5G, connected vehicles) or a question naming one', example: '5G商用' }),
  region: withOpenApi(ResponsibilitiesRequestSchema.shape.region, { description: 'Only documents of this region (四川省), or 全国 for national documents' }),
});

const ResponsibleAgencySchema = z.object({
  id: z.string(),
  name: z.string(),
  level: z.string(),
  region: z.string().nullable(),
  successor: z.string().nullable().openapi({ description: 'The agency that took over after a reorganisation, if any' }),
});

export const ResponsibilityAnswerSchema = z
  .object({
    query: z.string(),
    themes: z.array(z.string()).openapi({ description: 'Themes the task names (their clauses are searched when no clause states the task)' }),
    task: z.string().openapi({ description: 'The task words matched against clause text' }),
    agencies: z.array(
      z.object({
        agency: ResponsibleAgencySchema,
        lead: z.number().int().openapi({ description: 'Clauses in which it leads (牵头)' }),
        support: z.number().int().openapi({ description: 'Clauses in which it supports (配合)' }),
        deadlines: z.array(z.string()),
        citations: z.array(z.string()),
      }),
    ),
    rows: z.array(
      z.object({
        agency: ResponsibleAgencySchema,
        role: z.enum(['lead', 'support']),
        deadline: z.string().nullable(),
        openEnded: z.boolean().openapi({ description: 'The clause ends its list with 等 (and others)' }),
        clause: z.object({ id: z.string(), path: z.string(), kind: z.string(), text: z.string() }),
        document: z.object({ id: z.string(), title: z.string(), docNumber: z.string().nullable(), region: z.string().nullable(), level: LevelSchema, year: z.number().int().nullable() }),
        citation: z.string(),
        via: z.enum(['theme', 'task', 'repeats']),
        repeats: z.object({ id: z.string(), path: z.string() }).nullable(),
      }),
    ),
  })
  .openapi('ResponsibilityAnswer');

export const DeletedDocumentSchema = z
  .object({ deleted: z.object({ id: z.string(), title: z.string(), docNumber: z.string().nullable(), clauses: z.number().int() }), tookMs: z.number() })
  .openapi('DeletedDocument');

export const NeighbourhoodQuerySchema = z.object({
  id: z.string().min(1).max(MAX_ID_CHARS).openapi({ description: 'Any node id (document, clause, theme, agency, target)' }),
  depth: z.coerce.number().int().min(1).max(2).default(1).openapi({ type: 'integer', minimum: 1, maximum: 2 }),
});
export { NeighbourhoodSchema };
