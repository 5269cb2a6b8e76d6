#!/usr/bin/env bash
# make docs: regenerate docs/ from templates/, examples/ and the provider's
# schema with tfplugindocs, offline.
#
# Usage: scripts/docs.sh [PROVIDER_DIR]   (default: the repository root)
#
# DOCS_OUT, a directory relative to PROVIDER_DIR, renders the pages there
# instead of into docs/ and formats nothing: TestDocsUpToDate compares
# them with docs/ without copying the tree (a build in a copy compiles
# every package of the provider again, as the build cache keys on the
# source directory; in place, the test run's own build serves).
#
# tfplugindocs gets the schema by building the provider and running
# `terraform providers schema -json` in a temporary directory where the
# provider is installed with -plugin-dir, so nothing is fetched from a
# registry. Without --tf-version it uses the terraform on PATH; it would
# download the latest Terraform only when none is on PATH, which this script
# refuses. TFPLUGINDOCS may name a prebuilt tfplugindocs binary.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$(cd "${1:-$root}" && pwd)

command -v terraform >/dev/null || { echo "docs: terraform must be on PATH (tfplugindocs would otherwise download one)" >&2; exit 1; }

# The action pages need the schema of a Terraform that knows actions
# (>= 1.14): an older one's `providers schema -json` has no
# action_schemas, and the pages would silently disappear. Then the pinned
# Terraform (scripts/terraform-pinned.sh, cached after its first build)
# serves, so the docs are the same whatever terraform is on PATH.
tf_version=$(terraform version -json 2>/dev/null | sed -n 's/.*"terraform_version": *"\([0-9]*\)\.\([0-9]*\)\..*/\1 \2/p')
read -r tf_major tf_minor <<<"${tf_version:-0 0}"
if (( tf_major < 1 || (tf_major == 1 && tf_minor < 14) )); then
	pinned=$("$root/scripts/terraform-pinned.sh" --quiet)
	PATH="$(dirname "$pinned"):$PATH"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A throw-away CLI configuration: the user's own (credentials, dev_overrides,
# mirrors) must not change what the docs say, and checkpoint calls are off.
: >"$tmp/terraformrc"
export TF_CLI_CONFIG_FILE="$tmp/terraformrc" CHECKPOINT_DISABLE=1
unset TF_LOG

out="${DOCS_OUT:-docs}"
[ -n "${DOCS_OUT:-}" ] || terraform fmt -recursive "$dir/examples" "$dir/modules" >/dev/null
if [ -n "${TFPLUGINDOCS:-}" ]; then
	docs=("$TFPLUGINDOCS")
else
	docs=(go tool -modfile="$root/tools/go.mod" tfplugindocs)
fi
"${docs[@]}" generate --provider-dir "$dir" --provider-name dataiku \
	--rendered-provider-name Dataiku --rendered-website-dir "$out" --website-temp-dir "$tmp/website" >"$tmp/log" 2>&1 ||
	{ cat "$tmp/log" >&2; exit 1; }
