/** A moment Discord shows in each reader's own time zone (weekday, date and time). */
export function discordTime(unix: number): string {
  return `<t:${unix}:F>`;
}
