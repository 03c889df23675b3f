// Resource options for stores of customer data. A unit being decommissioned (the first, reviewed
// half of a two-phase delete) releases its primary data so the next change can delete it; copies
// in the DR region stay `retainOnDelete`, so removing the unit leaves them in the cloud.
import type * as pulumi from "@pulumi/pulumi";

export type DataRole = "primary" | "dr-copy";

export function dataStoreOptions(role: DataRole, decommissioning: boolean): pulumi.CustomResourceOptions {
  return {
    protect: !decommissioning,
    retainOnDelete: role === "dr-copy" ? true : !decommissioning,
  };
}
