// The curated dictionaries (seeds/dictionaries/*.json) and a longest-match matcher over them.
// Used at ingest (themes and agencies in clauses) and at search time (entities in queries), so it
// is its own module below ingest/ and search/ (search must not import ingest). Users extend the data, never this code.
//
// Files: themes.json, agencies.json, regions.json, synonyms.json (query-side phrase → name),
// metrics.json (target metric canonicalisation rules), documents.json (known documents cited by
// short name, e.g. 网络安全法), glossary-english.json and glossary-colloquial.json (query words →
// the official Chinese terms policy prose uses; English keys are lower case). Entity `id`s are graph node ids (themeId/agencyId/region name);
// the file's own `id` is kept as `key`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Dictionaries, type AgencyEntry, type MatchVia, type RegionEntry, type ThemeEntry } from './dictionary-matcher.js';
import { PolicyGraphError } from '../graph/errors.js';
import { agencyId, themeId } from '../graph/ids.js';

export * from './dictionary-matcher.js';

const DEFAULT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'seeds', 'dictionaries');

// Loading and validation: every problem in a file is one clear PolicyGraphError naming the file.

const cache = new Map<string, Dictionaries>();
let defaultDir = DEFAULT_DIR;

/** The folder loaded when no dir is given: the process's settings (POLICYGRAPH_DICTIONARIES), else seeds/dictionaries. */
export function useDictionaryDir(dir: string | null): void {
  defaultDir = dir ? path.resolve(dir) : DEFAULT_DIR;
}

/** Loads (once per directory) the dictionaries of `dir`, else of the folder the settings name. */
export function loadDictionaries(dir?: string): Dictionaries {
  const resolved = path.resolve(dir ?? defaultDir);
  let dicts = cache.get(resolved);
  if (!dicts) {
    dicts = buildDictionaries(resolved);
    cache.set(resolved, dicts);
  }
  return dicts;
}

export function clearDictionaryCache(): void {
  cache.clear();
}

type Raw = Record<string, unknown>;

function readJson(dir: string, name: string, required: boolean): unknown {
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) {
    if (required) throw new PolicyGraphError('CONFIG', `dictionary file ${file} is missing`);
    return undefined;
  }
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new PolicyGraphError('CONFIG', `dictionary file ${file} is not valid JSON: ${(err as Error).message}`);
  }
}

function list(value: unknown, file: string): Raw[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new PolicyGraphError('CONFIG', `dictionary ${file} must be a JSON array of entries`);
  return value.map((v, i) => {
    if (!v || typeof v !== 'object' || typeof (v as Raw).name !== 'string' || !(v as Raw).name) {
      throw new PolicyGraphError('CONFIG', `dictionary ${file}: entry ${i + 1} has no "name"`);
    }
    return v as Raw;
  });
}

function strings(value: unknown, file: string, name: string, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new PolicyGraphError('CONFIG', `dictionary ${file}: "${name}".${field} must be a list of strings`);
  }
  return value.filter((v) => v.trim() !== '');
}

function optionalString(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

function buildDictionaries(dir: string): Dictionaries {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new PolicyGraphError('CONFIG', `dictionary folder ${dir} does not exist`);
  }
  const dicts = new Dictionaries(dir);
  loadRegions(dicts, list(readJson(dir, 'regions.json', true), 'regions.json'));
  loadThemes(dicts, list(readJson(dir, 'themes.json', true), 'themes.json'));
  loadAgencies(dicts, list(readJson(dir, 'agencies.json', true), 'agencies.json'));
  loadSynonyms(dicts, readJson(dir, 'synonyms.json', false));
  for (const m of list(readJson(dir, 'metrics.json', false), 'metrics.json')) {
    const name = String(m.name);
    dicts.metrics.push({ name, all: strings(m.all, 'metrics.json', name, 'all'), any: strings(m.any, 'metrics.json', name, 'any') });
  }
  loadDocuments(dicts, readJson(dir, 'documents.json', false));
  loadGlossary(dicts.glossary.english, readJson(dir, 'glossary-english.json', false), 'glossary-english.json');
  loadGlossary(dicts.glossary.colloquial, readJson(dir, 'glossary-colloquial.json', false), 'glossary-colloquial.json');
  return dicts;
}

function surfacesOf(raw: Raw, file: string, name: string): { text: string; via: MatchVia }[] {
  return [
    { text: name, via: 'name' as MatchVia },
    ...strings(raw.aliases, file, name, 'aliases').map((text) => ({ text, via: 'alias' as MatchVia })),
    ...strings(raw.en, file, name, 'en').map((text) => ({ text, via: 'en' as MatchVia })),
  ];
}

function loadRegions(dicts: Dictionaries, raws: Raw[]): void {
  for (const raw of raws) {
    const name = String(raw.name);
    const level = raw.level;
    if (level !== 'country' && level !== 'province' && level !== 'city') {
      throw new PolicyGraphError('CONFIG', `dictionary regions.json: "${name}".level must be country, province or city`);
    }
    const entry: RegionEntry = {
      kind: 'region',
      id: name,
      key: name,
      name,
      level,
      aliases: strings(raw.aliases, 'regions.json', name, 'aliases'),
      en: strings(raw.en, 'regions.json', name, 'en'),
      abbr: optionalString(raw.abbr),
      parent: optionalString(raw.parent),
    };
    dicts.add(entry, surfacesOf(raw, 'regions.json', name));
  }
}

