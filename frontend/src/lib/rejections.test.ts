import { describe, expect, it } from 'vitest';
import { REJECTION_MESSAGES, rejectionMessage } from './rejections';

/** The codes of docs/rejections.md's table (RejectionsDocTest keeps that table equal to the server's enum). */
async function documentedCodes(): Promise<string[]> {
  // node's fs, named at run time: the dashboard's types know no node, and vite serves nothing outside frontend/
  const fs = (await import(/* @vite-ignore */ ['node', 'fs'].join(':'))) as {
    readFileSync(path: string, encoding: string): string;
  };
  const doc = fs.readFileSync('../docs/rejections.md', 'utf8'); // vitest runs in frontend/
  return [...doc.matchAll(/^\| `([A-Z_]+)` \| \d{3} \|/gm)].map((m) => m[1] as string);
}

describe('rejection messages', () => {
  it('has a message for every documented code and none for a code that does not exist', async () => {
    const documented = await documentedCodes();
    expect(documented.length).toBeGreaterThan(20);
    expect(Object.keys(REJECTION_MESSAGES).sort()).toEqual([...documented].sort());
  });

  it('says each in a sentence of its own', () => {
    for (const [code, message] of Object.entries(REJECTION_MESSAGES)) {
      expect(message, code).toMatch(/^[A-Z].*\.$/);
      expect(message, code).not.toContain('_');
    }
    expect(new Set(Object.values(REJECTION_MESSAGES)).size).toBe(Object.keys(REJECTION_MESSAGES).length);
  });

  it('answers undefined for no code, a code it does not know, and names inherited from objects', () => {
    expect(rejectionMessage('LAST_ACTIVE_ADMIN')).toBe(REJECTION_MESSAGES.LAST_ACTIVE_ADMIN);
    expect(rejectionMessage(undefined)).toBeUndefined();
    expect(rejectionMessage(42)).toBeUndefined();
    expect(rejectionMessage('SOMETHING_NEWER')).toBeUndefined();
    expect(rejectionMessage('toString')).toBeUndefined();
  });
});
