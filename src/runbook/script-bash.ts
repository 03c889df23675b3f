// The bash a restore script is made of (src/runbook/script.ts puts it together): the options
// and checks every script starts with, one function per kind of copy and the helpers they call,
// and the summary at the end. Kept as bash text, so it reads (and lints) as the script it becomes.

/**
 * Bash text written as is: `$\{` stands for bash's `${` and \` for a backtick, the only two
 * sequences a raw template cannot hold.
 */
function bash(text: TemplateStringsArray): string {
  return text.raw.join("").replaceAll("$\\{", "${").replaceAll("\\`", "`");
}

/** What every script starts with: its options, their checks, and where it keeps each store's status. */
export const HEAD = bash`set -uo pipefail
# wait -n and empty arrays under set -u need bash 4.4 (macOS ships 3.2: use a newer bash).
if [ "$\{BASH_VERSINFO[0]}" -lt 4 ] || { [ "$\{BASH_VERSINFO[0]}" -eq 4 ] && [ "$\{BASH_VERSINFO[1]}" -lt 4 ]; }; then
  echo "restore: needs bash 4.4 or later" >&2
  exit 2
fi

usage() {
  cat <<'USAGE'
Usage: restore.sh [--execute] [--concurrency N] [--role-arn ARN]

Restores the customer-data stores this runbook lists, from their surviving copies, with the aws
CLI on PATH and its usual credentials. Without --execute it is a dry run: it only describes and
lists (which stores exist, which recovery point would be used) and changes nothing.
  --execute         start the restores
  --concurrency N   stores handled at once (default: __CONCURRENCY__)
  --role-arn ARN    IAM role for AWS Backup restore jobs (default: the covering selection's role)
A store whose restore target already exists is skipped. Exit 1 when a store failed.
USAGE
}

EXECUTE=0
CONCURRENCY=__CONCURRENCY__
ROLE_ARN=""
while [ "$#" -gt 0 ]; do
  case "$1" in
    --execute) EXECUTE=1 ;;
    --concurrency) CONCURRENCY="$\{2:-}"; shift ;;
    --role-arn) ROLE_ARN="$\{2:-}"; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "restore: unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
if ! [[ "$CONCURRENCY" =~ ^[1-9][0-9]*$ ]]; then
  echo "restore: --concurrency needs a positive number" >&2
  exit 2
fi
if [ -n "$ROLE_ARN" ] && ! [[ "$ROLE_ARN" =~ ^arn:aws[a-z-]*:iam::[0-9]{12}:role/ ]]; then
  echo "restore: --role-arn needs an IAM role ARN (arn:aws:iam::<account>:role/<name>)" >&2
  exit 2
fi
if ! command -v aws >/dev/null 2>&1; then
  echo "restore: the aws CLI is not on PATH" >&2
  exit 2
fi

RESULTS="$(mktemp -d)"
trap 'rm -rf "$RESULTS"' EXIT
`;

