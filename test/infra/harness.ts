// Runs the infra program under Pulumi's mocks and returns every resource it registers, as the
// engine would receive it (type, parent, provider, protect, retainOnDelete, inputs) plus the
// AWS-shaped outputs the stand-in provider would give (ids, ARNs, region).
import * as pulumi from "@pulumi/pulumi";
import type { TenantsFile } from "../../infra/model.js";
import { defineInfra, type InfraOptions } from "../../infra/program.js";
import { outputsFor } from "../standin-aws/src/lifecycle.js";
import type { Props } from "../standin-aws/src/values.js";

export const PROJECT = "blastguard-infra";
export const STACK = "test";

export interface RegisteredResource {
  urn: string;
  type: string;
  name: string;
  custom: boolean;
  /** Parent URN; "" for the stack itself. */
  parent: string;
  /** Provider reference `<provider urn>::<id>`; "" for components. */
  provider: string;
  protect: boolean;
  retainOnDelete: boolean;
  id: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
}

/** Provider resource id -> the region it was configured with. */
type ProviderRegions = Map<string, string>;

function mocksFor(providerRegions: ProviderRegions): pulumi.runtime.Mocks {
  return {
    newResource(args) {
      if (args.type === "pulumi:providers:aws") {
        const id = `${args.name}-id`;
        providerRegions.set(id, String(args.inputs["region"]));
        return { id, state: args.inputs };
      }
      if (!args.custom) return { id: undefined, state: {} };
      const region = providerRegions.get((args.provider ?? "").split("::").pop() ?? "") ?? "us-east-1";
      const place = { region, urn: `${args.type}::${args.name}`, name: args.name };
      const { id, outputs } = outputsFor(args.type, place, { region, defaultTags: {} }, args.inputs as Props, false);
      return { id, state: outputs };
    },
    call: () => ({}),
  };
}

const ROOT_TYPE = "pulumi:pulumi:Stack";

/**
 * The URN the engine gives a resource: its type qualified by all its ancestors' types except the
 * stack's. (The mock monitor prefixes only the parent's own type.)
 */
function engineUrn(parentUrn: string, type: string, name: string): string {
  const parentType = parentUrn ? (parentUrn.split("::")[2] ?? "") : "";
  const qualified = parentType && parentType !== ROOT_TYPE ? `${parentType}$${type}` : type;
  return `urn:pulumi:${STACK}::${PROJECT}::${qualified}::${name}`;
}

type Callback = (err: unknown, response?: { getUrn(): string; getId(): string; getObject(): unknown }) => void;

/** Builds the program from `model` under mocks and resolves once every registration is done. */
export async function registerInfra(model: TenantsFile, options: InfraOptions = {}): Promise<RegisteredResource[]> {
  const providerRegions = new Map<string, string>();
  await pulumi.runtime.setMocks(mocksFor(providerRegions), PROJECT, STACK, false);
  const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource(req: any, cb: Callback): void };
  const original = monitor.registerResource.bind(monitor);
  const registered: RegisteredResource[] = [];
  const urns = new Map<string, string>(); // mock URN -> engine URN
  const translateRef = (ref: string) => {
    const cut = ref.lastIndexOf("::");
    return cut < 0 ? ref : `${urns.get(ref.slice(0, cut)) ?? ref.slice(0, cut)}${ref.slice(cut)}`;
  };
  const pending = new Set<Promise<void>>();
  monitor.registerResource = (req, callback) => {
    const done = new Promise<void>((resolve) => {
      original(req, (err, response) => {
        if (!err && response) {
          const parent = urns.get(req.getParent()) ?? req.getParent();
          const urn = engineUrn(parent, req.getType(), req.getName());
          urns.set(response.getUrn(), urn);
          registered.push({
            urn,
            type: req.getType(),
            name: req.getName(),
            custom: req.getCustom(),
            parent,
            provider: req.getProvider() ? translateRef(req.getProvider()) : "",
            protect: req.getProtect() === true,
            retainOnDelete: req.getRetainondelete() === true,
            id: response.getId(),
            inputs: pulumi.runtime.deserializeProperties(req.getObject()),
            outputs: pulumi.runtime.deserializeProperties(response.getObject() as never),
          });
        }
        resolve();
        callback(err, response);
      });
    });
    pending.add(done);
    void done.finally(() => pending.delete(done));
  };

  await pulumi.runtime.runInPulumiStack(async () => {
    defineInfra(model, options);
    return {};
  });
  // Registrations chain on each other's outputs: wait until no new one starts.
  for (let seen = -1; seen !== registered.length || pending.size > 0; ) {
    seen = registered.length;
    await Promise.all([...pending]);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return registered;
}

/**
 * The registered resources as a `pulumi stack export` document (deployment version 3), so the
 * readers that take real state files can take the mock run too. Registration order puts every
 * parent and provider before the resources that use it, as the engine does.
 */
export function toStackExport(resources: RegisteredResource[]): { version: 3; deployment: Record<string, unknown> } {
  return {
    version: 3,
    deployment: {
      manifest: { time: "1970-01-01T00:00:00Z", magic: "mock", version: "mock" },
      resources: resources.map((r) => ({
        urn: r.urn,
        custom: r.custom,
        ...(r.custom ? { id: r.id } : {}),
        type: r.type,
        inputs: r.inputs,
        outputs: r.outputs,
        ...(r.parent ? { parent: r.parent } : {}),
        ...(r.protect ? { protect: true } : {}),
        ...(r.retainOnDelete ? { retainOnDelete: true } : {}),
        ...(r.provider ? { provider: r.provider } : {}),
      })),
    },
  };
}
