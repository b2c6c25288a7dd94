import { utcTime } from '../../src/reply/time.js';

/** A moment Slack shows in each reader's own time zone; clients that cannot get the UTC fallback. */
export function slackTime(unix: number): string {
  return `<!date^${unix}^{date_short_pretty} {time}|${utcTime(unix)}>`;
}
