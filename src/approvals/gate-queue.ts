/**
 * @module The line calls wait in at the approval gate: places are taken when calls are made, so
 * requests are announced and decided in that order, not in the order their checks finish.
 */

/** One call's place in line. */
export interface GateTicket {
  /** Resolves when every earlier call has been announced or has left the line. */
  readonly announceTurn: Promise<void>;
  /** Resolves when every earlier call has left the line (decided, not needing approval, or failed). */
  readonly decideTurn: Promise<void>;
  /** This call's request was announced: later calls may announce theirs. */
  announced(): void;
  /** This call leaves the line. Idempotent; also counts as announced. */
  release(): void;
}

/** A line of calls. */
export interface GateQueue {
  /** Takes the next place. */
  reserve(): GateTicket;
}

/** Creates an empty line. */
export function createGateQueue(): GateQueue {
  let announceTail: Promise<void> = Promise.resolve();
  let releaseTail: Promise<void> = Promise.resolve();
  return {
    reserve() {
      const announced = Promise.withResolvers<void>();
      const released = Promise.withResolvers<void>();
      const announceTurn = announceTail;
      const decideTurn = releaseTail;
      announceTail = announceTurn.then(() => announced.promise);
      releaseTail = decideTurn.then(() => released.promise);
      return {
        announceTurn,
        decideTurn,
        announced: () => announced.resolve(),
        release: () => {
          announced.resolve();
          released.resolve();
        },
      };
    },
  };
}
