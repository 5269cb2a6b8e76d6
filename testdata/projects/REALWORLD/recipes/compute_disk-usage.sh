df -P | awk 'NR>1 {print $1"\t"$3}'
