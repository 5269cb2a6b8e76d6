# Shared by scripts/demo.sh and scripts/adopt-demo.sh (sourced, not run).
# Both expect $work (the demo's directory, with the binaries in $work/bin).

# start_emulator ARGS...: starts $work/bin/dss-emulator on a free port with
# a fresh random admin key and ARGS, stops it on exit, and sets admin_key,
# emulator_pid and url.
start_emulator() {
	admin_key="demo-admin-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
	"$work/bin/dss-emulator" --listen 127.0.0.1:0 --admin-key "$admin_key" "$@" \
		>"$work/emulator.out" 2>"$work/emulator.log" &
	emulator_pid=$!
	trap cleanup EXIT
	for _ in $(seq 1 100); do
		grep -q '^listening on ' "$work/emulator.out" 2>/dev/null && break
		kill -0 "$emulator_pid" 2>/dev/null || { cat "$work/emulator.log" >&2; exit 1; }
		sleep 0.1
	done
	url=$(sed -n 's/^listening on //p' "$work/emulator.out")
	[ -n "$url" ] || { echo "the emulator did not start" >&2; cat "$work/emulator.log" >&2; exit 1; }
}

cleanup() {
	kill "$emulator_pid" 2>/dev/null || true
	wait "$emulator_pid" 2>/dev/null || true
}

# use_dev_provider: a throw-away Terraform CLI configuration whose
# dev_overrides point at $work/bin, never the user's own ~/.terraformrc.
use_dev_provider() {
	cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "tf-dataiku/dataiku" = "$work/bin"
  }
  direct {}
}
RC
	export TF_CLI_CONFIG_FILE="$work/terraformrc"
}
