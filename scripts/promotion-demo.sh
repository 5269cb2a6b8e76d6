#!/usr/bin/env bash
# make promotion-demo: build the provider and the DSS emulator, start two
# emulators (a design node and an automation node), apply
# examples/promotion, release a change with a new bundle id, check that
# each second plan is empty, destroy; then apply the promotion guide's two
# root modules, examples/promotion-platform and examples/promotion-project
# (release to development, promote to production, release again), check
# that production's deletion_protection refuses a plan that drops it,
# destroy, and stop both nodes. Nothing outside
# ./.demo-promotion is touched: the Terraform CLI configuration is a
# throw-away file with dev_overrides, never the user's own ~/.terraformrc.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$root/.demo-promotion
start=$(date +%s)
# shellcheck source=scripts/demo-lib.sh
. "$root/scripts/demo-lib.sh"
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

terraform=${TERRAFORM:-terraform}
command -v "$terraform" >/dev/null || { echo "$terraform is not on PATH (set TERRAFORM)" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work/bin" "$work/promotion"

step "Building the provider and the DSS emulator"
go build -o "$work/bin/terraform-provider-dataiku" .
go build -o "$work/bin/dss-emulator" ./cmd/dss-emulator

# node NAME ARGS...: starts one emulator; sets NAME_url, NAME_key, NAME_pid.
pids=()
stop_nodes() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; }
trap stop_nodes EXIT
node() {
	local name=$1
	shift
	local key
	key="demo-$name-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
	"$work/bin/dss-emulator" --listen 127.0.0.1:0 --admin-key "$key" "$@" >"$work/$name.out" 2>"$work/$name.log" &
	local pid=$!
	pids+=("$pid")
	for _ in $(seq 1 100); do
		grep -q '^listening on ' "$work/$name.out" 2>/dev/null && break
		kill -0 "$pid" 2>/dev/null || { cat "$work/$name.log" >&2; exit 1; }
		sleep 0.1
	done
	printf -v "${name}_url" '%s' "$(sed -n 's/^listening on //p' "$work/$name.out")"
	printf -v "${name}_key" '%s' "$key"
}

step "Starting a design node and an automation node"
node design
node automation --node-type automation
# shellcheck disable=SC2154 # set by node
echo "design node $design_url, automation node $automation_url (logs: .demo-promotion/*.log)"
use_dev_provider
export TF_IN_AUTOMATION=1
export TF_VAR_design_host="$design_url" TF_VAR_design_api_key="$design_key"
# shellcheck disable=SC2154 # set by node
export TF_VAR_automation_host="$automation_url" TF_VAR_automation_api_key="$automation_key"
cp -R "$root/examples/promotion/." "$work/promotion/"
rm -rf "$work/promotion/.terraform" "$work/promotion/terraform.tfstate"*
cd "$work/promotion"

quiet() { grep -v 'Provider development overrides are in effect' || true; }
second_plan() {
	set +e
	"$terraform" plan -detailed-exitcode -input=false -no-color "$@" >"$work/second-plan.txt" 2>&1
	local code=$?
	set -e
	if [ "$code" -ne 0 ]; then
		cat "$work/second-plan.txt"
		echo "FAIL: the second plan is not empty (exit code $code)" >&2
		exit 1
	fi
	grep -m1 'No changes' "$work/second-plan.txt"
}

step "Release v1: the design project, its bundle, the infrastructure and the deployment"
"$terraform" apply -auto-approve -input=false -no-color -var release=v1 | quiet
test "${PIPESTATUS[0]}" -eq 0
"$terraform" output -no-color deployed
second_plan -var release=v1

step "Release v2: a new dataset on the design side, a new bundle, the deployment moved in place"
"$terraform" apply -auto-approve -input=false -no-color -var release=v2 -var with_returns=true | quiet
test "${PIPESTATUS[0]}" -eq 0
"$terraform" output -no-color deployed
second_plan -var release=v2 -var with_returns=true

step "Destroy"
"$terraform" destroy -auto-approve -input=false -no-color -var release=v2 -var with_returns=true | tail -1

# The guide's two root modules: the platform team's infrastructures (a
# development and a production one, both on the demo's automation node)
# and a project team's bundles and deployments, which read them.
mkdir -p "$work/promotion-platform" "$work/promotion-project"
cp -R "$root/examples/promotion-platform/." "$work/promotion-platform/"
cp -R "$root/examples/promotion-project/." "$work/promotion-project/"
rm -rf "$work"/promotion-p*/.terraform "$work"/promotion-p*/terraform.tfstate*
platform_vars=(-var "design_host=$design_url" -var "design_api_key=$design_key"
	-var "dev_automation_url=$automation_url" -var "dev_automation_api_key=$automation_key"
	-var "prod_automation_url=$automation_url" -var "prod_automation_api_key=$automation_key")
project_vars=(-var "design_host=$design_url" -var "design_api_key=$design_key")

step "Platform team: the development and production infrastructures"
cd "$work/promotion-platform"
"$terraform" apply -auto-approve -input=false -no-color "${platform_vars[@]}" | quiet
test "${PIPESTATUS[0]}" -eq 0
second_plan "${platform_vars[@]}"

step "Project team: release v1 to development"
cd "$work/promotion-project"
"$terraform" apply -auto-approve -input=false -no-color "${project_vars[@]}" -var release=v1 | quiet
test "${PIPESTATUS[0]}" -eq 0
"$terraform" output -no-color deployed
second_plan "${project_vars[@]}" -var release=v1

step "Project team: promote v1 to production"
"$terraform" apply -auto-approve -input=false -no-color "${project_vars[@]}" -var release=v1 -var prod_release=v1 | quiet
test "${PIPESTATUS[0]}" -eq 0
"$terraform" output -no-color deployed
second_plan "${project_vars[@]}" -var release=v1 -var prod_release=v1

step "Project team: release v2 to development, production stays on v1"
"$terraform" apply -auto-approve -input=false -no-color "${project_vars[@]}" -var release=v2 -var prod_release=v1 | quiet
test "${PIPESTATUS[0]}" -eq 0
"$terraform" output -no-color deployed
second_plan "${project_vars[@]}" -var release=v2 -var prod_release=v1

step "deletion_protection: a plan that drops the production deployment is refused"
if "$terraform" plan -input=false -no-color "${project_vars[@]}" -var release=v2 >"$work/refused-plan.txt" 2>&1; then
	cat "$work/refused-plan.txt"
	echo "FAIL: the plan deleting the protected production deployment was not refused" >&2
	exit 1
fi
grep -m1 'deletion_protection' "$work/refused-plan.txt"

step "Destroy: deletion_protection off first, then the project team's and the platform team's"
sed -i.bak 's/deletion_protection = true/deletion_protection = false/' main.tf
"$terraform" apply -auto-approve -input=false -no-color "${project_vars[@]}" -var release=v2 -var prod_release=v1 | grep "complete!"
"$terraform" destroy -auto-approve -input=false -no-color "${project_vars[@]}" -var release=v2 -var prod_release=v1 | grep "complete!"
cd "$work/promotion-platform"
"$terraform" destroy -auto-approve -input=false -no-color "${platform_vars[@]}" | tail -1

step "Stopping both nodes"
stop_nodes
trap - EXIT
echo "promotion demo finished in $(($(date +%s) - start))s"
