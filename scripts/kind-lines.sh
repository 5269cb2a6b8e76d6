#!/usr/bin/env bash
# The non-test lines of a kind in the provider, the client (internal/dss)
# and the emulator, at a revision: issue 24's "lines per kind" figure.
#
# Usage: scripts/kind-lines.sh [REV] [KIND...]
#   REV   a git revision (default HEAD); KINDs default to the four the
#         issue names: dataset recipe scenario connection.
#
# A kind's files are the .go files (not _test.go) under internal/dss,
# internal/emulator and internal/provider whose name is the kind, its
# plural, or either followed by _something (dataset_convert.go,
# datasets.go, dataset_metrics_data_source.go). The test helpers of
# internal/provider/acctest are left out. Matching names rather than
# folders counts the same files before and after the layout moved the
# kinds into scope packages, so two revisions compare.
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:-HEAD}
shift || true
kinds=("$@")
[ ${#kinds[@]} -gt 0 ] || kinds=(dataset recipe scenario connection)
files=$(git ls-tree -r --name-only "$rev" internal/dss internal/emulator internal/provider | grep -v '/acctest/' | grep -v '_test\.go$')
for kind in "${kinds[@]}"; do
	total=0
	for f in $(grep -E "/${kind}s?(_[a-z0-9_]+)?\.go$" <<<"$files"); do
		n=$(git show "$rev:$f" | wc -l)
		total=$((total + n))
	done
	echo "$kind $total"
done
