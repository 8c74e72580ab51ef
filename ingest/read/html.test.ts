import { describe, expect, it } from 'vitest';
import { readHtml } from './html.js';

describe('readHtml', () => {
  it('reads the metadata table by its labels, in any order and layout', () => {
    const page = `<html><body><table>
      <tr><td>发文字号：</td><td>皖政〔2020〕3号</td><td><b>成 文 日 期：</b></td><td>2020-02-03</td></tr>
      <tr><td><span>发文机关：</span></td><td>安徽省人民政府办公厅</td></tr></table>
      <ul><li>主题分类：综合政务</li><li>标题：安徽省人民政府办公厅关于X的通知</li></ul>
      <div class="pages_content"><p>一、总体要求</p></div></body></html>`;
    const read = readHtml(page);
    expect(read.ok && read.metadata).toEqual({
      title: '安徽省人民政府办公厅关于X的通知',
      docNumber: '皖政〔2020〕3号',
      issuers: ['安徽省人民政府办公厅'],
      date: '2020-02-03',
      subject: '综合政务',
    });
    expect(read.ok && read.text).toBe('一、总体要求');
  });

  it('falls back to <body> without navigation, header, footer, scripts and share blocks; a container keeps its <header>', () => {
    const body = readHtml('<html><body><nav>首页 政策</nav><header>某网站</header><div><p>一、总体要求</p><div class="share">分享到</div><script>x()</script><p>（一）内容。</p></div><footer>版权</footer></body></html>');
    expect(body.ok && body.text).toBe('一、总体要求\n（一）内容。');
    const article = readHtml('<html><body><nav>首页</nav><article><header><h1>某市关于X的通知</h1></header><p>一、要求</p><div class="bdsharebuttonbox">微信</div></article></body></html>');
    expect(article.ok && article.text).toBe('某市关于X的通知\n一、要求');
  });

  it('turns table rows into tab-separated lines and <br> into line breaks', () => {
    const read = readHtml('<div id="zoom"><p>甲<br>乙</p><table><tr><th>序号</th><th>任务</th></tr><tr><td>1</td><td><p>建设</p><p>网络</p></td></tr><tr><td colspan="2">合计</td></tr></table></div>');
    expect(read.ok && read.text).toBe('甲\n乙\n序号\t任务\n1\t建设 网络\n合计');
  });

  it('names what is wrong with a page it cannot read', () => {
    expect(readHtml('plain words only')).toEqual({ ok: false, reason: 'not an HTML page (no markup)' });
    expect(readHtml('<html><body><nav>首页</nav></body></html>')).toEqual({ ok: false, reason: 'HTML page without text in its body' });
  });
});
