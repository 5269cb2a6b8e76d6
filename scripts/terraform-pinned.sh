#!/usr/bin/env bash
# Prints the path of a Terraform CLI of the pinned version, building it first
# when the cache does not hold it yet.
#
# Why build: resource identity, list resources (`terraform query`) and
# actions need Terraform >= 1.14, and Terraform's release site is not always
# reachable (CI machines without internet), while the Go module proxy is.
# The proxy serves github.com/hashicorp/terraform, but `go install` refuses
# it: its go.mod replaces nested modules (the remote-state backends and
# internal/legacy) by directories that the module zip does not contain. So
# the module is copied, those backends are dropped from the backend table and
# from go.mod, and it is built as the main module. Nothing the provider's
# tests use needs a remote-state backend (they use the local one).
#
# The build takes 5-20 minutes on 2 cores; the binary is then reused from
#   ${TERRAFORM_PINNED_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-dataiku}/terraform-<version>/terraform
# Usage: scripts/terraform-pinned.sh [--quiet]   (progress goes to stderr)
set -euo pipefail

version="${TERRAFORM_PINNED_VERSION:-1.15.0}"
cache_root="${TERRAFORM_PINNED_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-dataiku}"
# The build recipe (the edits below) is part of the cache key: bump it when
# they change, so that no binary of an older recipe is reused.
recipe=2
dir="$cache_root/terraform-$version-r$recipe"
bin="$dir/terraform"
quiet=false
[[ "${1:-}" == "--quiet" ]] && quiet=true
say() { $quiet || echo "terraform-pinned: $*" >&2; }

# reported_version prints the version a terraform binary reports, from
# its JSON form (the text form may start with CLI configuration warnings).
reported_version() {
	"$1" version -json 2>/dev/null | sed -n 's/^[[:space:]]*"terraform_version": "\(.*\)",$/\1/p'
}

# A cached binary is reused only when it says it is the pinned release (not
# a -dev build, not a half-written file).
if [[ -x "$bin" ]] && [[ "$(reported_version "$bin")" == "$version" ]]; then
	echo "$bin"
	exit 0
fi

module="github.com/hashicorp/terraform"
say "building Terraform $version from the Go module proxy into $dir (once; 5-20 minutes)"
src_dir="$(GOFLAGS=-mod=mod go mod download -json "$module@v$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
[[ -d "$src_dir" ]] || { echo "terraform-pinned: go mod download $module@v$version gave no directory" >&2; exit 1; }

work="$(mktemp -d)"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
cp -R "$src_dir/." "$work/src"
chmod -R u+w "$work/src"
cd "$work/src"

# The nested modules the zip lacks: go.mod names each in a require line
# and a replace directive.
dropped=(azure consul cos gcs kubernetes oci oss pg s3)
for name in "${dropped[@]}"; do
	sed -i "\#$module/internal/backend/remote-state/$name #d" go.mod
done
sed -i "\#$module/internal/legacy #d" go.mod

# The backend table imports and registers the dropped backends; remove
# both, keeping local, remote, http, inmem and cloud.
init="internal/backend/init/init.go"
sed -i -E '/backend(Azure|Consul|Cos|GCS|Kubernetes|OCI|OSS|Pg|S3)[ .]/d' "$init"
if grep -qE 'remote-state/(azure|consul|cos|gcs|kubernetes|oci|oss|pg|s3)"' "$init"; then
	echo "terraform-pinned: $init still imports a dropped backend; the edit needs updating for $version" >&2
	exit 1
fi

# go-getter's GCS and S3 module sources pull in the Google Cloud and AWS
# SDKs (storage, gRPC xDS, Envoy's protobufs), whose package initialisers
# run at every terraform command: a quarter of a bare `terraform version`.
# The tests start terraform thousands of times and never fetch a module
# from a bucket, so a copy of go-getter without those two getters is used.
# `go mod download` (not `go list -m`, which names a Dir only when the module
# is already in the cache) so that a machine with an empty module cache
# builds too; it fetches the version terraform's go.mod requires.
getter_dir="$(GOFLAGS=-mod=mod go mod download -json github.com/hashicorp/go-getter | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
[[ -d "$getter_dir" ]] || { echo "terraform-pinned: no go-getter module directory" >&2; exit 1; }
cp -R "$getter_dir/." "$work/go-getter"
chmod -R u+w "$work/go-getter"
rm "$work/go-getter/get_gcs.go" "$work/go-getter/get_s3.go" "$work"/go-getter/get_gcs_test.go "$work"/go-getter/get_s3_test.go
sed -i -E '/^[[:space:]]*"(gcs|s3)":[[:space:]]+new\((getter\.)?(GCS|S3)Getter\),$/d' "$work/go-getter/get.go" internal/getmodules/getter.go
if grep -qE '(GCS|S3)Getter' "$work/go-getter/get.go" internal/getmodules/getter.go; then
	echo "terraform-pinned: go-getter's GCS or S3 getter is still referenced; the edit needs updating for $version" >&2
	exit 1
fi
echo "replace github.com/hashicorp/go-getter => ../go-getter" >>go.mod

mkdir -p "$dir"
# Each build writes its own partial file, renamed into place whole: two
# invocations at once (make docs beside a test run) both end with a
# working binary instead of one moving the other's file away.
partial="$(mktemp "$dir/terraform.partial.XXXXXX")"
trap 'rm -f "$partial"; chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
# GOFLAGS=-mod=mod lets go fill go.sum for the edited go.mod; the module
# proxy serves every dependency.
GOFLAGS=-mod=mod go build -trimpath \
	-ldflags "-s -w -X $module/version.dev=no" \
	-o "$partial" .
[[ "$(reported_version "$partial")" == "$version" ]] || { echo "terraform-pinned: the build reports $(reported_version "$partial"), not $version" >&2; exit 1; }
mv "$partial" "$bin"
say "built Terraform $version at $bin"
echo "$bin"
