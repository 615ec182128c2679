/**
 * @module The steps of one durable run, found by name.
 *
 * DBOS numbers a workflow's steps in the order they start and finds a recorded step by that
 * number. llm-do's calls run in parallel (a model asks for two tools at once; two nested workers
 * make model requests at the same time), so that order changes between a run and its
 * resumption. Each step is therefore recorded under its stable name (the call path and step,
 * like a recording's keys: `main/1 > analyzer/2`) at a number chosen when it finishes, and a
 * resumed run finds it by name. The numbers start at {@link FIRST_STEP_NUMBER}, clear of the ones
 * DBOS hands out itself.
 */
import { InternalError } from "../errors.js";

/** The first step number llm-do uses in a workflow. */
export const FIRST_STEP_NUMBER = 1_000_000;

/** A step as the store lists it. */
export interface StoredStep {
  /** DBOS's function id: the step's number in its workflow. */
  number: number;
  name: string;
  /** The recorded output; undefined for a step recorded as failed. */
  output: unknown;
  failed: boolean;
}

/** Where steps are kept (DBOS's `operation_outputs`; see `dbos-step-store.ts`). */
export interface StepStore {
  /** Every step recorded for `workflowId`. */
  list(workflowId: string): Promise<StoredStep[]>;
  /** Records a finished step. */
  record(workflowId: string, number: number, name: string, output: unknown): Promise<void>;
}

/** The named steps of one workflow. */
export class KeyedSteps {
  readonly #outputs = new Map<string, unknown>();
  #next: number;

  private constructor(
    readonly workflowId: string,
    private readonly store: StepStore,
    steps: readonly StoredStep[],
  ) {
    let highest = FIRST_STEP_NUMBER - 1;
    for (const step of steps) {
      highest = Math.max(highest, step.number);
      // DBOS's own records (an approval's wait: `DBOS.recv`, `DBOS.sleep`) hold numbers, not steps.
      if (!step.failed && !step.name.startsWith("DBOS.")) this.#outputs.set(step.name, step.output);
    }
    this.#next = highest + 1;
  }

  /** Loads the steps `workflowId` recorded so far (none for a new workflow). */
  static async load(workflowId: string, store: StepStore): Promise<KeyedSteps> {
    return new KeyedSteps(workflowId, store, await store.list(workflowId));
  }

  /** How many finished steps were found when the workflow was loaded or recorded since. */
  get size(): number {
    return this.#outputs.size;
  }

  /** True when a step of this name has finished. */
  has(name: string): boolean {
    return this.#outputs.has(name);
  }

  /** The recorded output of a finished step (undefined when it has not finished). */
  get(name: string): unknown {
    return this.#outputs.get(name);
  }

  /**
   * Takes `count` consecutive step numbers for a record DBOS writes itself (an approval's wait),
   * and returns the first.
   */
  reserveNumbers(count: number): number {
    const first = this.#next;
    this.#next += count;
    return first;
  }

  /**
   * Records a finished step. Contract: throws an InternalError for a name already recorded
   * (names are unique within a run), and whatever the store throws when it cannot write.
   */
  async record(name: string, output: unknown): Promise<void> {
    if (this.#outputs.has(name)) {
      throw new InternalError(`durable run ${this.workflowId}: step '${name}' was already recorded`);
    }
    const number = this.#next++;
    await this.store.record(this.workflowId, number, name, output);
    this.#outputs.set(name, output);
  }
}
