// Start-up cut for the policy pack process. Loading @pulumi/policy loads @pulumi/pulumi, which
// loads TypeScript and npm's arborist at start-up for its closure serialisation (turning a
// function into code for a dynamic provider), something a policy pack never does: the two are
// most of the pack's start-up time, paid on every preview. Here each becomes a stand-in that
// loads the real module the first time anything is read from it, so nothing changes for code
// that does use them.
import { createRequire } from "node:module";

/** Modules @pulumi/pulumi requires at load time but a policy pack never uses. */
const DEFERRED = ["typescript", "@npmcli/arborist"];

/** A module object that loads the real module on first use. */
function lazyModule(load: () => object): object {
  // The stand-in says it is an ES module, so TypeScript's __importStar keeps it as it is
  // instead of copying (and so loading) every export.
  const real = (key: PropertyKey) => (key === "__esModule" ? true : Reflect.get(load(), key));
  return new Proxy(
    {},
    {
      get: (_, key) => real(key),
      has: (_, key) => key === "__esModule" || Reflect.has(load(), key),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_, key) => {
        const d = Reflect.getOwnPropertyDescriptor(load(), key);
        return d && { ...d, configurable: true };
      },
    },
  );
}

/** Puts the stand-ins in the module cache where @pulumi/pulumi will find them; call before loading it. */
export function deferUnusedPulumiModules(): void {
  let pulumiRequire: NodeJS.Require;
  try {
    pulumiRequire = createRequire(createRequire(import.meta.url).resolve("@pulumi/pulumi"));
  } catch {
    return; // no @pulumi/pulumi here: the pack reports that when it loads @pulumi/policy
  }
  for (const name of DEFERRED) {
    let path: string;
    try {
      path = pulumiRequire.resolve(name);
    } catch {
      continue; // not installed: @pulumi/pulumi falls back on its own
    }
    if (pulumiRequire.cache[path]) continue;
    let loaded: object | undefined;
    const load = () => {
      if (!loaded) {
        delete pulumiRequire.cache[path];
        loaded = pulumiRequire(path) as object;
      }
      return loaded;
    };
    pulumiRequire.cache[path] = { id: path, filename: path, loaded: true, exports: lazyModule(load), children: [], paths: [] } as unknown as NodeJS.Module;
  }
}
