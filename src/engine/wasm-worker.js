// Runs the compiled policy in a worker thread so the host can stop a runaway evaluation at its
// time limit. Plain JavaScript so the same file runs from the source tree and the package.
// Messages in: {type:"load", wasm:Uint8Array, initialPages:number, maxPages:number, readsEntrypoint:string} then {type:"eval", input:ArrayBuffer}.
// Messages out: {type:"loaded", reads:object|null} | {type:"result", json:string, ms:number} | {type:"error", message}.
import { parentPort } from "node:worker_threads";
import { describeEngineFailure, loadEngine } from "./wasm-engine.js";

let engine;
parentPort.on("message", async (msg) => {
  try {
    if (msg.type === "load") {
      engine = await loadEngine(msg.wasm, msg.initialPages, msg.maxPages, msg.readsEntrypoint);
      parentPort.postMessage({ type: "loaded", reads: engine.reads });
    } else if (msg.type === "eval") {
      parentPort.postMessage({ type: "result", ...engine.evaluate(msg.input, msg.entrypoint) });
    }
  } catch (thrown) {
    parentPort.postMessage({ type: "error", message: describeEngineFailure(thrown) });
  }
});
