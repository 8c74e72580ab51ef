// Builds the query lexicon from the curated dictionaries (seeds/dictionaries/*.json): themes,
// agencies and regions with their Chinese and English aliases, and synonym phrases attached to the
// entity they name. Parsing is lenient about the shape of each file (a list of entries, or a map
// of phrase → name) because the files are edited by hand.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PolicyGraphError } from '../graph/errors.js';
import { agencyId, themeId } from '../graph/ids.js';
import { COLLOQUIAL_TERMS, ENGLISH_TERMS } from './query-glossary.js';
import type { EntityKind, LexiconEntity, QueryLexicon } from './query-understanding.js';

export interface DictionaryData {
  themes?: unknown;
  agencies?: unknown;
  regions?: unknown;
  synonyms?: unknown;
}

/** Province-level regions, used when no regions dictionary is present. */
const PROVINCES = (
  '北京市 天津市 河北省 山西省 内蒙古自治区 辽宁省 吉林省 黑龙江省 上海市 江苏省 浙江省 安徽省 福建省 江西省 山东省 河南省 ' +
  '湖北省 湖南省 广东省 广西壮族自治区 海南省 重庆市 四川省 贵州省 云南省 西藏自治区 陕西省 甘肃省 青海省 宁夏回族自治区 ' +
  '新疆维吾尔自治区 香港特别行政区 澳门特别行政区 台湾省'
).split(' ');

const REGION_ENGLISH: Record<string, string> = {
  四川省: 'Sichuan',
  安徽省: 'Anhui',
  北京市: 'Beijing',
  上海市: 'Shanghai',
  广东省: 'Guangdong',
  浙江省: 'Zhejiang',
  江苏省: 'Jiangsu',
  贵州省: 'Guizhou',
};

export function defaultDictionaryDir(): string {
  if (process.env.POLICYGRAPH_DICTIONARIES) return path.resolve(process.env.POLICYGRAPH_DICTIONARIES);
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'seeds', 'dictionaries');
}

/** Reads the dictionary files of `dir`; missing files are simply absent (the glossary still works). */
export function readDictionaryFiles(dir = defaultDictionaryDir()): DictionaryData {
  const read = (name: string): unknown => {
    const file = path.join(dir, `${name}.json`);
    if (!fs.existsSync(file)) return undefined;
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      throw new PolicyGraphError('CONFIG', `dictionary ${file} is not valid JSON: ${(err as Error).message}`);
    }
  };
  return { themes: read('themes'), agencies: read('agencies'), regions: read('regions'), synonyms: read('synonyms') };
}

export function loadQueryLexicon(dir = defaultDictionaryDir()): QueryLexicon {
  return lexiconFromDictionaries(readDictionaryFiles(dir));
}

export function lexiconFromDictionaries(data: DictionaryData): QueryLexicon {
  const entities: LexiconEntity[] = [
    ...entries(data.themes).map((e) => entity('theme', e)),
    ...entries(data.agencies).map((e) => entity('agency', e)),
  ];
  const regionEntries = entries(data.regions);
  const regions = regionEntries.length
    ? regionEntries.map((e) => entity('region', e))
    : PROVINCES.map((name) => entity('region', { name, en: REGION_ENGLISH[name] }));
  for (const region of regions) region.surfaces.push(...regionShortNames(region.name));
  entities.push(...regions);

  // synonyms name an entity (自动驾驶 → 智能网联汽车) or, failing that, just imply terms
  const byName = new Map<string, LexiconEntity>();
  for (const e of entities) for (const s of [e.name, ...e.surfaces]) if (!byName.has(s)) byName.set(s, e);
  const colloquial: Record<string, string[]> = { ...COLLOQUIAL_TERMS };
  const english: Record<string, string[]> = { ...ENGLISH_TERMS };
  for (const [phrase, targets] of synonymPairs(data.synonyms)) {
    const named = targets.map((t) => byName.get(t)).find(Boolean);
    if (named) (named.synonyms ??= []).push(phrase);
    else if (/[\u3400-\u9fff]/.test(phrase)) colloquial[phrase] = [...(colloquial[phrase] ?? []), ...targets];
    else english[phrase.toLowerCase()] = [...(english[phrase.toLowerCase()] ?? []), ...targets];
  }
  return { entities, english, colloquial };
}

type RawEntry = Record<string, unknown>;

function entries(value: unknown): RawEntry[] {
  if (Array.isArray(value)) return value.filter((v): v is RawEntry => typeof v === 'object' && v !== null && typeof (v as RawEntry).name === 'string');
  if (value && typeof value === 'object') {
    // { "智能网联汽车": { aliases: [...] } } or { "智能网联汽车": ["aliases"] }
    return Object.entries(value as Record<string, unknown>).map(([name, v]) =>
      Array.isArray(v) ? { name, aliases: v } : typeof v === 'object' && v ? { name, ...(v as RawEntry) } : { name },
    );
  }
  return [];
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return value ? [value] : [];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v.length > 0);
  return [];
}

function entity(kind: EntityKind, raw: RawEntry): LexiconEntity {
  const name = String(raw.name);
  const surfaces = [...strings(raw.aliases), ...strings(raw.en), ...strings(raw.english), ...strings(raw.enAliases)];
  // ids are the graph's node ids (Theme and Agency ids derive from the name; a Region is its name)
  const id = kind === 'theme' ? themeId(name) : kind === 'agency' ? agencyId(name) : name;
  return { kind, id, name, surfaces: [...new Set(surfaces)] };
}

/** 四川省 → 四川, 广西壮族自治区 → 广西, 北京市 → 北京 (never a single character). */
function regionShortNames(name: string): string[] {
  const short = name.replace(/(壮族|回族|维吾尔)?(自治区|特别行政区|省|市)$/, '');
  return short !== name && Array.from(short).length >= 2 ? [short] : [];
}

function synonymPairs(value: unknown): [string, string[]][] {
  if (Array.isArray(value)) {
    return value.flatMap((v): [string, string[]][] => {
      if (!v || typeof v !== 'object') return [];
      const r = v as RawEntry;
      const phrase = [r.phrase, r.term, r.from, r.synonym].find((x): x is string => typeof x === 'string');
      const targets = [...strings(r.target), ...strings(r.to), ...strings(r.name), ...strings(r.targets)];
      if (phrase && targets.length) return [[phrase, targets]];
      // { name: 智能网联汽车, synonyms: [自动驾驶, connected vehicles] }
      const name = typeof r.name === 'string' ? r.name : null;
      return name ? strings(r.synonyms ?? r.phrases).map((p): [string, string[]] => [p, [name]]) : [];
    });
  }
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([phrase, target]): [string, string[]][] => {
      const targets = strings(target);
      return targets.length ? [[phrase, targets]] : [];
    });
  }
  return [];
}
