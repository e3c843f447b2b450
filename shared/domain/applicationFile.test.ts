// Application files: Compose-like YAML or JSON into a checked spec, with defaults, and errors naming field and line.
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { parseApplicationFile } from './applicationFile.ts';
import { parseCpus, parseDurationS, parseMemoryMiB } from './quantities.ts';

const shop = `# A three-service shop
name: shop
services:
  web:
    image: virtlab/shop-web:1.0
    replicas: 3
    ports: ["8080:80"]
    depends_on: [api]
  api:
    image: virtlab/shop-api:1.0
    replicas: 2
    environment: [DB_HOST=db, "DB_POOL=10"]
    resources:
      requests: { cpus: 500m, memory: 384Mi }
      limits: { cpus: 1, memory: 512Mi, pids: 200 }
    healthcheck: { interval: 2s, start_period: 5s }
    depends_on: { db: { condition: service_healthy } }
    update: { max_surge: 1, max_unavailable: 0 }
    traffic: { requests_per_second: 50 }
  db:
    image: postgres:16
    restart: on-failure
`;

function failure(text: string): { message: string; field: string | undefined } {
  try {
    parseApplicationFile(text, 'shop.yaml');
  } catch (error) {
    if (error instanceof AppError) return { message: error.message, field: error.field };
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('application files', () => {
  it('reads a Compose-like file, filling in what it leaves out', () => {
    const spec = parseApplicationFile(shop);
    expect(Object.keys(spec.services)).toEqual(['web', 'api', 'db']);
    expect(spec.services['web']).toEqual({
      image: 'virtlab/shop-web:1.0',
      replicas: 3,
      environment: {},
      ports: [{ target: 80, published: 8080 }],
      resources: { requests: { cpus: 0.1, memoryMiB: 64 }, limits: {} },
      healthcheck: { intervalS: 5, startPeriodS: 0 },
      restart: 'always',
      dependsOn: ['api'],
      update: { maxSurge: '25%', maxUnavailable: '25%', progressDeadlineS: 120 },
      requestsPerSecond: 10,
    });
    expect(spec.services['api']).toMatchObject({
      environment: { DB_HOST: 'db', DB_POOL: '10' },
      resources: { requests: { cpus: 0.5, memoryMiB: 384 }, limits: { cpus: 1, memoryMiB: 512, pids: 200 } },
      healthcheck: { intervalS: 2, startPeriodS: 5 },
      dependsOn: ['db'],
      update: { maxSurge: 1, maxUnavailable: 0 },
      requestsPerSecond: 50,
    });
    expect(spec.services['db']).toMatchObject({ replicas: 1, restart: 'on-failure', requestsPerSecond: 0 });
  });

  it('reads the same application written as JSON', () => {
    const json = JSON.stringify({ name: 'shop', services: { web: { image: 'nginx:1.27', replicas: 2, resources: { limits: { memory: '1Gi', cpus: 2 } } } } });
    expect(parseApplicationFile(json).services['web']!.resources).toEqual({ requests: { cpus: 2, memoryMiB: 1024 }, limits: { cpus: 2, memoryMiB: 1024 } });
  });

  it.each([
    [shop.replace('512Mi', '12 parsecs'), 'services.api.resources.limits.memory', 'services.api.resources.limits.memory: "12 parsecs" has an unknown unit "parsecs"; write it like 256Mi, 1Gi or a number of MiB (line 15)'],
    [shop.replace('replicas: 3', 'replica: 3'), 'services.web.replica', 'services.web.replica: unknown field "replica"; did you mean "replicas"? (line 6)'],
    [shop.replace('depends_on: [api]', 'depends_on: [cart]'), 'services.web.depends_on.0', 'services.web.depends_on.0: no service named "cart" in this application (services: web, api, db) (line 8)'],
    [shop.replace('restart: on-failure', 'depends_on: [web]'), 'services.web.depends_on', 'services.web.depends_on: dependencies form a cycle: web → api → db → web (line 8)'],
    [shop.replace('cpus: 1, memory: 512Mi', 'cpus: 250m, memory: 512Mi'), 'services.api.resources.limits.cpus', 'services.api.resources.limits.cpus: limit (0.25) is below the request (0.5); a limit must be at least the request (line 15)'],
    [shop.replace('image: postgres:16', 'replicas: 1'), 'services.db.image', 'services.db.image: is required (line 21)'],
    [shop.replace('"8080:80"', '"8080:80800"'), 'services.web.ports.0', 'services.web.ports.0: port 80800 is out of range 1–65535 (line 7)'],
    [shop.replace('name: shop', 'name: My Shop'), 'name', 'name: An application name must be 1–40 lowercase letters, digits or dashes, starting and ending with a letter or digit (line 2)'],
    [shop.replace('max_surge: 1', 'max_surge: lots'), 'services.api.update.max_surge', 'services.api.update.max_surge: must be a number of replicas or a percentage like 25% (line 18)'],
    [shop.replace('ports: ["8080:80"]', 'ports: ["8080:80"]\n    restart: sometimes'), 'services.web.restart', 'services.web.restart: must be one of always, on-failure, no (line 8)'],
  ])('refuses a bad field with its path and line (%#)', (text, field, message) => {
    expect(failure(text)).toEqual({ field, message });
  });

  it('says where YAML syntax breaks, and refuses files that are no map', () => {
    expect(failure('name: shop\nservices:\n  web: {image: nginx\n').message).toMatch(/^shop\.yaml is not valid YAML or JSON: .* \(line \d+, column \d+\)$/);
    expect(failure('- just\n- a list\n').message).toBe('shop.yaml must be a map with "name" and "services"');
    expect(failure('   ').message).toBe('shop.yaml is empty; it needs a name and services');
    expect(failure('name: x\nservices: {}\n').message).toBe('services: needs at least one service (line 2)');
  });
});

describe('quantities', () => {
  it('reads memory as Kubernetes and Docker write it', () => {
    expect(['256Mi', '1Gi', '512m', '1g', '1G', 300, '64MiB', '1024Ki'].map((raw) => parseMemoryMiB(raw))).toEqual([256, 1024, 512, 1024, 954, 300, 64, 1].map((value) => ({ ok: true, value })));
    expect(parseMemoryMiB('0Mi')).toEqual({ ok: false, message: '"0Mi" must be more than 0' });
  });

  it('reads CPUs and durations', () => {
    expect([0.5, '2', '250m'].map((raw) => parseCpus(raw))).toEqual([0.5, 2, 0.25].map((value) => ({ ok: true, value })));
    expect(parseCpus('two').ok).toBe(false);
    expect(['5s', '500ms', '1m30s', 7].map((raw) => parseDurationS(raw))).toEqual([5, 0.5, 90, 7].map((value) => ({ ok: true, value })));
    expect(parseDurationS('soon').ok).toBe(false);
  });
});
