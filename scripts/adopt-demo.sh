#!/usr/bin/env bash
# make adopt-demo: build the provider, the DSS emulator and dss-adopt, start
# the emulator, populate it through DSS's API (scripts/adopt-seed, never
# Terraform), adopt it with dss-adopt (imports.tf, then terraform plan
# -generate-config-out and the references rewrite), apply, and show that the
# next plan is empty. Nothing outside ./.adopt-demo is touched: the Terraform
# CLI configuration is a throw-away file with dev_overrides.
#
# ADOPT_PROJECTS and ADOPT_DATASETS add that many projects of that many
# datasets (e.g. 40 and 24: about 1,000 objects); LATENCY (e.g. 20ms) makes
# the emulator answer like a remote DSS.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$root/.adopt-demo
start=$(date +%s)
# shellcheck source=scripts/demo-lib.sh
. "$root/scripts/demo-lib.sh"
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

command -v terraform >/dev/null || { echo "terraform is not on PATH" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work/bin"

step "Building the provider, the DSS emulator and dss-adopt"
go build -o "$work/bin/terraform-provider-dataiku" .
go build -o "$work/bin/dss-emulator" ./cmd/dss-emulator
go build -o "$work/bin/dss-adopt" ./cmd/dss-adopt
go build -o "$work/bin/adopt-seed" ./scripts/adopt-seed

step "Starting the DSS emulator"
start_emulator --code-env-build-time 0 --latency "${LATENCY:-0s}"
echo "DSS emulator listening on $url"
use_dev_provider
export DATAIKU_HOST="$url" DATAIKU_API_KEY="$admin_key"
export TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1

step "Populating DSS through its API (not Terraform)"
"$work/bin/adopt-seed" -projects "${ADOPT_PROJECTS:-0}" -datasets "${ADOPT_DATASETS:-0}"
before=$(curl -s -u "$admin_key:" "$url/_emulator/stats" | sed -n 's/.*"requests":\([0-9]*\).*/\1/p')

step "dss-adopt --out .adopt-demo/adopted"
"$work/bin/dss-adopt" --out "$work/adopted" --generate=false
after=$(curl -s -u "$admin_key:" "$url/_emulator/stats" | sed -n 's/.*"requests":\([0-9]*\).*/\1/p')
echo "(the emulator counted $((after - before)) requests for the listing)"
rm -rf "$work/adopted"
"$work/bin/dss-adopt" --out "$work/adopted" | sed -n '/^terraform wrote/,$p'

step "Some references dss-adopt wrote into generated.tf"
grep -E '= dataiku_[a-z_]+\.[a-z0-9_]+\.' "$work/adopted/generated.tf" | sed 's/^ */  /' | sort -u | head -8

step "terraform apply: imports every object, changes nothing"
cd "$work/adopted"
terraform apply -auto-approve -input=false -no-color >"$work/apply.txt" 2>&1 || { cat "$work/apply.txt"; exit 1; }
grep -E '^Apply complete' "$work/apply.txt"

step "The next plan, which must show no changes"
set +e
terraform plan -detailed-exitcode -input=false -no-color >"$work/next-plan.txt" 2>&1
code=$?
set -e
if [ "$code" -ne 0 ]; then
	cat "$work/next-plan.txt"
	echo "FAIL: the plan after adoption is not empty (exit code $code)" >&2
	exit 1
fi
grep -m1 'No changes' "$work/next-plan.txt"

step "Checking that no secret reached .adopt-demo/adopted"
if grep -rqF "$admin_key" "$work/adopted"; then
	echo "FAIL: the API key was written to disk" >&2
	exit 1
fi
echo "no API key in the directory (connection secrets and passwords are never read back by DSS's API)"

step "Stopping the emulator"
cleanup
trap - EXIT
echo "adopt demo finished in $(($(date +%s) - start))s"
