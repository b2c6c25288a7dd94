/** A moment Discord shows in each reader's own time zone (date and time, short). */
export function discordTime(unix: number): string {
  return `<t:${unix}:f>`;
}
