import type { Severity } from '../engine/finding.js';

export type Verdict = 'pass' | 'warn' | 'fail' | 'info' | 'error';

/** One line of a section, with the severity that colours it where a platform can. */
export interface ReplyItem {
  text: string;
  severity?: Severity;
  /** A smaller second line: remediation, location. */
  detail?: string;
}

export interface ReplySection {
  heading: string;
  severity?: Severity;
  items: ReplyItem[];
}

export interface ReplyField {
  label: string;
  value: string;
}

export interface ReplyFile {
  filename: string;
  /** Text, or bytes for a picture. */
  content: string | Uint8Array;
  /** MIME type, e.g. text/markdown or image/png. */
  type: string;
  /** A picture's description for screen readers and where images are not shown. */
  alt?: string;
}

/** Pictures are shown inline where a platform can (a Discord embed's image, a Slack image preview). */
export function isPicture(file: ReplyFile): boolean {
  return file.type.startsWith('image/');
}

/** A follow-up a user can run with one press (Slack or Discord button, shell hint). */
export interface ReplyAction {
  label: string;
  /** The command line it runs, as a user would type it. */
  command: string;
}

/**
 * The neutral reply every command returns. Adapters render it (shell text, Block Kit, embeds);
 * nothing in it is platform-specific.
 */
export interface Reply {
  title: string;
  verdict: Verdict;
  /** One line for the parent message once the answer is in the thread ("❌ 2 errors, 1 warning"). */
  summary: string;
  text?: string;
  fields?: ReplyField[];
  sections?: ReplySection[];
  code?: { language: string; text: string }[];
  files?: ReplyFile[];
  actions?: ReplyAction[];
}

export const VERDICT_ICON: Record<Verdict, string> = { pass: '✅', warn: '⚠️', fail: '❌', info: 'ℹ️', error: '🚫' };
