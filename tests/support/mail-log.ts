import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * The newest link to `pathname` mailed to `address`, read from the mail log of a server running without SMTP
 * (DATA_DIR/parley.db). Waits for the mail, since the server may log it just after answering.
 */
export async function linkFromMailLog(dataDir: string, address: string, pathname: string, timeoutMs = 5000): Promise<string> {
  const db = new Database(path.join(dataDir, 'parley.db'), { readonly: true, fileMustExist: true });
  try {
    const deadline = Date.now() + timeoutMs;
    const pattern = new RegExp(`https?://[^\\s"'<>]+${pathname}\\?token=[\\w-]+`);
    while (Date.now() < deadline) {
      const row = db.prepare('select text from mail_log where "to" = ? order by id desc limit 1').get(address) as { text: string } | undefined;
      const link = row ? pattern.exec(row.text)?.[0] : undefined;
      if (link) return link;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no mail with a ${pathname} link reached ${address} within ${timeoutMs} ms`);
  } finally {
    db.close();
  }
}
