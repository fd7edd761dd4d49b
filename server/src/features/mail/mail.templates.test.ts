import { describe, expect, it } from 'vitest';
import { escapeHtml, invitationMail, renderMail } from './mail.templates.js';

describe('mail templates', () => {
  it('escapes user text in HTML and keeps it literal in text', () => {
    const mail = renderMail({ subject: 'Hi <b>', paragraphs: ['<script>alert("x")</script> & more'] });
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('<title>Hi &lt;b&gt;</title>');
    expect(mail.text).toBe('<script>alert("x")</script> & more\n');
  });

  it('puts the action link in both versions', () => {
    const mail = invitationMail({ url: 'https://help.example.com/accept-invite?token=abc&x="1"', roleName: 'Agent', projectName: 'Parley' });
    expect(mail.text).toContain('Accept invitation: https://help.example.com/accept-invite?token=abc&x="1"');
    expect(mail.html).toContain('href="https://help.example.com/accept-invite?token=abc&amp;x=&quot;1&quot;"');
  });

  it('escapes every HTML-significant character', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});