/** The script's functions, one block each (a comment, then the function); only those used are written. */
const FUNCTIONS = bash`# log N LABEL STATUS DETAIL: the store's one line, and its status for the summary.
log() {
  printf '%s: %s: %s\n' "$2" "$3" "$4"
  printf '%s\n' "$3" >"$RESULTS/$1.status"
}

# The last error line the aws CLI printed for store N.
last_error() {
  local line=""
  if [ -s "$RESULTS/$1.err" ]; then line="$(tail -n 1 "$RESULTS/$1.err")"; fi
  printf '%s' "$\{line:-no error output}"
}

# first_value N ARGS...: runs an aws query that prints one value; fails when it prints none.
first_value() {
  local n="$1" out
  shift
  out="$(aws "$@" --output text 2>>"$RESULTS/$n.err")" || return 1
  out="$\{out%%[[:space:]]*}"
  if [ -z "$out" ] || [ "$out" = "None" ]; then return 1; fi
  printf '%s' "$out"
}

# exists N SERVICE REGION NAME: whether the store NAME exists in REGION.
exists() {
  local n="$1" service="$2" region="$3" name="$4"
  case "$service" in
    s3) aws s3api head-bucket --region "$region" --bucket "$name" >/dev/null 2>>"$RESULTS/$n.err" ;;
    dynamodb) first_value "$n" dynamodb describe-table --region "$region" --table-name "$name" --query 'Table.TableName' >/dev/null ;;
    rds-instance) first_value "$n" rds describe-db-instances --region "$region" --db-instance-identifier "$name" --query 'DBInstances[0].DBInstanceIdentifier' >/dev/null ;;
    rds-cluster) first_value "$n" rds describe-db-clusters --region "$region" --db-cluster-identifier "$name" --query 'DBClusters[0].DBClusterIdentifier' >/dev/null ;;
    efs) first_value "$n" efs describe-file-systems --region "$region" --creation-token "$name" --query 'FileSystems[0].FileSystemId' >/dev/null ;;
    *) return 1 ;;
  esac
}

# from_backup N LABEL SERVICE REGION VAULT RESOURCE_ARN TARGET ROLE TYPE METADATA TOKEN
from_backup() {
  local n="$1" label="$2" service="$3" region="$4" vault="$5" resource="$6" target="$7" role="$8" type="$9" metadata="$\{10}" token="$\{11}" point job
  if exists "$n" "$service" "$region" "$target"; then
    log "$n" "$label" skipped "$target already exists in $region"
    return 0
  fi
  # shellcheck disable=SC2016 # backticks are a JMESPath literal, not an expansion
  if ! point="$(first_value "$n" backup list-recovery-points-by-backup-vault --region "$region" --backup-vault-name "$vault" --by-resource-arn "$resource" \
    --query 'reverse(sort_by(RecoveryPoints[?Status==\`COMPLETED\`], &CreationDate))[0].RecoveryPointArn')"; then
    log "$n" "$label" failed "no completed recovery point of $resource in vault $vault ($region): $(last_error "$n")"
    return 1
  fi
  role="$\{ROLE_ARN:-$role}"
  if [ "$EXECUTE" -eq 0 ]; then
    local note=" with role $role"
    if [ -z "$role" ]; then note=" (no IAM role: pass --role-arn)"; fi
    log "$n" "$label" would-restore "$target in $region from recovery point $point$note"
    return 0
  fi
  if [ -z "$role" ]; then
    log "$n" "$label" failed "no IAM role for the restore job: pass --role-arn"
    return 1
  fi
  if ! job="$(first_value "$n" backup start-restore-job --region "$region" --recovery-point-arn "$point" --iam-role-arn "$role" \
    --resource-type "$type" --metadata "$metadata" --idempotency-token "$token" --query 'RestoreJobId')"; then
    log "$n" "$label" failed "start-restore-job: $(last_error "$n")"
    return 1
  fi
  log "$n" "$label" restoring "$target in $region from recovery point $point (restore job $job)"
}

# from_s3_replica N LABEL REGION TARGET REPLICA_REGION REPLICA
from_s3_replica() {
  local n="$1" label="$2" region="$3" target="$4" replica_region="$5" replica="$6"
  if exists "$n" s3 "$region" "$target"; then
    log "$n" "$label" skipped "$target already exists in $region"
    return 0
  fi
  if ! aws s3api head-bucket --region "$replica_region" --bucket "$replica" >/dev/null 2>>"$RESULTS/$n.err"; then
    log "$n" "$label" failed "replica bucket $replica ($replica_region) not found: $(last_error "$n")"
    return 1
  fi
  if [ "$EXECUTE" -eq 0 ]; then
    log "$n" "$label" would-copy "replica bucket $replica ($replica_region) into new bucket $target in $region"
    return 0
  fi
  local location=()
  if [ "$region" != "us-east-1" ]; then location=(--create-bucket-configuration "LocationConstraint=$region"); fi
  if ! aws s3api create-bucket --region "$region" --bucket "$target" "$\{location[@]}" >/dev/null 2>>"$RESULTS/$n.err"; then
    log "$n" "$label" failed "create-bucket $target: $(last_error "$n")"
    return 1
  fi
  if ! aws s3 sync "s3://$replica" "s3://$target" --source-region "$replica_region" --region "$region" --only-show-errors >/dev/null 2>>"$RESULTS/$n.err"; then
    log "$n" "$label" failed "copy from $replica into $target: $(last_error "$n")"
    return 1
  fi
  log "$n" "$label" copied "replica bucket $replica ($replica_region) into new bucket $target in $region"
}

# live_replica N LABEL SERVICE REGION NAME REPLICA_REGION REPLICA: the data is live elsewhere.
live_replica() {
  local n="$1" label="$2" service="$3" region="$4" name="$5" replica_region="$6" replica="$7" found
  if [ -n "$region" ] && exists "$n" "$service" "$region" "$name"; then
    log "$n" "$label" skipped "$name already exists in $region"
    return 0
  fi
  case "$service" in
    dynamodb) found="$(first_value "$n" dynamodb describe-table --region "$replica_region" --table-name "$replica" --query 'Table.TableStatus')" ;;
    efs) found="$(first_value "$n" efs describe-file-systems --region "$replica_region" --file-system-id "$replica" --query 'FileSystems[0].LifeCycleState')" ;;
    *) found="$(first_value "$n" rds describe-db-instances --region "$replica_region" --db-instance-identifier "$replica" --query 'DBInstances[0].DBInstanceStatus')" ;;
  esac || {
    log "$n" "$label" failed "replica $replica not found in $replica_region: $(last_error "$n")"
    return 1
  }
  log "$n" "$label" live "the data is live as $replica in $replica_region ($found): point the app at it"
}

# from_rds_backups N LABEL REGION TARGET SOURCE_ARN
from_rds_backups() {
  local n="$1" label="$2" region="$3" target="$4" source="$5" backups
  if exists "$n" rds-instance "$region" "$target"; then
    log "$n" "$label" skipped "$target already exists in $region"
    return 0
  fi
  if ! backups="$(first_value "$n" rds describe-db-instance-automated-backups --region "$region" --db-instance-identifier "$\{source##*:}" \
    --query 'DBInstanceAutomatedBackups[0].DBInstanceAutomatedBackupsArn')"; then
    log "$n" "$label" failed "no replicated automated backups of $source in $region: $(last_error "$n")"
    return 1
  fi
  if [ "$EXECUTE" -eq 0 ]; then
    log "$n" "$label" would-restore "$target in $region to the latest restorable time from $backups"
    return 0
  fi
  if ! aws rds restore-db-instance-to-point-in-time --region "$region" --source-db-instance-automated-backups-arn "$backups" \
    --target-db-instance-identifier "$target" --use-latest-restorable-time >/dev/null 2>>"$RESULTS/$n.err"; then
    log "$n" "$label" failed "restore-db-instance-to-point-in-time: $(last_error "$n")"
    return 1
  fi
  log "$n" "$label" restoring "$target in $region to the latest restorable time from $backups"
}

# from_final_snapshot N LABEL SERVICE REGION TARGET SNAPSHOT ENGINE
from_final_snapshot() {
  local n="$1" label="$2" service="$3" region="$4" target="$5" snapshot="$6" engine="$7"
  if exists "$n" "$service" "$region" "$target"; then
    log "$n" "$label" skipped "$target already exists in $region"
    return 0
  fi
  local found
  if [ "$service" = rds-cluster ]; then
    found="$(first_value "$n" rds describe-db-cluster-snapshots --region "$region" --db-cluster-snapshot-identifier "$snapshot" --query 'DBClusterSnapshots[0].Status')"
  else
    found="$(first_value "$n" rds describe-db-snapshots --region "$region" --db-snapshot-identifier "$snapshot" --query 'DBSnapshots[0].Status')"
  fi || {
    log "$n" "$label" failed "final snapshot $snapshot not found in $region: $(last_error "$n")"
    return 1
  }
  if [ "$EXECUTE" -eq 0 ]; then
    log "$n" "$label" would-restore "$target in $region from final snapshot $snapshot ($found)"
    return 0
  fi
  if [ "$service" = rds-cluster ]; then
    aws rds restore-db-cluster-from-snapshot --region "$region" --db-cluster-identifier "$target" --snapshot-identifier "$snapshot" --engine "$engine" >/dev/null 2>>"$RESULTS/$n.err"
  else
    aws rds restore-db-instance-from-db-snapshot --region "$region" --db-instance-identifier "$target" --db-snapshot-identifier "$snapshot" >/dev/null 2>>"$RESULTS/$n.err"
  fi || {
    log "$n" "$label" failed "restore from final snapshot $snapshot: $(last_error "$n")"
    return 1
  }
  log "$n" "$label" restoring "$target in $region from final snapshot $snapshot"
}

# no_copy N LABEL: listed so the batch shows it; nothing can bring it back.
no_copy() {
  log "$1" "$2" not-restorable "no copy of its data survives the change"
}

# throttle: waits until fewer than CONCURRENCY stores are being handled, and counts the next one.
RUNNING=0
throttle() {
  if [ "$RUNNING" -ge "$CONCURRENCY" ]; then
    wait -n || true
    RUNNING=$((RUNNING - 1))
  fi
  RUNNING=$((RUNNING + 1))
}`;

