import {
  InteractionContextType,
  SlashCommandBuilder,
  type SlashCommandAttachmentOption,
  type SlashCommandStringOption,
} from 'discord.js';

/**
 * The /voipnow application command: one subcommand per command of the shared set, each with the
 * options of that command and an ATTACHMENT option for topology files.
 */
export function voipnowCommand() {
  const file = (o: SlashCommandAttachmentOption) => o.setName('file').setDescription('A topology file (YAML or JSON)');
  const stored = (required: boolean) => (o: SlashCommandStringOption) =>
    o.setName('name').setDescription('A stored topology').setRequired(required).setAutocomplete(true);
  return (
    new SlashCommandBuilder()
      .setName('voipnow')
      .setDescription('Check VoipNow topologies against the vendor’s provisioning rules')
      .addSubcommand((s) =>
        s
          .setName('check')
          .setDescription('Check a topology against every rule')
          .addStringOption(stored(false))
          .addAttachmentOption(file),
      )
      .addSubcommand((s) =>
        s
          .setName('whatif')
          .setDescription('What happens if a role, node, host or zone fails')
          .addStringOption((o) =>
            o.setName('question').setDescription('e.g. what happens if PBX fails').setRequired(true),
          )
          .addStringOption((o) => o.setName('on').setDescription('A stored topology').setAutocomplete(true))
          .addAttachmentOption(file),
      )
      .addSubcommand((s) =>
        s
          .setName('resilience')
          .setDescription('Simulate the loss of every node, host, zone and load balancer, worst first')
          .addStringOption(stored(false))
          .addIntegerOption((o) =>
            o
              .setName('depth')
              .setDescription('2: every pair of hosts or zones as well')
              .addChoices({ name: '1', value: 1 }, { name: '2', value: 2 }),
          )
          .addAttachmentOption(file),
      )
      .addSubcommand((s) =>
        s
          .setName('sizing')
          .setDescription('Per-node sizing advice')
          .addStringOption(stored(false))
          .addAttachmentOption(file),
      )
      .addSubcommand((s) =>
        s
          .setName('save')
          .setDescription('Save a topology (a new version)')
          .addAttachmentOption((o) => file(o).setRequired(true))
          .addStringOption((o) => o.setName('name').setDescription('Name to save under')),
      )
      .addSubcommand((s) => s.setName('list').setDescription('Stored topologies'))
      .addSubcommand((s) =>
        s
          .setName('show')
          .setDescription('Show a stored version')
          .addStringOption(stored(true))
          .addIntegerOption((o) => o.setName('version').setDescription('Version number').setMinValue(1)),
      )
      .addSubcommand((s) =>
        s.setName('history').setDescription('Versions of a stored topology').addStringOption(stored(true)),
      )
      .addSubcommand((s) =>
        s
          .setName('diff')
          .setDescription('Compare two versions')
          .addStringOption(stored(true))
          .addIntegerOption((o) => o.setName('from').setDescription('Older version').setMinValue(1))
          .addIntegerOption((o) => o.setName('to').setDescription('Newer version').setMinValue(1)),
      )
      .addSubcommand((s) =>
        s.setName('delete').setDescription('Delete a stored topology and its history').addStringOption(stored(true)),
      )
      .addSubcommand((s) =>
        s
          .setName('audit')
          .setDescription('Scheduled audits: re-check a stored topology and post what changed')
          .addStringOption((o) =>
            o
              .setName('action')
              .setDescription('What to do')
              .setRequired(true)
              .addChoices(...['schedule', 'list', 'cancel', 'run', 'history'].map((a) => ({ name: a, value: a }))),
          )
          .addStringOption(stored(false))
          .addStringOption((o) =>
            o.setName('schedule').setDescription('Cron pattern or interval, e.g. 0 9 * * 1-5 or every 4h'),
          )
          .addChannelOption((o) => o.setName('channel').setDescription('Where to post (default: here)'))
          .addStringOption((o) => o.setName('tz').setDescription('Time zone, e.g. Europe/Bucharest'))
          .addBooleanOption((o) => o.setName('quiet').setDescription('Post only when a finding is new or resolved'))
          .addStringOption((o) => o.setName('id').setDescription('Audit id, to cancel (see list)')),
      )
      .addSubcommand((s) =>
        s
          .setName('rules')
          .setDescription('The rule catalogue, or one rule')
          .addStringOption((o) => o.setName('id').setDescription('e.g. HA001')),
      )
      .addSubcommand((s) => s.setName('help').setDescription('What the bot can do'))
      // Usable in servers and in the bot's DMs, as setDMPermission(true) was.
      .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  );
}

/** Options of a subcommand, as the command line the shared parser reads. */
export function commandLine(subcommand: string, options: Record<string, string | number | undefined>): string {
  const o = (k: string) => (options[k] === undefined ? '' : String(options[k]));
  switch (subcommand) {
    case 'check':
    case 'sizing':
      return `${subcommand} ${o('name')}`.trim();
    case 'resilience':
      return `resilience ${o('name')}${options.depth ? ` depth ${o('depth')}` : ''}`.trim();
    case 'whatif':
      return `whatif ${o('question')}${options.on ? ` on ${o('on')}` : ''}`;
    case 'save':
      return `topology save ${o('name')}`.trim();
    case 'show':
      return `topology show ${o('name')}${options.version ? ` v${o('version')}` : ''}`;
    case 'diff':
      return `topology diff ${o('name')}${options.from ? ` v${o('from')}` : ''}${options.to ? ` v${o('to')}` : ''}`;
    case 'list':
    case 'history':
    case 'delete':
      return `topology ${subcommand} ${o('name')}`.trim();
    case 'rules':
      return `rules ${o('id')}`.trim();
    case 'audit': {
      const action = o('action') || 'list';
      if (action === 'cancel') return `audit cancel ${o('id')}`.trim();
      if (action !== 'schedule') return `audit ${action} ${o('name')}`.trim();
      const where = options.channel ? ` in <#${o('channel')}>` : '';
      const zone = options.tz ? ` tz ${o('tz')}` : '';
      return `audit schedule ${o('name')} ${o('schedule')}${where}${zone} ${o('quiet')}`.trim();
    }
    default:
      return 'help';
  }
}
