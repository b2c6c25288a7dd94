import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = new URL('../../', import.meta.url);

describe('deployment files', () => {
  it('docker-compose config accepts docker-compose.yml (Redis with AOF and a healthcheck, bot and worker from one image)', () => {
    const found = spawnSync('docker-compose', ['version'], { stdio: 'ignore' });
    expect(found.status, 'docker-compose (Debian package docker-compose) must be installed; .ci/run installs it').toBe(
      0,
    );
    // As an operator runs it: beside a .env made from .env.example (a clone has none).
    const dir = mkdtempSync(join(tmpdir(), 'compose-'));
    copyFileSync(fileURLToPath(new URL('docker-compose.yml', root)), join(dir, 'docker-compose.yml'));
    copyFileSync(fileURLToPath(new URL('.env.example', root)), join(dir, '.env'));
    const out = execFileSync('docker-compose', ['-f', 'docker-compose.yml', 'config'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
    });
    const config = parse(out) as {
      services: Record<
        string,
        { image?: string; command?: string[]; healthcheck?: unknown; environment?: Record<string, string> }
      >;
    };
    expect(Object.keys(config.services).sort()).toEqual(['bot', 'redis', 'worker']);
    expect(config.services.redis!.command).toEqual(expect.arrayContaining(['--appendonly', 'yes']));
    expect(config.services.redis!.healthcheck).toBeDefined();
    expect(config.services.bot!.image).toBe(config.services.worker!.image);
    expect(config.services.bot!.command).toEqual(['node', 'dist/src/bin/bot.js']);
    expect(config.services.worker!.command).toEqual(['node', 'dist/src/bin/worker.js']);
    // .env reaches both containers whole (SLACK_ADMINS and friends), with Redis pointed at the service.
    for (const service of ['bot', 'worker']) {
      expect(config.services[service]!.environment).toHaveProperty('AUDIT_MAX_PER_TENANT');
      expect(config.services[service]!.environment!.REDIS_URL).toBe('redis://redis:6379');
    }
    const source = readFileSync(new URL('docker-compose.yml', root), 'utf8');
    expect(source).not.toMatch(/^version:/m);
    expect(source).toMatch(/env_file: \.env/);
  });

  it('the Dockerfile builds a small non-root image with production dependencies only', () => {
    const dockerfile = readFileSync(new URL('Dockerfile', root), 'utf8');
    expect(dockerfile).toMatch(/^FROM node:20-bookworm-slim AS build$/m);
    expect(dockerfile).toMatch(/npm ci --omit=dev --ignore-scripts/);
    expect(dockerfile).toMatch(/^USER node$/m);
    // Dependencies install from package*.json alone (a cached layer), then sources, then an explicit build.
    const at = (re: RegExp) => dockerfile.search(re);
    expect(at(/^COPY package\.json package-lock\.json/m)).toBeLessThan(at(/^RUN npm ci --ignore-scripts/m));
    expect(at(/^RUN npm ci --ignore-scripts/m)).toBeLessThan(at(/^COPY src/m));
    expect(at(/^COPY src/m)).toBeLessThan(at(/^RUN npm run build$/m));
    expect(dockerfile).not.toMatch(/COPY bench/);
  });
});
