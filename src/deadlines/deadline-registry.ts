import type { DeadlineKind } from './deadline-kind.js';

const NAME = /^[a-z0-9-]{1,40}$/;

/** The deadline kinds this deployment knows, by name. Registering a name twice is a boot error. */
export class DeadlineRegistry {
  private readonly kinds = new Map<string, DeadlineKind>();

  register<T>(kind: DeadlineKind<T>): this {
    if (!NAME.test(kind.name)) throw new Error(`deadline kind name "${kind.name}" must be [a-z0-9-]`);
    if (this.kinds.has(kind.name)) throw new Error(`deadline kind ${kind.name} is registered twice`);
    this.kinds.set(kind.name, kind as DeadlineKind);
    return this;
  }

  get(name: string): DeadlineKind | undefined {
    return this.kinds.get(name);
  }

  all(): DeadlineKind[] {
    return [...this.kinds.values()];
  }
}
