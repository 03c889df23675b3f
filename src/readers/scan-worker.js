// The scan thread: for a large input, hashes the bytes and scans them (scan.js, over the bytes:
// no decoded copy of the text) while the main thread decodes, parses and normalises them. Plain
// JavaScript so the same file runs from the source tree and the package.
// In: {id, bytes} (bytes on a SharedArrayBuffer). Out, on the port from workerData, then the id
// stored in the shared signal: {id, digest, scan} or {id, failed: true}. Bytes that are not
// UTF-8 get a meaningless scan: the main thread's strict decode refuses them first.
import { createHash } from "node:crypto";
import { parentPort, workerData } from "node:worker_threads";
import { scanBytes } from "./scan.js";

const { port, signal } = workerData;

parentPort.on("message", ({ id, bytes }) => {
  let result;
  try {
    const digest = "sha256:" + createHash("sha256").update(bytes).digest("hex");
    result = { id, digest, scan: scanBytes(bytes) };
  } catch {
    result = { id, failed: true };
  }
  port.postMessage(result);
  Atomics.store(signal, 0, id);
  Atomics.notify(signal, 0);
});
