import { describe, expect, it } from '@jest/globals';
import { html } from './html.js';
import { reportPage } from './report-html.js';

const styleOf = (page: string) => page.slice(page.indexOf('<style>') + '<style>'.length, page.indexOf('</style>'));

describe('the printable page', () => {
  it('keeps its style as written, quotes and all, so the browser keeps the font families', () => {
    const page = reportPage('Report', html`<p>body</p>`, ` h1 { font-family: "Noto Serif KR", serif; } `);
    const style = styleOf(page);
    expect(style).toContain(`'Noto Sans KR'`);
    expect(style).toContain(`"Noto Serif KR"`);
    expect(style).not.toContain('&#39;');
    expect(style).not.toContain('&quot;');
  });

  it('still escapes what a user wrote, in the title and the body', () => {
    const hostile = `<script>alert('x')</script> "quoted"`;
    const page = reportPage(hostile, html`<p>${hostile}</p>`);
    expect(page).not.toContain('<script>');
    expect(page).toContain('<title>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &quot;quoted&quot;</title>');
    expect(page).toContain('<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &quot;quoted&quot;</p>');
  });

  it('refuses a style that could close its element', () => {
    expect(() => reportPage('Report', html``, '</style><script>alert(1)</script>')).toThrow(/must not contain "<"/);
  });
});
