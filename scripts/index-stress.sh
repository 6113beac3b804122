#!/bin/bash
# Three readers (in tmux) and three `gloss search` started together on an
# empty cache, TRIALS times; counts the trials that leave a whole index with
# every paper, every search answered and nothing moved aside.
#   scripts/index-stress.sh [TRIALS] [GLOSS_BINARY]
set -u
TRIALS=${1:-20}
B=${2:-target/release/gloss}
B=$(realpath "$B")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK" 2>/dev/null || { sleep 1; rm -rf "$WORK"; }' EXIT
LIB=$WORK/lib
mkdir -p "$LIB"
cp texts/* "$LIB"/
for i in $(seq 0 11); do
  { cat texts/fuller-2013-azerbaijan-foreign-policy.txt; echo; echo "Copy $i."; } > "$LIB/copy-$i.txt"
done
PAPERS=$(ls "$LIB" | wc -l)
ok=0
for t in $(seq 1 "$TRIALS"); do
  C=$WORK/cache-$t
  mkdir -p "$C"
  for r in 1 2 3; do
    tmux -L gloss-stress-$$-$r new-session -d -x 100 -y 30 \
      "env XDG_CACHE_HOME=$C XDG_STATE_HOME=$C/state-$r XDG_DATA_HOME=$C/data HOME=$C $B $LIB"
  done
  pids=""
  for s in 1 2 3; do
    XDG_CACHE_HOME=$C XDG_DATA_HOME=$C/data "$B" search Mammadyarov "$LIB" > "$C/search-$s.out" 2> "$C/search-$s.err" &
    pids="$pids $!"
  done
  fail=0
  for p in $pids; do wait "$p" || fail=1; done
  for _ in $(seq 1 150); do
    busy=0
    for r in 1 2 3; do tmux -L gloss-stress-$$-$r capture-pane -p | grep -q "indexing" && busy=1; done
    [ $busy = 0 ] && break
    sleep 0.2
  done
  for r in 1 2 3; do
    said=$(tmux -L gloss-stress-$$-$r capture-pane -p | grep "cannot\|damaged\|locked\|moved\|busy\|memory")
    [ -n "$said" ] && { echo "trial $t, reader $r: $said"; fail=1; }
    tmux -L gloss-stress-$$-$r kill-server
  done
  for s in 1 2 3; do
    [ -s "$C/search-$s.out" ] || { echo "trial $t, search $s: no hits"; fail=1; }
    [ -s "$C/search-$s.err" ] && { cat "$C/search-$s.err"; fail=1; }
  done
  ls "$C/gloss" | grep -q unreadable && { echo "trial $t: index moved aside"; fail=1; }
  found=$(XDG_CACHE_HOME=$C XDG_DATA_HOME=$C/data "$B" search Azerbaijan "$LIB" --limit 500 |
    python3 -c "import sys, json; print(len({json.loads(l)['paper'] for l in sys.stdin}))")
  [ "$found" = "$PAPERS" ] || { echo "trial $t: $found of $PAPERS papers"; fail=1; }
  [ $fail = 0 ] && ok=$((ok + 1))
done
echo "$ok of $TRIALS trials left a whole index"
