// The web page in a real browser: Debian's Chromium driven by playwright-core, against the bundled
// seeds served on 127.0.0.1. Screenshots of every view go to test-output/screenshots/ (gitignored).
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, getJson, serveDataDir, sharedSeededDataDir, type TestServer } from './api-helpers.js';

const CHROMIUM = process.env.POLICYGRAPH_CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = path.join(ROOT, 'test-output', 'screenshots');
const haveChromium = existsSync(CHROMIUM);
// the page waits on the server, and a shared machine can be slow: poll for up to 20 s
const POLL = { timeout: 20_000 };
// flags that keep Chromium from calling home on a closed network
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe.skipIf(!haveChromium)(`web page in Chromium${haveChromium ? '' : ` (skipped: no browser at ${CHROMIUM}; apt-get install chromium)`}`, () => {
  let server: TestServer;
  let browser: Browser;
  const offsite: string[] = [];
  const browserErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await serveDataDir(await sharedSeededDataDir());
    // playwright gives each launch a fresh temporary profile (its own --user-data-dir)
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(url: string, width = 1280): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url) && !request.url().startsWith('data:')) offsite.push(request.url());
    });
    page.on('pageerror', (err) => browserErrors.push(`${url}: ${err.message}`));
    await page.goto(server.url + url);
    return page;
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
  const resultCount = (page: Page) => page.locator('.result').count();

  it('searches a Chinese query as it is typed, and narrows it with a facet filter kept in the URL', async () => {
    const page = await open('/');
    const box = page.locator('[data-search-box]');
    await expect.poll(() => page.evaluate(() => document.activeElement?.hasAttribute('data-search-box')), POLL).toBe(true);
    await box.fill('5G商用');
    await page.locator('.result').first().waitFor();
    expect((await page.locator('.result .cite').allInnerTexts()).some((t) => t.includes('国家级'))).toBe(true);
    expect(await page.locator('.result').first().locator('mark').count()).toBeGreaterThan(0);
    expect(await page.locator('.result').first().locator('.why').innerText()).toContain('主题：5G');
    expect(new URL(page.url()).searchParams.get('q')).toBe('5G商用');

    await page.locator('[data-facet="level"] input[value="provincial"]').check();
    await expect.poll(() => new URL(page.url()).searchParams.getAll('level'), POLL).toEqual(['provincial']);
    // wait for the filtered results themselves (during loading there are none, and none "all" match)
    const provincialOnly = async () => {
      const cites = await page.locator('.result .cite').allInnerTexts();
      return cites.length > 0 && cites.every((t) => t.includes('省级'));
    };
    await expect.poll(provincialOnly, POLL).toBe(true);
    expect(await resultCount(page)).toBeGreaterThan(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'search');
    await page.close();
  });

  it('opens a bookmarked search URL with its query, filter and results restored', async () => {
    const page = await open(`/?q=${encodeURIComponent('5G商用')}&level=provincial`);
    await page.locator('.result').first().waitFor();
    expect(await page.locator('[data-search-box]').inputValue()).toBe('5G商用');
    expect(await page.locator('[data-facet="level"] input[value="provincial"]').isChecked()).toBe(true);
    const api = await getJson(`${server.url}/v1/search?q=${encodeURIComponent('5G商用')}&level=provincial&k=50`);
    expect(await resultCount(page)).toBe(api.body.results.length);
    expect(await page.locator('.result').first().getAttribute('data-clause')).toBe(api.body.results[0].clause.id);
    await page.close();
  });

  it('says when no result really matches an off-topic query, and not for a real one', async () => {
    const page = await open(`/?q=${encodeURIComponent('巧克力蛋糕怎么做')}`);
    await page.locator('.result').first().waitFor();
    await expect.poll(() => page.locator('p.summary[role=status]').textContent().catch(() => ''), { timeout: 20_000 }).toMatch(/仅为相近结果/);
    await page.goto(`${server.url}/?q=${encodeURIComponent('5G商用')}`);
    await page.locator('.result').first().waitFor();
    expect(await page.locator('p.summary[role=status]').textContent()).not.toMatch(/仅为相近结果/);
    await page.close();
  });

  it('moves through results with the keyboard and opens a clause with Enter', async () => {
    const page = await open(`/?q=${encodeURIComponent('信息消费')}`);
    await page.locator('.result').nth(1).waitFor();
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-search-box'))).toBe(true);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const second = await page.locator('.result').nth(1).getAttribute('data-clause');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-clause'))).toBe(second);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/clauses/${second}`);
    await page.locator('h1').waitFor();
    expect(await page.locator('.quote').innerText()).not.toBe('');
    await page.close();
  });

  it('copies a citation line with title and 文号', async () => {
    const page = await open(`/?q=${encodeURIComponent('5G商用')}`);
    const first = page.locator('.result').first();
    await first.waitFor();
    await first.locator('button.copy').click();
    // the page marks the button once the clipboard write (asynchronous) has finished
    await expect.poll(() => first.locator('button.copy').getAttribute('data-copied'), { timeout: 10_000 }).toMatch(/^《.+》（.+号）\s\S+/);
    await page.close();
  });

  it('opens a document at a clause anchor, scrolled to that clause, with the outline and citations', async () => {
    const doc = (await getJson(`${server.url}/v1/documents/${encodeURIComponent('皖政〔2018〕20号')}`)).body;
    // a clause well down the document, so that reaching it needs a scroll
    const entry = doc.outline.filter((e: { depth: number }) => e.depth === 1)[8];
    const page = await open(`/documents/${doc.document.id}#${encodeURIComponent(entry.path)}`);
    const target = page.locator('.clause.target');
    await target.waitFor();
    expect(await target.getAttribute('id')).toBe(entry.path);
    expect(await target.isVisible()).toBe(true);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
    const box = await target.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(900);
    expect(await page.locator('.meta').innerText()).toContain('皖政〔2018〕20号');
    expect(await page.locator('.outline a').count()).toBe(doc.outline.length);
    expect(await page.locator('section.clause').count()).toBe(doc.clauseCount);
    expect(await page.locator('.refs').innerText()).toContain('国发〔2017〕40号');
    await shot(page, 'document');
    await page.close();
  });

  it('shows a clause with its parents, responsibilities and precedents', async () => {
    const hits = (await getJson(`${server.url}/v1/search?q=${encodeURIComponent('5G商用')}&k=1`)).body;
    const clauseId = hits.results[0].clause.id;
    const page = await open(`/clauses/${clauseId}`);
    await page.locator('h1').waitFor();
    expect(await page.locator('h1').innerText()).toBe(hits.results[0].citation);
    expect(await page.locator('.crumbs a').count()).toBeGreaterThan(1);
    const duties = await page.locator('table').first().innerText();
    for (const agency of hits.results[0].agencies) expect(duties).toContain(agency.name);
    await page.locator('mark.shared').first().waitFor();
    await shot(page, 'clause');
    await page.close();
  });

  it('finds precedents for a pasted draft clause, grouped, with shared phrases marked', async () => {
    const draft = '加快5G网络建设，力争2020年启动商用';
    const page = await open('/precedents');
    await page.locator('textarea').fill(draft);
    await page.getByRole('button', { name: '查找类案' }).click();
    await page.locator('.group').first().waitFor();
    const shared = await page.locator('mark.shared').allInnerTexts();
    expect(shared.length).toBeGreaterThan(0);
    // every marked phrase is one the draft and the precedent share (case aside)
    for (const phrase of shared) expect(draft.toLowerCase()).toContain(phrase.toLowerCase());
    expect(new URL(page.url()).searchParams.get('text')).toBe(draft);
    await page.locator('select[name="group"]').selectOption('level');
    await expect
      .poll(async () => {
        const headings = await page.locator('.group h2').allInnerTexts();
        return headings.length > 0 && headings.every((t) => /级|未知/.test(t));
      }, POLL)
      .toBe(true);
    await shot(page, 'precedents');
    await page.close();
  });

  it('answers who is responsible for a task as a table of agencies, roles and evidence', async () => {
    const page = await open('/who');
    await page.locator('[data-search-box]').fill('5G商用');
    await page.keyboard.press('Enter');
    await page.locator('table.who tbody tr').first().waitFor();
    const rows = await page.locator('table.who tbody tr').allInnerTexts();
    expect(rows.some((r) => r.includes('工业和信息化部') && r.includes('牵头'))).toBe(true);
    expect(await page.locator('table.who a[href^="/clauses/"]').count()).toBeGreaterThan(0);
    await shot(page, 'who');
    await page.close();
  });

  it('compares a target metric across documents and years', async () => {
    const page = await open(`/targets?metric=${encodeURIComponent('信息消费')}`);
    await page.locator('.group table').first().waitFor();
    const api = (await getJson(`${server.url}/v1/targets?metric=${encodeURIComponent('信息消费')}&limit=500`)).body;
    expect(await page.locator('.group tbody tr').count()).toBe(api.items.length);
    await shot(page, 'targets');
    // a metric nothing sets: an empty state saying so, not an empty table
    await page.locator('[data-search-box]').fill('不存在的指标名称');
    await page.keyboard.press('Enter');
    await page.locator('.state.empty').waitFor();
    expect(await page.locator('.state.empty').innerText()).toContain('不存在的指标名称');
    expect(await page.locator('.group').count()).toBe(0);
    await page.close();
  });

  it('draws a clause neighbourhood with cytoscape and opens a node from it', async () => {
    const hits = (await getJson(`${server.url}/v1/search?q=${encodeURIComponent('5G商用')}&k=1`)).body;
    const id = hits.results[0].clause.id;
    const hood = (await getJson(`${server.url}/v1/graph/neighbourhood?id=${id}`)).body;
    const page = await open(`/graph?id=${id}`);
    await page.locator('#graph[data-nodes]').waitFor();
    expect(Number(await page.locator('#graph').getAttribute('data-nodes'))).toBe(hood.nodes.length);
    expect(await page.locator('#graph canvas').count()).toBeGreaterThan(0);
    await shot(page, 'graph');
    await page.locator('details.small summary').click();
    await page.locator('details.small a[href^="/documents/"]').first().click();
    await page.waitForURL('**/documents/**');
    await page.close();
  });

  it('shows the API problem detail as one error line', async () => {
    const page = await open('/?q=5G&yearFrom=2020&yearTo=2010');
    const error = page.locator('.state.error');
    await error.waitFor();
    expect(await error.innerText()).toContain('yearFrom 2020 is after yearTo 2010');
    await shot(page, 'error');
    const missing = await open('/documents/no-such-document');
    await missing.locator('.state.error').waitFor();
    expect(await missing.locator('.state.error').innerText()).toContain('404');
    await page.close();
    await missing.close();
  });

  it('is readable 375 px wide: no sideways scrolling on search and document views', async () => {
    const page = await open(`/?q=${encodeURIComponent('5G商用')}&level=provincial`, 375);
    await page.locator('.result').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(page, 'search-375');
    const doc = await open(`/documents/${encodeURIComponent('皖政〔2018〕20号')}`, 375);
    await doc.locator('section.clause').first().waitFor();
    expect(await doc.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.close();
    await doc.close();
  });

  it('serves /docs with Swagger UI from the server itself', async () => {
    const page = await open('/docs');
    // the bundle loaded from the server and Swagger UI mounted (its full render is slow on a busy machine)
    await page.waitForFunction(() => 'SwaggerUIBundle' in window);
    await page.locator('#swagger .swagger-ui').waitFor();
    expect(await page.locator('.op').count()).toBeGreaterThan(10);
    await page.close();
  });

  it('loaded nothing from outside the server and threw no script errors', () => {
    expect(offsite).toEqual([]);
    expect(browserErrors).toEqual([]);
  });
});
