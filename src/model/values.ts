// How special Pulumi property values look after reading. Rego and reporters see only these
// markers, never raw secrets or signature objects.

/** Pulumi's placeholder for a value not known until apply (computedValuePlaceholder). */
export const PULUMI_UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** The key that marks a special property value (sig.Key). */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SIG = {
  secret: "1b47061264138c4ac30d75fd1eb44270",
  asset: "c44067f5952c0a294b673a41bacd8c17",
  archive: "0def7320c3a5731c473e5ecbe6d01bc7",
  resourceReference: "5cf8f73096256a8f31e491e813e4eb8e",
  outputValue: "d0e6a833031e9bbcd3f4e8bde6ca49a4",
  byteString: "803fd3297a5875dc03ca845dda5d2a98",
  specialNumber: "8ad145fe-0d11-4827-bfd7-1abcbf086f5c",
} as const;

/** What an unknown value becomes in the normalised document. */
export const UNKNOWN = Object.freeze({ $unknown: true as const });
export type Unknown = typeof UNKNOWN;
/** What a secret value becomes, in every format, at read time. */
export const SECRET = "[secret]";

export function isUnknown(value: unknown): value is Unknown {
  return typeof value === "object" && value !== null && (value as { $unknown?: unknown }).$unknown === true;
}
