/**
 * @module What the results were measured on: date, Node, CPU, memory and load.
 */
import os from "node:os";

/** A description of this machine now. */
export function describeMachine() {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    cpu: `${cpus[0]?.model.trim() ?? "unknown"} x ${cpus.length}`,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    loadAverage: os.loadavg().map((value) => Number(value.toFixed(2))),
  };
}
