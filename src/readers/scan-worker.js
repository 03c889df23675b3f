// The scan thread: for a large input, hashes the bytes and runs the text scans (scan.js) while
// the main thread decodes, parses and normalises the same bytes. Plain JavaScript so the same
// file runs from the source tree and the package.
// In: {id, bytes} (bytes on a SharedArrayBuffer). Out, on the port from workerData, then the id
// stored in the shared signal: {id, digest, scan} (scan null when the bytes are not UTF-8: the
// main thread refuses them itself) or {id, failed: true}.
import { createHash } from "node:crypto";
import { parentPort, workerData } from "node:worker_threads";
import { scanText } from "./scan.js";

const { port, signal } = workerData;
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function decode(bytes) {
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

parentPort.on("message", ({ id, bytes }) => {
  let result;
  try {
    const digest = "sha256:" + createHash("sha256").update(bytes).digest("hex");
    const text = decode(bytes);
    result = { id, digest, scan: text === null ? null : scanText(text) };
  } catch {
    result = { id, failed: true };
  }
  port.postMessage(result);
  Atomics.store(signal, 0, id);
  Atomics.notify(signal, 0);
});
