import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = new URL('../../', import.meta.url);

describe('deployment files', () => {
  it('docker-compose config accepts docker-compose.yml (Redis with AOF and a healthcheck, bot and worker from one image)', () => {
    const found = spawnSync('docker-compose', ['version'], { stdio: 'ignore' });
    expect(found.status, 'docker-compose (Debian package docker-compose) must be installed; .ci/run installs it').toBe(
      0,
    );
    const out = execFileSync('docker-compose', ['-f', 'docker-compose.yml', 'config'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
    });
    const config = parse(out) as {
      services: Record<string, { image?: string; command?: string[]; healthcheck?: unknown }>;
    };
    expect(Object.keys(config.services).sort()).toEqual(['bot', 'redis', 'worker']);
    expect(config.services.redis!.command).toEqual(expect.arrayContaining(['--appendonly', 'yes']));
    expect(config.services.redis!.healthcheck).toBeDefined();
    expect(config.services.bot!.image).toBe(config.services.worker!.image);
    expect(config.services.bot!.command).toEqual(['node', 'dist/src/bin/bot.js']);
    expect(config.services.worker!.command).toEqual(['node', 'dist/src/bin/worker.js']);
  });

  it('the Dockerfile builds a small non-root image with production dependencies only', () => {
    const dockerfile = readFileSync(new URL('Dockerfile', root), 'utf8');
    expect(dockerfile).toMatch(/^FROM node:20-bookworm-slim AS build$/m);
    expect(dockerfile).toMatch(/npm ci --omit=dev --ignore-scripts/);
    expect(dockerfile).toMatch(/^USER node$/m);
  });
});
