# Sourced by scripts that drive the real Pulumi CLI offline: a throwaway PULUMI_HOME under
# $work, the pinned CLI on PATH, and the stand-in aws provider installed as the plugin version
# the program asks for (its launcher compiles it; done once here). Needs $root and $work.
# shellcheck shell=bash disable=SC2154 # $root and $work come from the sourcing script
export PULUMI_HOME="$work/home"
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE:-blastguard-offline}"
export PULUMI_SKIP_UPDATE_CHECK=1
export PATH="$root/.tools/bin:$PATH"
aws_version="$(node -p 'require("./node_modules/@pulumi/aws/package.json").version')"
mkdir -p "$PULUMI_HOME/plugins/resource-aws-v$aws_version"
ln -s "$root/test/standin-aws/bin/pulumi-resource-aws" "$PULUMI_HOME/plugins/resource-aws-v$aws_version/pulumi-resource-aws"
node_modules/.bin/tsc -p test/standin-aws/tsconfig.json
