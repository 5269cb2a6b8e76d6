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
# the emulator answer like a remote DSS; ADOPT_LAYOUT=per-project writes one
# root module per project (dss-adopt --layout). With /usr/bin/time present,
# the wall time and peak memory of dss-adopt and of each module's first
# terraform apply and plan are printed.
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

layout=${ADOPT_LAYOUT:-single}
# measured runs a command and, when GNU time is there, appends its wall time
# and peak memory (the largest of the command and its children) to
# measured.txt, printed at the end.
measured() {
	local what=$1
	shift
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -a -o "$work/measured.txt" -f "$what: %e s wall, %M KB peak RSS" "$@"
	else
		"$@"
	fi
}

step "dss-adopt --out .adopt-demo/adopted --layout $layout"
"$work/bin/dss-adopt" --out "$work/adopted" --generate=false
after=$(curl -s -u "$admin_key:" "$url/_emulator/stats" | sed -n 's/.*"requests":\([0-9]*\).*/\1/p')
echo "(the emulator counted $((after - before)) requests for the listing)"
rm -rf "$work/adopted"
measured "dss-adopt (listing, terraform plan -generate-config-out, rewrite)" \
	"$work/bin/dss-adopt" --out "$work/adopted" --layout "$layout" >"$work/adopt.txt"
# (A display: head may close the pipe early, which pipefail must not take
# for a failure.)
sed -n '/^terraform wrote/,$p' "$work/adopt.txt" | grep -v '^$' | head -40 || true

modules=("$work/adopted")
if [ "$layout" = per-project ]; then
	modules=("$work/adopted/instance" "$work/adopted/projects"/*)
fi

step "Some references dss-adopt wrote into generated.tf"
cat "${modules[@]/%//generated.tf}" | grep -E '= dataiku_[a-z_]+\.[a-z0-9_]+\.' | sed 's/^ */  /' | sort -u | head -8 || true

step "terraform apply: imports every object, changes nothing (${#modules[@]} root modules)"
for dir in "${modules[@]}"; do
	(cd "$dir" && measured "terraform apply in ${dir#"$work"/}" terraform apply -auto-approve -input=false -no-color >"$dir/apply.txt" 2>&1) || { cat "$dir/apply.txt"; exit 1; }
	grep -E '^Apply complete' "$dir/apply.txt" | sed "s|^|${dir#"$work"/}: |"
done | tail -n 12

step "The next plan, which must show no changes"
for dir in "${modules[@]}"; do
	set +e
	(cd "$dir" && measured "terraform plan in ${dir#"$work"/}" terraform plan -detailed-exitcode -input=false -no-color >"$dir/next-plan.txt" 2>&1)
	code=$?
	set -e
	if [ "$code" -ne 0 ]; then
		cat "$dir/next-plan.txt"
		echo "FAIL: the plan after adoption in ${dir#"$work"/} is not empty (exit code $code)" >&2
		exit 1
	fi
	grep -m1 'No changes' "$dir/next-plan.txt" | sed "s|^|${dir#"$work"/}: |"
done | tail -n 12

step "Checking that no secret reached .adopt-demo/adopted"
if grep -rqF "$admin_key" "$work/adopted"; then
	echo "FAIL: the API key was written to disk" >&2
	exit 1
fi
echo "no API key in the directory (connection secrets and passwords are never read back by DSS's API)"

if [ -s "$work/measured.txt" ]; then
	step "Measured (wall time, peak memory)"
	if [ "${#modules[@]}" -gt 6 ]; then
		grep -v ' in adopted/projects/' "$work/measured.txt"
		for phase in apply plan; do
			grep " $phase in adopted/projects/" "$work/measured.txt" | awk -v phase="$phase" '
				{ for (i = 1; i <= NF; i++) { if ($(i+1) == "s") t = $i; if ($(i+1) == "KB") m = $i }
				  n++; sum += t; if (t > maxt) maxt = t; if (m > maxm) maxm = m }
				END { if (n) printf "terraform %s in each of %d project modules: %.1f s in total, %.1f s at most, %d KB peak RSS at most\n", phase, n, sum, maxt, maxm }'
		done
	else
		cat "$work/measured.txt"
	fi
fi

step "Stopping the emulator"
cleanup
trap - EXIT
echo "adopt demo finished in $(($(date +%s) - start))s"
