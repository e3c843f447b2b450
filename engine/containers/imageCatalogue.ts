// The image catalogue: a few base images and a demo shop built on them, each a stack of read-only layers (shared by
// digest across images) plus what its process does when it runs. Sizes are close to the real uncompressed images.
import { AppError } from '../../shared/errors.ts';

export interface Layer {
  readonly digest: string;
  readonly sizeMiB: number;
  readonly createdBy: string;
}

/** How the image's main process behaves; drives replica start-up, memory, CPU and process counts. */
export interface ProcessModel {
  /** From exec to "listening": what the health check waits for. */
  readonly initMs: number;
  readonly shutdownMs: number;
  readonly baseMemoryMiB: number;
  readonly memoryPerRps: number;
  readonly cpuBaseCores: number;
  /** Core-seconds per request once warm. */
  readonly cpuPerRequest: number;
  /** Processes and threads (what pids.max counts). */
  readonly processes: number;
  readonly processesPerRps: number;
  /** JIT warm-up: requests cost up to three times more CPU at first, falling off over this many seconds. */
  readonly warmupS?: number;
  /** A memory leak: resident memory grows this much per second of uptime. */
  readonly leakMiBPerS?: number;
  /** A broken version: the process exits with an error this long after starting. */
  readonly crashAfterMs?: number;
  readonly crashMessage?: string;
}

export interface CatalogueImage {
  readonly ref: string;
  readonly repository: string;
  readonly tag: string;
  readonly description: string;
  /** The simulation's OS id of its userland (kernel family and instruction set). */
  readonly os: string;
  readonly layers: readonly Layer[];
  readonly command: readonly string[];
  readonly exposedPorts: readonly number[];
  readonly process: ProcessModel;
  readonly notes?: string;
}

const layer = (digest: string, sizeMiB: number, createdBy: string): Layer => ({ digest: `sha256:${digest}`, sizeMiB, createdBy });

const L = {
  alpine319: layer('c303524923177', 7.4, 'ADD alpine-minirootfs-3.19.1-x86_64.tar.gz /'),
  alpine320: layer('94e9d8af2201', 7.8, 'ADD alpine-minirootfs-3.20.3-x86_64.tar.gz /'),
  debian12: layer('8a1e25ce7c4f', 74.8, 'ADD rootfs.tar.xz / (debian bookworm slim)'),
  ubuntu2204: layer('3153aa388d02', 74.2, 'ADD ubuntu-jammy-oci-amd64-root.tar.gz /'),
  nginx125: layer('5e6c10c6cf4e', 112.5, 'RUN apt-get install nginx=1.25.5-1~bookworm'),
  nginx127: layer('d8a6a6b4b1f2', 114.3, 'RUN apt-get install nginx=1.27.2-1~bookworm'),
  nginx127alpine: layer('5b84a5dd1e59', 38.6, 'RUN apk add nginx=1.27.2-r1'),
  nginxEntry: layer('0f4f8ec5ab3b', 0.02, 'COPY docker-entrypoint.sh 10-listen-on-ipv6.sh /'),
  pgDeps: layer('b2c1f5a2d7e0', 58.4, 'RUN apt-get install libicu72 libldap-2.5 locales tzdata'),
  pg15: layer('6f0c1b9e44aa', 236.1, 'RUN apt-get install postgresql-15'),
  pg16: layer('e1d7f83a9c55', 245.7, 'RUN apt-get install postgresql-16'),
  temurinDeps: layer('a9b3c0d1e2f4', 42.9, 'RUN apt-get install ca-certificates fontconfig locales'),
  jre21: layer('7cd2e6f0a1b3', 171.6, 'ADD OpenJDK21U-jre_x64_linux_hotspot_21.0.5_11.tar.gz /opt/java'),
  apiLibs: layer('31e4f2c8d9b7', 38.2, 'COPY build/libs/*.jar /app/lib/ (Spring Boot 3.2)'),
  apiLibs2: layer('4aa90c1b7e22', 41.0, 'COPY build/libs/*.jar /app/lib/ (Spring Boot 3.3)'),
  api10: layer('9d3b7a21c640', 2.1, 'COPY shop-api-1.0.jar /app/shop-api.jar'),
  api11: layer('2f8c6d01e93a', 2.2, 'COPY shop-api-1.1.jar /app/shop-api.jar'),
  api12: layer('c7e51b9a0d48', 2.2, 'COPY shop-api-1.2.jar /app/shop-api.jar'),
  api20: layer('6b0a3f7d2e19', 2.4, 'COPY shop-api-2.0.jar /app/shop-api.jar'),
  web10: layer('e48f0a2b6c13', 4.1, 'COPY dist/ /usr/share/nginx/html (shop-web 1.0)'),
  web11: layer('1a7d93c5b0e8', 4.3, 'COPY dist/ /usr/share/nginx/html (shop-web 1.1)'),
} as const;

