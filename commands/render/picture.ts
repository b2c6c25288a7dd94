import { AUTO_PICTURE_NODES, type PictureRequest } from '../../src/diagram/picture.js';
import type { Reply } from '../../src/reply/document.js';
import type { CommandContext } from '../command.js';

/**
 * Adds the topology's picture to an answer: attached for small topologies, behind a "Diagram"
 * button for large ones (`diagram` names the stored topology). A picture that cannot be drawn
 * costs a line of text, never the answer.
 */
export async function withPicture(
  reply: Reply,
  ctx: CommandContext,
  request: PictureRequest,
  stored: string | undefined,
  diagramArgs = '',
): Promise<Reply> {
  if (!ctx.pictures) return reply;
  if (request.topology.nodes.length > AUTO_PICTURE_NODES) {
    if (!stored) return reply;
    const command = `diagram ${stored}${diagramArgs ? ` ${diagramArgs}` : ''}`;
    return { ...reply, actions: [...(reply.actions ?? []), { label: 'Diagram', command }] };
  }
  try {
    const file = await ctx.pictures.draw(request);
    return { ...reply, files: [...(reply.files ?? []), file] };
  } catch (error) {
    const note = `(No diagram this time: ${(error as Error).message}.)`;
    return { ...reply, text: reply.text ? `${reply.text}\n${note}` : note };
  }
}
