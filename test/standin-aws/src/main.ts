// Entry point of the stand-in `aws` resource provider (tests only): the engine starts it with its
// own address as an argument and reads the port this process listens on from the first line of
// stdout.
import * as grpc from "@grpc/grpc-js";
import { createService, serviceDefinition } from "./server.js";

const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
server.addService(serviceDefinition(), createService());
server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => {
  if (err) {
    console.error(`stand-in aws provider: cannot listen: ${err.message}`);
    process.exit(1);
  }
  process.stdout.write(`${port}\n`);
});
