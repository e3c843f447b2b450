// Which parts of the data center changed since the last batch: hosts, clusters, migrations, operations, priorities.

export class ChangeTracker {
  readonly hosts = new Set<string>();
  readonly clusters = new Set<string>();
  readonly migrations = new Set<string>();
  priorities = false;
  /** Cluster settings, links or priorities changed: the settings document must be saved. */
  settings = false;
  /** Phase and finished rounds of each running migration as last reported, to report it again only when they move. */
  readonly #lastShape = new Map<string, string>();

  /** Marks a running migration changed when its phase or round count moved (or always, once a second). */
  migration(id: string, shape: string, always: boolean): void {
    if (always || this.#lastShape.get(id) !== shape) {
      this.migrations.add(id);
      this.#lastShape.set(id, shape);
    }
  }

  ended(id: string): void {
    this.migrations.add(id);
    this.#lastShape.delete(id);
  }

  get empty(): boolean {
    return this.hosts.size === 0 && this.clusters.size === 0 && this.migrations.size === 0 && !this.priorities;
  }

  clear(): void {
    this.hosts.clear();
    this.clusters.clear();
    this.migrations.clear();
    this.priorities = false;
  }
}
