#!/usr/bin/env bash
# make demo: build the provider and the DSS emulator, start the emulator,
# apply examples/quickstart with the real terraform, show the outputs, show
# that a second plan is empty, then stop the emulator. Nothing outside
# ./.demo is touched: the Terraform CLI configuration is a throw-away file
# with dev_overrides, never the user's own ~/.terraformrc.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$root/.demo
start=$(date +%s)
# shellcheck source=scripts/demo-lib.sh
. "$root/scripts/demo-lib.sh"
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

command -v terraform >/dev/null || { echo "terraform is not on PATH" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work/bin" "$work/quickstart"

step "Building the provider and the DSS emulator"
go build -o "$work/bin/terraform-provider-dataiku" .
go build -o "$work/bin/dss-emulator" ./cmd/dss-emulator

step "Starting the DSS emulator"
start_emulator --connection pg_warehouse:PostgreSQL:managed --state "$work/emulator-state.json"
echo "DSS emulator listening on $url (log: .demo/emulator.log)"
use_dev_provider
export DATAIKU_HOST="$url" DATAIKU_API_KEY="$admin_key"
export TF_IN_AUTOMATION=1
cp -R "$root/examples/quickstart/." "$work/quickstart/"
rm -rf "$work/quickstart/.terraform" "$work/quickstart/terraform.tfstate"*
cd "$work/quickstart"

step "terraform apply of examples/quickstart"
terraform apply -auto-approve -input=false -no-color | grep -v 'Provider development overrides are in effect' || true
test "${PIPESTATUS[0]}" -eq 0

step "Outputs"
terraform output -no-color

step "What was created in DSS"
terraform state list -no-color | sed 's/^/  /'

step "A second plan, which must show no changes"
set +e
terraform plan -detailed-exitcode -input=false -no-color >"$work/second-plan.txt" 2>&1
code=$?
set -e
if [ "$code" -ne 0 ]; then
	cat "$work/second-plan.txt"
	echo "FAIL: the second plan is not empty (exit code $code)" >&2
	exit 1
fi
grep -m1 'No changes' "$work/second-plan.txt"

step "Stopping the emulator"
cleanup
trap - EXIT
echo "demo finished in $(($(date +%s) - start))s"
cat <<'NEXT'

Next:
  - your own configuration: README.md, "Use it with your own configuration"
    (make build install, then a provider block or the DATAIKU_* variables);
  - make adopt-demo: dss-adopt writes a configuration for an existing instance;
  - make promotion-demo: a project promoted from a design node to an automation node.
NEXT
