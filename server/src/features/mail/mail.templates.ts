/** A rendered mail: the text and HTML versions carry the same content. */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every piece of user-supplied text goes through this before it reaches HTML. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] as string);
}

/**
 * Builds a simple mail from paragraphs and an optional call-to-action link. Paragraphs are plain text; they are
 * escaped for the HTML version, so a ticket message such as `<img src=x onerror=…>` arrives as text.
 */
export function renderMail(input: { subject: string; greeting?: string; paragraphs: string[]; action?: { label: string; url: string } }): MailContent {
  const lines = [...(input.greeting ? [input.greeting] : []), ...input.paragraphs];
  const textParts = [...lines];
  if (input.action) textParts.push(`${input.action.label}: ${input.action.url}`);
  const text = `${textParts.join('\n\n')}\n`;

  const htmlParagraphs = lines.map((line) => `<p>${escapeHtml(line).replace(/\n/g, '<br>')}</p>`);
  if (input.action) {
    const url = escapeHtml(input.action.url);
    htmlParagraphs.push(`<p><a href="${url}">${escapeHtml(input.action.label)}</a></p>`, `<p style="color:#666;font-size:12px">${url}</p>`);
  }
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(input.subject)}</title></head><body style="font-family:sans-serif;line-height:1.5">${htmlParagraphs.join('')}</body></html>`;
  return { subject: input.subject, text, html };
}

export function invitationMail(input: { url: string; roleName: string; projectName: string }): MailContent {
  return renderMail({
    subject: `You have been invited to ${input.projectName}`,
    paragraphs: [
      `You have been invited to ${input.projectName} as ${input.roleName}.`,
      'Open the link below to choose a password and activate your account. The link can be used once.',
    ],
    action: { label: 'Accept invitation', url: input.url },
  });
}

export function passwordResetMail(input: { url: string; projectName: string }): MailContent {
  return renderMail({
    subject: `Reset your ${input.projectName} password`,
    paragraphs: [
      `Someone asked to reset the password of your ${input.projectName} account.`,
      'If it was you, open the link below to choose a new password. The link can be used once. If it was not you, ignore this mail.',
    ],
    action: { label: 'Reset password', url: input.url },
  });
}
