# Sourced by benchmarks/network/run.sh and benchmarks/reports/run.sh: one synthetic VPC estate
# per size, made by gen_estate.py and cached under $cache (made again when gen_estate.py is
# newer). Reads SECURITY_GROUPS, TGW_FRACTION, SEED and cache; sets file, config and counts.
# shellcheck shell=bash

estate_generator="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/gen_estate.py"

# estate SIZE: the estate's snapshot ($file), palisade.toml ($config) and its counts ($counts:
# interfaces, security groups, route tables, NACLs, VPCs, subnets).
estate() {
  local size="$1"
  # shellcheck disable=SC2154 # set by the sourcing script
  : "${cache:?estate.sh needs the cache directory in $cache}"
  local name="estate-$size-sg$SECURITY_GROUPS-tgw$TGW_FRACTION-seed$SEED"
  file="$cache/$name.json"
  config="$cache/$name.toml"
  counts="$cache/$name.counts"
  if [[ ! -s "$file" || ! -s "$config" || ! -s "$counts" || "$estate_generator" -nt "$file" ]]; then
    echo "==> generating $file"
    python3 "$estate_generator" --interfaces "$size" --security-groups "$SECURITY_GROUPS" \
      --tgw-fraction "$TGW_FRACTION" --seed "$SEED" -o "$file.tmp" --config-out "$config.tmp"
    python3 -c '
import json, sys
n = json.load(open(sys.argv[1]))["network"]
print(*(len(n[k]) for k in ("network_interfaces", "security_groups", "route_tables", "network_acls", "vpcs", "subnets")))' \
      "$file.tmp" >"$counts.tmp"
    mv "$config.tmp" "$config"
    mv "$counts.tmp" "$counts"
    mv "$file.tmp" "$file"
  fi
}
