// The stand-in `aws` CLI (tests only) answers only what the restore scripts ask, the way the real
// CLI would, and refuses anything else loudly, so a script that calls AWS wrongly fails its tests.
import { describe, expect, it } from "vitest";
import { world } from "../runbook/support.js";

const run = (state: object, line: string) => {
  const w = world(`#!/usr/bin/env bash\n${line}\n`, state);
  const r = w.run();
  return { ...r, calls: w.calls(), created: w.created() };
};

describe("the stand-in aws CLI", () => {
  it("answers describe calls from its state and records every call", () => {
    const r = run({ stores: [{ service: "dynamodb", region: "eu-west-1", name: "t" }] }, "aws dynamodb describe-table --region eu-west-1 --table-name t --query Table.TableName --output text");
    expect([r.status, r.stdout]).toEqual([0, "t\n"]);
    expect(r.calls.map((c) => c.argv.slice(0, 2))).toEqual([["dynamodb", "describe-table"]]);
    const missing = run({}, "aws dynamodb describe-table --region eu-west-1 --table-name t --query Table.TableName --output text");
    expect(missing.status).toBe(254);
    expect(missing.stderr).toContain("ResourceNotFoundException");
  });

  it("refuses calls and queries it does not know, and calls without a region", () => {
    expect(run({}, "aws ec2 terminate-instances --region eu-west-1").status).toBe(252);
    expect(run({}, "aws dynamodb describe-table --region eu-west-1 --table-name t --query Table --output text").status).toBe(252);
    expect(run({}, "aws s3api head-bucket --bucket b").status).toBe(252);
  });

  it("records what a restore job creates, under the name its metadata gives", () => {
    const r = run({}, `aws backup start-restore-job --region eu-central-1 --recovery-point-arn rp --iam-role-arn role --resource-type DynamoDB --metadata '{"targetTableName":"t2"}' --idempotency-token x --query RestoreJobId --output text`);
    expect(r.status).toBe(0);
    expect(r.created).toEqual([{ service: "dynamodb", region: "eu-central-1", name: "t2" }]);
  });
});