const blocks = new Map(
  FUNCTIONS.split("\n\n").map((block) => [/^(\w+)\(\) \{$/m.exec(block)![1]!, block] as const),
);

/** What each restore function calls. */
const CALLS: Record<string, readonly string[]> = {
  from_backup: ["log", "last_error", "first_value", "exists"],
  from_s3_replica: ["log", "last_error", "first_value", "exists"],
  live_replica: ["log", "last_error", "first_value", "exists"],
  from_rds_backups: ["log", "last_error", "first_value", "exists"],
  from_final_snapshot: ["log", "last_error", "first_value", "exists"],
  no_copy: ["log"],
};

/** The function blocks the script needs, in their order above (shellcheck flags unused ones). */
export function functionsFor(used: ReadonlySet<string>): string {
  const names = new Set<string>();
  for (const f of used) for (const n of [f, ...(CALLS[f] ?? [])]) names.add(n);
  if (used.size > 0) names.add("throttle");
  return [...blocks].filter(([name]) => names.has(name)).map(([, block]) => block).join("\n\n");
}

export const POSTLUDE = bash`wait

failed=0
summary=""
for status in skipped would-restore would-copy restoring copied live failed not-restorable; do
  count="$(cat "$RESULTS"/*.status 2>/dev/null | grep -cx -- "$status")"
  if [ "$count" -gt 0 ]; then summary="$summary, $count $status"; fi
  if [ "$status" = failed ]; then failed="$count"; fi
done
mode="dry run"
if [ "$EXECUTE" -eq 1 ]; then mode="execute"; fi
echo "restore ($mode): __STORES__ stores$\{summary}"
if [ "$failed" -gt 0 ]; then exit 1; fi
exit 0
`;
