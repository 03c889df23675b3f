// The blastguard policy pack: `pulumi preview --policy-pack blastguard-pack`.
// Settings: `--policy-pack-config <file>` (see the blastguard README, "the policy pack").
import("blastguard/pack").then((pack) => pack.startPolicyPack());
