// Infers a document's metadata from its header, its notes heading and its text: title (also for documents
// with no title line: from the issuer, the document it implements and what it says it is), 文号, issuers,
// region, level, year, draft status and kind.
import type { PolicyDocument } from '../graph/model.js';
import type { HeaderInfo } from './header.js';
import {
  isCommentaryTitle,
  isDraftTitle,
  issuerFromDocNumberPrefix,
  levelOfRegion,
  periodStartYear,
  statedPeriodStartYear,
  regionOfName,
  splitAgencyRun,
  findDocNumbers,
} from './metadata.js';

export interface MetadataInput {
  header: HeaderInfo;
  notesTitle: string | null;
  bodyText: string;
  signatureDates: string[];
}

/** Metadata without id and sources, which depend on the merge of all occurrences. */
export function inferMetadata(input: MetadataInput): PolicyDocument {
  const { header } = input;
  const written = header.titleLines.filter((line) => !/^[（(][^）)]*(?:征求意见|草案|送审|讨论)[^）)]*[）)]$/.test(line)).join('');
  const ownNumber = header.docNumber ? findDocNumbers(header.docNumber)[0] : undefined;
  const prefixInfo = ownNumber ? issuerFromDocNumberPrefix(ownNumber.prefix) : { issuers: [], region: null };
  const titleIssuers = issuersBeforeGuanyu(written || header.carriedTitle || '');
  const issuers = unique(header.noticeIssuers.length ? header.noticeIssuers : titleIssuers.length ? titleIssuers : prefixInfo.issuers);
  const title = input.notesTitle ?? header.carriedTitle ?? (written || inferTitle(issuers, input.bodyText));
  const kind = isCommentaryTitle(title) ? 'commentary' : 'policy';
  const region =
    kind === 'commentary'
      ? null
      : // a policy with no provincial or municipal signal is national (central documents name no region)
        (issuers.map(regionOfName).find(Boolean) ?? regionOfName(title) ?? prefixInfo.region ?? '全国');
  const docYear = ownNumber?.year ?? null;
  const aliases = unique([header.noticeTitle, written && written !== title ? written : null].filter((a): a is string => Boolean(a)));
  return {
    id: '',
    title,
    docNumber: header.docNumber,
    issuers,
    region,
    level: kind === 'commentary' ? 'unknown' : levelOfRegion(region),
    year: docYear ?? periodStartYear(title) ?? statedPeriodStartYear(input.bodyText),
    date: header.publishedDate,
    draft: header.draft || isDraftTitle(title),
    kind,
    inCorpus: true,
    aliases,
    sources: [],
  };
}

/**
 * "国务院关于…" → [国务院]; "工业和信息化部国家发展和改革委员会关于印发…" → both; "国务院办公厅转发国家教委关于…"
 * → [国务院办公厅]: the agency whose document is forwarded is not an issuer.
 */
function issuersBeforeGuanyu(title: string): string[] {
  const m = title.match(/^(.{2,40}?)关于/);
  return m ? splitAgencyRun(m[1].replace(/(?:转发|批转|印发).*$/, '')) : [];
}

/**
 * A document without a title line: "<issuer>关于<subject>的<kind>", the subject taken from the document it
 * implements (为贯彻落实《国务院关于X的指导意见》 → X) and the kind from what it says it is (提出以下意见 → 实施意见).
 */
export function inferTitle(issuers: string[], body: string): string {
  const implemented = body.match(/(?:贯彻落实|落实|贯彻|根据)《([^》]+)》/);
  const subject = implemented ? implemented[1].replace(/^.*?关于/, '').replace(/的[^的]*$/, '') : null;
  const kind = /提出(?:以下|如下)意见|特提出.*意见/.test(body)
    ? implemented
      ? '实施意见'
      : '意见'
    : /制定本(?:实施)?方案|特制定本方案/.test(body)
      ? '实施方案'
      : /本(?:行动)?计划/.test(body)
        ? '行动计划'
        : '通知';
  const issuer = issuers.join('');
  if (subject) return `${issuer}关于${subject}的${kind}`;
  const firstSentence = body.split(/[。\n]/)[0].slice(0, 30);
  return issuer ? `${issuer}${kind}（${firstSentence}…）` : firstSentence;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
