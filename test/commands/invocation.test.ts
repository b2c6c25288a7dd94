import { describe, expect, it } from 'vitest';
import { parseInvocation } from '../../commands/invocation.js';

const file = { name: 'prod.yaml', content: 'version: 1\n' };

describe('parseInvocation routes what people write to one command', () => {
  it.each([
    ['check prod', 'check', { name: 'prod' }],
    ['/voipnow check prod', 'check', { name: 'prod' }],
    ['<@U123ABC> check prod', 'check', { name: 'prod' }],
    ['is prod ok?', 'check', { name: 'prod' }],
    ['@voipnow is prod-eu healthy', 'check', { name: 'prod-eu' }],
    ['what happens if PBX fails on prod?', 'whatif', { question: 'what happens if PBX fails', on: 'prod' }],
    ['whatif two sip nodes go down', 'whatif', { question: 'two sip nodes go down' }],
    ['sip-2 dies', 'whatif', { question: 'sip-2 dies' }],
    ['sizing prod', 'sizing', { name: 'prod' }],
    ['sizing for prod', 'sizing', { name: 'prod' }],
    ['sizing of the prod topology please', 'sizing', { name: 'prod' }],
    ['check the prod-eu topology', 'check', { name: 'prod-eu' }],
    ['resilience prod', 'resilience', { name: 'prod' }],
    ['resilience for prod depth 2', 'resilience', { name: 'prod', depth: 2 }],
    ['how resilient is prod?', 'resilience', { name: 'prod' }],
    ['what are the single points of failure in prod', 'resilience', { name: 'prod' }],
    ['how should I size prod', 'sizing', { name: 'prod' }],
    ['topology save prod', 'topology', { action: 'save', name: 'prod' }],
    ['save this as prod', 'topology', { action: 'save', name: 'prod' }],
    ['topology list', 'topology', { action: 'list' }],
    ['list', 'topology', { action: 'list' }],
    ['which topologies do you have?', 'topology', { action: 'list' }],
    ['show prod v2', 'topology', { action: 'show', name: 'prod', version: 2 }],
    ['history prod', 'topology', { action: 'history', name: 'prod' }],
    ['diff prod v1 v3', 'topology', { action: 'diff', name: 'prod', from: 1, to: 3 }],
    ['topology delete prod', 'topology', { action: 'delete', name: 'prod' }],
    ['rules HA001', 'rules', { id: 'HA001' }],
    ['rules', 'rules', {}],
    ['help', 'help', {}],
  ])('%s', (text, command, input) => {
    const inv = parseInvocation(text);
    expect(inv.command).toBe(command);
    expect(inv.input).toEqual(input);
    expect(inv.pending.length).toBeGreaterThan(3);
  });

  it('"check this" with a file checks the file', () => {
    expect(parseInvocation('check this', file)).toMatchObject({ command: 'check', input: {}, attachment: file });
    expect(parseInvocation('', file)).toMatchObject({ command: 'check', attachment: file });
    expect(parseInvocation('<@U1>', file)).toMatchObject({ command: 'check', attachment: file });
  });

  it('pasted YAML in a code block becomes the attachment', () => {
    const inv = parseInvocation('check\n```yaml\nversion: 1\nname: x\n```');
    expect(inv).toMatchObject({
      command: 'check',
      attachment: { name: 'pasted topology', content: 'version: 1\nname: x\n' },
    });
    expect(parseInvocation('topology save prod ```version: 1```')).toMatchObject({
      command: 'topology',
      input: { action: 'save', name: 'prod' },
    });
  });

  it('text it cannot route gets help with examples, never silence', () => {
    for (const text of ['bake me a cake', '', 'diff', 'show']) {
      const inv = parseInvocation(text);
      expect(inv.command).toBe('help');
      expect((inv.input as { problem?: string }).problem).toBeTruthy();
    }
  });
});

describe('check options', () => {
  it('"as file" asks for the findings as an attached report', () => {
    expect(parseInvocation('check prod as file')).toMatchObject({
      command: 'check',
      input: { name: 'prod', asFile: true },
    });
  });
});
