import { discordTime } from './time.js';
import {
  ApplicationCommandType,
  ContextMenuCommandBuilder,
  InteractionContextType,
  MessageFlags,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type MessageContextMenuCommandInteraction,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { AuditService } from '../../src/audit/audit-service.js';
import { loadOverview, type Overview } from '../../src/overview/overview.js';
import type { Attachment } from '../../src/queue/job.js';
import { VERDICT_ICON } from '../../src/reply/document.js';
import type { TopologyStore } from '../../src/store/topology-store.js';
import { DISCORD_LIMITS, escapeDiscord, VERDICT_COLOUR, type DiscordEmbed } from './embeds.js';

/** The message context-menu commands (right-click a message → Apps). */
export const MESSAGE_COMMANDS = {
  'Check this topology': 'check',
  'Save this topology': 'topology save',
} as const;
export type MessageCommandName = keyof typeof MESSAGE_COMMANDS;

export function messageCommands() {
  return Object.keys(MESSAGE_COMMANDS).map((name) =>
    new ContextMenuCommandBuilder()
      .setName(name)
      .setType(ApplicationCommandType.Message)
      .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM),
  );
}

/** The what-if prompt's custom id: the topology follows the colon. */
export const WHATIF_PROMPT = 'voipnow_whatif:';

/** Rows of buttons: one per topology (check, what-if, run audit), then admins' cancel buttons. */
const TOPOLOGY_ROWS = 4;

const clip = (text: string, max: number) => (text.length <= max ? text : text.slice(0, max - 1) + '…');
const when = (at: Date | string) => discordTime(Math.floor(new Date(at).getTime() / 1000));
const button = (label: string, customId: string, style = 2) => ({
  type: 2,
  style,
  label: clip(label, 80),
  custom_id: customId.slice(0, 100),
});
/** The buttons the existing `voipnow_run:` handler runs: the command after the second colon. */
const run = (index: number, command: string) => `voipnow_run:s${index}:${command}`;

/** The overview as one ephemeral embed with the App Home's buttons (admin-only ones for admins). */
export function statusMessage(
  o: Overview,
  admin: boolean,
): { embeds: DiscordEmbed[]; components: unknown[]; flags: number } {
  const topologies = o.topologies.map(
    (t) =>
      `**${escapeDiscord(t.name)}** v${t.version} · ${VERDICT_ICON[t.verdict]} ${t.summary} · saved by <@${t.savedBy}> ${when(t.savedAt)}`,
  );
  if (o.moreTopologies) topologies.push(`…and ${o.moreTopologies} more: \`/voipnow list\``);
  const audits = (o.audits ?? []).map((a) => {
    let state = a.next ? `next ${when(a.next)}` : 'no next run';
    if (a.stopped) state = `⏹️ stopped ${when(a.stopped.at)}: ${escapeDiscord(a.stopped.reason)}`;
    return `**${escapeDiscord(a.name)}** \`${a.schedule.replace(/`/g, "'")}\` in ${a.channelLabel}${a.quiet ? ', quiet' : ''} · ${state} · id ${escapeDiscord(a.id)}`;
  });
  if (o.moreAudits) audits.push(`…and ${o.moreAudits} more: \`/voipnow audit action:list\``);
  let auditText = audits.join('\n') || 'None yet: `/voipnow audit action:schedule`.';
  if (!o.audits) auditText = 'Scheduled audits are not enabled where I run.';
  const embed: DiscordEmbed = {
    title: 'VoipNow topologies',
    description: clip(
      topologies.join('\n') || 'Nothing stored yet: `/voipnow save` with a file attached.',
      DISCORD_LIMITS.description,
    ),
    color: VERDICT_COLOUR.info,
    fields: [{ name: 'Scheduled audits', value: clip(auditText, DISCORD_LIMITS.fieldValue) }],
  };
  const rows: unknown[] = o.topologies.slice(0, TOPOLOGY_ROWS).map((t, n) => ({
    type: 1,
    components: [
      button(`Check ${t.name}`, run(n * 3, `check ${t.name}`), 1),
      button('What if…', `${WHATIF_PROMPT}${t.name}`),
      button('Run audit now', run(n * 3 + 2, `audit run ${t.name}`)),
    ],
  }));
  // Cancelling changes what the whole server gets: shown to admins only, and refused to others anyway.
  const cancellable = admin ? (o.audits ?? []).filter((a) => !a.stopped).slice(0, 5) : [];
  if (cancellable.length)
    rows.push({
      type: 1,
      components: cancellable.map((a, n) => button(`Cancel ${a.id}`, run(90 + n, `audit cancel ${a.id}`), 4)),
    });
  if (o.topologies.length > TOPOLOGY_ROWS)
    embed.footer = { text: `Buttons for the first ${TOPOLOGY_ROWS}; \`/voipnow check NAME\` for the others.` };
  return { embeds: [embed], components: rows, flags: MessageFlags.Ephemeral };
}

/** `/voipnow status`: the same overview as Slack's App Home, for this server, seen only by the asker. */
export async function replyStatus(
  i: ChatInputCommandInteraction,
  o: { store: TopologyStore; audits?: AuditService | undefined; maxBytes: number },
  tenant: string,
  admin: boolean,
): Promise<void> {
  await i.deferReply({ flags: MessageFlags.Ephemeral });
  const audits = o.audits;
  const overview = await loadOverview({
    topologies: o.store.forTenant(tenant),
    ...(audits
      ? {
          audits: {
            store: audits.store.forTenant(tenant),
            next: (id: string) => audits.scheduler.next(tenant, id),
          },
        }
      : {}),
    maxBytes: o.maxBytes,
  });
  const { embeds, components } = statusMessage(overview, admin);
  await i.editReply({ embeds, components: components as never });
}

/** The what-if button opens a prompt for the question. */
export async function showWhatifPrompt(i: ButtonInteraction): Promise<void> {
  const topology = i.customId.slice(WHATIF_PROMPT.length);
  await i.showModal({
    custom_id: i.customId,
    title: clip(`What if… (${topology})`, 45),
    components: [
      {
        type: 1,
        components: [
          {
            type: 4,
            custom_id: 'question',
            label: 'What happens if…',
            style: 1,
            max_length: 300,
            required: true,
            placeholder: 'the PBX fails',
          },
        ],
      },
    ],
  });
}

/** The command line a submitted what-if prompt runs. */
export function whatifFromPrompt(i: ModalSubmitInteraction): string | undefined {
  const topology = i.customId.slice(WHATIF_PROMPT.length);
  const question = i.fields.getTextInputValue('question').trim();
  if (!question || !/^[A-Za-z0-9._-]{1,64}$/.test(topology)) return undefined;
  return `whatif ${/^(what|if)\b/i.test(question) ? question : `what happens if ${question}`} on ${topology}`;
}

const TOPOLOGY_FILE = /\.(ya?ml|json|txt)$/i;
const CODE_BLOCK = /```[ \t]*(?:ya?ml|json)?[ \t]*\r?\n?([\s\S]*?)```/i;

/** The topology a message carries: a YAML/JSON attachment, else a pasted code block. */
export function topologyOfDiscordMessage(
  i: MessageContextMenuCommandInteraction,
): { file: { url: string; name: string; size: number } } | { paste: Attachment } | undefined {
  const message = i.targetMessage;
  const file = message.attachments.find((a) => TOPOLOGY_FILE.test(a.name));
  if (file) return { file: { url: file.url, name: file.name, size: file.size } };
  const code = CODE_BLOCK.exec(message.content);
  if (code?.[1]?.trim()) return { paste: { name: 'pasted topology', content: code[1] } };
  return undefined;
}