function loadThemes(dicts: Dictionaries, raws: Raw[]): void {
  const keys = new Set<string>();
  for (const raw of raws) {
    const name = String(raw.name);
    const key = optionalString(raw.id) ?? name;
    if (keys.has(key)) throw new PolicyGraphError('CONFIG', `dictionary themes.json: id "${key}" is used twice`);
    keys.add(key);
    const entry: ThemeEntry = {
      kind: 'theme',
      id: themeId(name),
      key,
      name,
      aliases: strings(raw.aliases, 'themes.json', name, 'aliases'),
      en: strings(raw.en, 'themes.json', name, 'en'),
      category: optionalString(raw.category),
    };
    dicts.add(entry, surfacesOf(raw, 'themes.json', name));
  }
}

function loadAgencies(dicts: Dictionaries, raws: Raw[]): void {
  const keys = new Set<string>();
  const explicit = new Set(raws.map((r) => String(r.name)));
  const provinces = dicts.regions.filter((r) => r.level === 'province');
  for (const raw of raws) {
    const name = String(raw.name);
    const key = optionalString(raw.id) ?? name;
    if (keys.has(key)) throw new PolicyGraphError('CONFIG', `dictionary agencies.json: id "${key}" is used twice`);
    keys.add(key);
    const level = raw.level;
    if (level !== 'central' && level !== 'provincial' && level !== 'municipal') {
      throw new PolicyGraphError('CONFIG', `dictionary agencies.json: "${name}".level must be central, provincial or municipal`);
    }
    const template: AgencyEntry = {
      kind: 'agency',
      id: agencyId(name),
      key,
      name,
      aliases: strings(raw.aliases, 'agencies.json', name, 'aliases'),
      en: strings(raw.en, 'agencies.json', name, 'en'),
      level,
      region: optionalString(raw.region),
      successor: optionalString(raw.successor),
      docNumberPrefixes: strings(raw.docNumberPrefixes, 'agencies.json', name, 'docNumberPrefixes'),
      regionFromDocument: raw.regionFromDocument === true,
      template: null,
    };
    dicts.add(template, surfacesOf(raw, 'agencies.json', name));
    if (!template.regionFromDocument) continue;
    for (const province of provinces) {
      const instanceName = regionalName(province.name, name);
      if (explicit.has(instanceName)) continue;
      const instance: AgencyEntry = {
        ...template,
        id: agencyId(instanceName),
        name: instanceName,
        aliases: template.aliases.map((a) => regionalName(province.name, a)),
        en: [],
        region: province.name,
        successor: template.successor ? regionalName(province.name, template.successor) : null,
        docNumberPrefixes: province.abbr ? template.docNumberPrefixes.map((p) => p.replaceAll('{abbr}', province.abbr!)) : [],
        template,
      };
      const surfaces = [instanceName, ...instance.aliases];
      // 四川省 … also written 四川 …: 四川发展改革委 is rare, but 四川省发展改革委 is common and covered above
      dicts.add(instance, surfaces.map((text, i) => ({ text, via: (i === 0 ? 'name' : 'alias') as MatchVia })));
      dicts.addInstance(template, instance, province.name);
    }
  }
}

/** 安徽省 + 省发展改革委 → 安徽省发展改革委; 安徽省 + 各市人民政府 → 安徽省各市人民政府. */
export function regionalName(province: string, name: string): string {
  return name.startsWith('省') ? province + name.slice(1) : province + name;
}

function loadDocuments(dicts: Dictionaries, value: unknown): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) throw new PolicyGraphError('CONFIG', 'dictionary documents.json must be a JSON array of entries');
  value.forEach((raw: Raw, i) => {
    const title = raw && typeof raw === 'object' ? optionalString(raw.title) : null;
    if (!title) throw new PolicyGraphError('CONFIG', `dictionary documents.json: entry ${i + 1} has no "title"`);
    dicts.documents.push({
      title,
      docNumber: optionalString(raw.docNumber),
      aliases: strings(raw.aliases, 'documents.json', title, 'aliases'),
      issuers: strings(raw.issuers, 'documents.json', title, 'issuers'),
      year: typeof raw.year === 'number' ? raw.year : null,
      kind: optionalString(raw.kind),
    });
  });
}

function loadSynonyms(dicts: Dictionaries, value: unknown): void {
  if (value === undefined) return;
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new PolicyGraphError('CONFIG', 'dictionary synonyms.json must be a JSON object mapping a phrase to a theme, agency or region name');
  }
  for (const [phrase, target] of Object.entries(value as Record<string, unknown>)) {
    if (typeof target !== 'string') throw new PolicyGraphError('CONFIG', `dictionary synonyms.json: "${phrase}" must map to a name`);
    const entity = dicts.theme(target) ?? dicts.agency(target) ?? dicts.region(target);
    if (!entity) {
      throw new PolicyGraphError('CONFIG', `dictionary synonyms.json: "${phrase}" maps to "${target}", which is no theme, agency or region`);
    }
    dicts.synonyms[phrase] = target;
    dicts.addSurface(phrase, entity, 'synonym');
  }
}

/** A glossary file: an object mapping a query word or phrase to the official terms it implies. */
function loadGlossary(into: Record<string, string[]>, value: unknown, file: string): void {
  if (value === undefined) return;
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new PolicyGraphError('CONFIG', `dictionary ${file} must be a JSON object mapping a phrase to a list of terms`);
  }
  for (const [phrase, terms] of Object.entries(value as Record<string, unknown>)) {
    const list = strings(terms, file, phrase, 'terms');
    if (!phrase.trim() || list.length === 0) {
      throw new PolicyGraphError('CONFIG', `dictionary ${file}: "${phrase}" must map to a non-empty list of terms`);
    }
    // English keys match case-blind, so they are stored in lower case
    const key = /[\u3400-\u9fff]/.test(phrase) ? phrase.trim() : phrase.trim().toLowerCase();
    into[key] = [...new Set([...(into[key] ?? []), ...list])];
  }
}