const shell: ProcessModel = { initMs: 30, shutdownMs: 10, baseMemoryMiB: 1, memoryPerRps: 0, cpuBaseCores: 0, cpuPerRequest: 0, processes: 1, processesPerRps: 0 };
const nginx: ProcessModel = { initMs: 250, shutdownMs: 300, baseMemoryMiB: 10, memoryPerRps: 0.01, cpuBaseCores: 0.002, cpuPerRequest: 0.0004, processes: 3, processesPerRps: 0 };
const postgres: ProcessModel = { initMs: 3500, shutdownMs: 1500, baseMemoryMiB: 70, memoryPerRps: 0.6, cpuBaseCores: 0.01, cpuPerRequest: 0.002, processes: 8, processesPerRps: 0.1 };
const shopApi: ProcessModel = { initMs: 6000, shutdownMs: 2000, baseMemoryMiB: 300, memoryPerRps: 0.5, cpuBaseCores: 0.02, cpuPerRequest: 0.006, processes: 34, processesPerRps: 0.2, warmupS: 40 };

const image = (ref: string, description: string, os: string, layers: readonly Layer[], command: readonly string[], exposedPorts: readonly number[], process: ProcessModel, notes?: string): CatalogueImage => {
  const [repository, tag] = ref.split(':') as [string, string];
  return { ref, repository, tag, description, os, layers, command, exposedPorts, process, ...(notes === undefined ? {} : { notes }) };
};

const apiCommand = ['java', '-XX:MaxRAMPercentage=75', '-jar', '/app/shop-api.jar'];
const apiBase = [L.ubuntu2204, L.temurinDeps, L.jre21];

