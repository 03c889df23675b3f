import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load.js";
import { ConfigError } from "../../src/errors.js";
import { defaultConfig } from "../../src/model/config.js";
import { toPolicyIntent } from "../../src/model/intent.js";
import { parseIntent } from "../../src/intent/load.js";

const config = defaultConfig();
const valid = {
  requester: "jane.doe@example.com",
  ticket: "OPS-1234",
  actions: [{ action: "delete", target: { kind: "app", id: "app-124", site: "site-9", tenant: "tenant-acme" } }],
};
const withTarget = (target: object) => ({ ...valid, actions: [{ action: "delete", target }] });

function errorOf(value: unknown): string {
  try {
    parseIntent(value, config, "intent.yaml");
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error("expected the intent to be refused");
}

describe("intent manifest", () => {
  it("accepts a typed delete of one app with its site and tenant", () => {
    expect(parseIntent(valid, config, "intent.yaml").actions[0]!.target).toEqual(valid.actions[0]!.target);
  });

  it("refuses an unknown key, naming its path and the keys allowed there, but neither the key nor its value", () => {
    const message = errorOf(withTarget({ kind: "app", id: "app-1", colour: "secret-canary" }));
    expect(message).toBe("intent.yaml: invalid intent at actions.0.target: unknown key (allowed here: kind, id, tenant, site, app)");
  });

  it("refuses an ID that has no level's format, naming the field path", () => {
    expect(errorOf(withTarget({ kind: "app", id: "app-12x" }))).toMatch(/^intent\.yaml: invalid intent at actions\.0\.target\.id: /);
  });

  it("refuses an empty action list", () => {
    expect(errorOf({ ...valid, actions: [] })).toMatch(/at actions: /);
  });

  it("needs a reason or a ticket", () => {
    const { ticket: _ticket, ...noWhy } = valid;
    expect(errorOf(noWhy)).toMatch(/at reason: give a reason or a ticket/);
  });

  it("refuses an outer-unit qualifier that is not outer", () => {
    expect(errorOf(withTarget({ kind: "site", id: "site-9", app: "app-1" }))).toMatch(/at actions\.0\.target\.app: /);
  });

  it("refuses a qualifier with the wrong format", () => {
    expect(errorOf(withTarget({ kind: "app", id: "app-1", site: "app-2" }))).toMatch(/at actions\.0\.target\.site: must match/);
  });

  it("accepts a site ID declared as an app ID, for the policies to judge against the plan", () => {
    const intent = parseIntent(withTarget({ kind: "app", id: "site-9" }), config, "i");
    expect(toPolicyIntent(intent, config.scopes).actions[0]!.id_formats).toEqual(["site"]);
  });

  it("follows configured levels and ID formats", () => {
    const numeric = parseConfig(
      {
        scopes: {
          levels: [
            { name: "customer", tagKey: "c", idPattern: "^c[0-9]+$" },
            { name: "site", tagKey: "s", idPattern: "^[0-9]+$" },
            { name: "app", tagKey: "a", idPattern: "^[0-9]+$" },
          ],
        },
      },
      "cfg",
    );
    const intent = parseIntent({ ...valid, actions: [{ action: "delete", target: { kind: "app", id: "9", customer: "c1" } }] }, numeric, "i");
    expect(toPolicyIntent(intent, numeric.scopes).actions[0]!.id_formats).toEqual(["site", "app"]);
  });

  it("refuses a config whose level name is reserved", () => {
    expect(() => parseConfig({ scopes: { levels: [{ name: "shared", tagKey: "t", idPattern: "^x$" }] } }, "cfg")).toThrow(/scopes\.levels\.0\.name/);
  });
});