export const imageCatalogue: readonly CatalogueImage[] = [
  image('alpine:3.19', 'Alpine Linux 3.19: musl libc and BusyBox in 7 MiB', 'alpine64', [L.alpine319], ['/bin/sh'], [], shell),
  image('alpine:3.20', 'Alpine Linux 3.20: musl libc and BusyBox in 8 MiB', 'alpine64', [L.alpine320], ['/bin/sh'], [], shell),
  image('debian:12-slim', 'Debian 12 (bookworm) without documentation and locales', 'debian64', [L.debian12], ['bash'], [], shell),
  image('nginx:1.25', 'nginx 1.25 web server on Debian 12 slim', 'debian64', [L.debian12, L.nginx125, L.nginxEntry], ['nginx', '-g', 'daemon off;'], [80], nginx),
  image('nginx:1.27', 'nginx 1.27 web server on Debian 12 slim', 'debian64', [L.debian12, L.nginx127, L.nginxEntry], ['nginx', '-g', 'daemon off;'], [80], nginx),
  image('nginx:1.27-alpine', 'nginx 1.27 on Alpine: the same server in a fifth of the space', 'alpine64', [L.alpine320, L.nginx127alpine, L.nginxEntry], ['nginx', '-g', 'daemon off;'], [80], nginx),
  image('postgres:15', 'PostgreSQL 15 database server on Debian 12', 'debian64', [L.debian12, L.pgDeps, L.pg15], ['postgres'], [5432], postgres),
  image('postgres:16', 'PostgreSQL 16 database server on Debian 12', 'debian64', [L.debian12, L.pgDeps, L.pg16], ['postgres'], [5432], postgres),
  image('eclipse-temurin:21-jre', 'Java 21 runtime (Eclipse Temurin JRE) on Ubuntu 22.04', 'ubuntu64', apiBase, ['jshell'], [], { ...shell, initMs: 1500, baseMemoryMiB: 60, processes: 20 }),
  image('virtlab/shop-api:1.0', 'Demo shop REST API 1.0 (Spring Boot on Java 21)', 'ubuntu64', [...apiBase, L.apiLibs, L.api10], apiCommand, [8080], shopApi),
  image('virtlab/shop-api:1.1', 'Demo shop REST API 1.1: faster checkout', 'ubuntu64', [...apiBase, L.apiLibs, L.api11], apiCommand, [8080], shopApi),
  image(
    'virtlab/shop-api:1.2',
    'Demo shop REST API 1.2: adds a recommendations cache',
    'ubuntu64',
    [...apiBase, L.apiLibs, L.api12],
    apiCommand,
    [8080],
    { ...shopApi, leakMiBPerS: 1.5 },
    'Its cache never evicts: memory grows about 1.5 MiB/s until memory.max, then the OOM killer ends it',
  ),
  image(
    'virtlab/shop-api:2.0',
    'Demo shop REST API 2.0 (Spring Boot 3.3)',
    'ubuntu64',
    [...apiBase, L.apiLibs2, L.api20],
    apiCommand,
    [8080],
    { ...shopApi, crashAfterMs: 4000, crashMessage: 'java.lang.IllegalStateException: database schema 7 required, found 6 (exit code 1)' },
    'Needs a database migration that was never run: exits with an error 4 s after starting',
  ),
  image('virtlab/shop-web:1.0', 'Demo shop front end 1.0 (static site on nginx 1.27 Alpine)', 'alpine64', [L.alpine320, L.nginx127alpine, L.nginxEntry, L.web10], ['nginx', '-g', 'daemon off;'], [80], { ...nginx, baseMemoryMiB: 6, initMs: 200 }),
  image('virtlab/shop-web:1.1', 'Demo shop front end 1.1: new product pages', 'alpine64', [L.alpine320, L.nginx127alpine, L.nginxEntry, L.web11], ['nginx', '-g', 'daemon off;'], [80], { ...nginx, baseMemoryMiB: 6, initMs: 200 }),
];

const byRef = new Map(imageCatalogue.map((entry) => [entry.ref, entry]));

/** "nginx" means "nginx:latest", which is the newest tag listed for the repository. */
export function normalizeImageRef(ref: string): string {
  const trimmed = ref.trim();
  if (trimmed.includes(':')) return trimmed;
  const tags = imageCatalogue.filter((entry) => entry.repository === trimmed);
  return tags.length > 0 ? tags[tags.length - 1]!.ref : `${trimmed}:latest`;
}

export function findImage(ref: string): CatalogueImage | undefined {
  return byRef.get(normalizeImageRef(ref));
}

/** The image, or a VALIDATION error listing what exists (the tags of that repository, or every repository). */
export function requireImage(ref: string, field = 'image'): CatalogueImage {
  const found = findImage(ref);
  if (found) return found;
  const normalized = normalizeImageRef(ref);
  const repository = normalized.split(':')[0]!;
  const tags = imageCatalogue.filter((entry) => entry.repository === repository).map((entry) => entry.tag);
  if (tags.length > 0) throw new AppError('VALIDATION', `Image "${normalized}" has no tag "${normalized.split(':')[1]}" in the catalogue; ${repository} has ${tags.join(', ')}`, field);
  const repositories = [...new Set(imageCatalogue.map((entry) => entry.repository))];
  throw new AppError('VALIDATION', `There is no image "${repository}" in the catalogue; choose one of ${repositories.join(', ')}`, field);
}

export function imageSizeMiB(entry: CatalogueImage): number {
  return entry.layers.reduce((sum, l) => sum + l.sizeMiB, 0);
}

/** The image a container made without naming one runs: the catalogue's closest match for its OS type. */
export function defaultImageFor(osType: string): CatalogueImage {
  const bases = imageCatalogue.filter((entry) => entry.process === shell);
  return bases.findLast((entry) => entry.os === osType) ?? byRef.get('alpine:3.20')!;
}
