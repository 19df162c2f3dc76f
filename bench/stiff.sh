#!/usr/bin/env bash
# Benchmark (d) of issue 11: stiff flows at the cost of their slow scale. One run, prints every figure.
#
#   bench/stiff.sh [--scipy] [--cap S] [--scipy-cap S] [--scan-tend T] [--scan-cap S] [--scan KEY=V1,V2,..]
#                  [--scipy-threads N] [--cases a,b] [--no-variants] [--no-scan] [--keep] [--set key.path=value ...]
#
# Per case of bench/stiff/ (ts-nohead, ts-head-sg, eom-stiff): the whole-process wall time of
# `./collapse run CASE` (the launcher) and of plain `java -jar target/collapse.jar run CASE` (no JVM
# options, as a user or the Slurm recipe types it), the
# evaluations, method and slow rate from summary.json; then the case's seeded instance and in-process
# end state (org.repcollapse.bench.StiffInstance) and, with --scipy, the scipy peers on that instance
# (bench/baseline_stiff.py: its rhs and exact Jacobian checked first, then BDF and Radau), side by side
# with ratios and the end-state agreement; for eom-stiff the late slow-rate fit against R3's closed
# form. Then the five teacher-student variants together (bench/stiff/variants/, target < 60 s), and the
# table "cost grows with the slow scale, not the stiffness ratio": evaluations of ts-nohead against
# eta_W (default; --scan teacher.prototypeScale=1,3,10 for kappa) at a fixed horizon, auto and dop853.
#
# Every Java run is capped at --cap seconds (default 120; scan runs at --scan-cap, default 60), each scipy
# peer at --scipy-cap (default 300);
# a capped entry prints "> cap". The scipy peers run with OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE removed
# (as bench (a)) and OpenBLAS' default thread count, or OPENBLAS_NUM_THREADS=N with --scipy-threads N:
# on a loaded machine (load above the core count) OpenBLAS' threads spin and a 32k-long dot product
# took 24 ms instead of 3 us, so there --scipy-threads 1 is scipy's best. --set overrides go to every run (e.g. a short smoke test:
# --set integrator.method=dop853 --set integrator.tEnd=2). Needs python3 (numpy, scipy with --scipy).
# Timings on a shared machine are indicative only; every ratio compares figures of the same run.
set -uo pipefail
cd "$(dirname "$0")/.."

cap=120
scipy_cap=300
scipy=0
variants=1
scan=1
keep=0
scan_tend=20
scan_cap=60
scan_spec="rates.samples=0.1,1,10,100"
scipy_threads=
cases="ts-nohead ts-head-sg eom-stiff"
sets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --scipy) scipy=1 ;;
    --cap) cap="$2"; shift ;;
    --scipy-cap) scipy_cap="$2"; shift ;;
    --scipy-threads) scipy_threads="$2"; shift ;;
    --scan-tend) scan_tend="$2"; shift ;;
    --scan-cap) scan_cap="$2"; shift ;;
    --scan) scan_spec="$2"; shift ;;
    --cases) cases="${2//,/ }"; shift ;;
    --no-variants) variants=0 ;;
    --no-scan) scan=0 ;;
    --keep) keep=1 ;;
    --set) sets+=(--set "$2"); shift ;;
    *) echo "bench/stiff.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

jar=target/collapse.jar
if [ ! -f "$jar" ] || [ -n "$(find src/main pom.xml -newer "$jar" -print -quit)" ]; then
  echo "building $jar ..." >&2
  mvn -q -B package -DskipTests >&2 || exit 1
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/collapse-stiff.XXXXXX")
if [ "$keep" = 1 ]; then echo "outputs kept in $tmp"; else trap 'rm -rf "$tmp"' EXIT; fi

now() { date +%s.%N; }
# timed LABEL CMD...: runs CMD under the cap; sets $secs (wall, or "> cap") and $rc
timed() {
  local log="$tmp/$1.log"; shift
  local t0; t0=$(now)
  timeout "$cap" "$@" >"$log" 2>&1
  rc=$?
  if [ $rc = 124 ]; then secs="> ${cap}"; else secs=$(awk -v a="$t0" -v b="$(now)" 'BEGIN{printf "%.2f", b - a}'); fi
}
# jget FILE key.path: a value of summary.json ("-" when absent)
jget() {
  python3 - "$1" "$2" <<'EOF'
import json, sys
try:
    v = json.load(open(sys.argv[1]))
    for k in sys.argv[2].split("."):
        v = v[k]
    print("-" if v is None else (f"{v:.6g}" if isinstance(v, float) else v))
except Exception:
    print("-")
EOF
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (a+0 > 0 && b+0 > 0 && a !~ />/ && b !~ />/) printf "%.1fx", a / b; else printf "-" }'; }
java_cmd=(java -Xmx8g -Djava.awt.headless=true)
scipy_env=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE)
[ -n "$scipy_threads" ] && scipy_env+=(OPENBLAS_NUM_THREADS="$scipy_threads")
fmt2() { awk -v a="$1" 'BEGIN{ if (a ~ /^[0-9.eE+-]+$/) printf "%.2f", a; else printf "%s", a }'; }

echo "benchmark (d), $(date -u +%FT%TZ); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java: $(java -version 2>&1 | head -1); python: $(python3 -c 'import numpy, scipy, sys; print(sys.version.split()[0], "numpy", numpy.__version__, "scipy", scipy.__version__)' 2>/dev/null || echo unavailable)"
[ ${#sets[@]} -gt 0 ] && echo "overrides: ${sets[*]}"
[ "$scipy" = 1 ] && echo "scipy: OpenBLAS threads ${scipy_threads:-default}"
awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v n="$(nproc)" 'BEGIN{ if (l + 0 > n + 0) print "note: load above the core count; wall times are unreliable (scipy with OpenBLAS threads most: try --scipy-threads 1)" }'
echo

rows=()
for c in $cases; do
  file=bench/stiff/$c.yaml
  timed "$c-launcher" ./collapse run "$file" --out "$tmp/$c-launcher" "${sets[@]}"
  launch=$secs; launch_rc=$rc
  timed "$c-jar" java -jar "$jar" run "$file" --out "$tmp/$c-jar" "${sets[@]}"
  plain=$secs
  sum="$tmp/$c-launcher/summary.json"
  if [ "$launch_rc" != 0 ] && [ "$launch_rc" != 124 ]; then
    echo "$c: ./collapse run failed (status $launch_rc): $(tail -1 "$tmp/$c-launcher.log")"
  fi
  evals=$(jget "$sum" integration.rhs_evaluations)
  method=$(jget "$sum" integration.method)
  used=$(jget "$sum" integration.method_used)
  [ "$used" != "-" ] && method="$method->$used"
  echo "== $c ($method): launcher ${launch} s, plain java -jar ${plain} s ($(ratio "$plain" "$launch") of the launcher; target <= 1.5x), ${evals} rhs evaluations"
  echo "   summary.json integration: $(python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["integration"]))' "$sum" 2>/dev/null || echo -)"
  slow=$(jget "$sum" rates.slow_fitted)
  echo "   slow rate fitted ${slow}, predicted $(jget "$sum" rates.slow_predicted) (summary.json)"
  if [ "$c" = eom-stiff ] && [ "$slow" != "-" ]; then
    g=$(jget "$sum" experiment.rates.labels); phi=$(jget "$sum" experiment.frustration.fraction); ex=$(jget "$sum" experiment.rates.samples)
    awk -v g="$g" -v phi="$phi" -v ex="$ex" -v s="$slow" 'BEGIN{
      r = 2 * phi / (1 + phi); b = ex + g; ls = (b - sqrt(b * b - 4 * ex * g * r)) / 2;
      printf "   R3 closed form at gamma = %g: r = %.6f, lambda_s = %.7g; fitted/closed - 1 = %+.2e (target |.| < 1e-2)\n", g, r, ls, s / ls - 1 }'
  fi
  inst="$tmp/$c-instance"
  timed "$c-instance" "${java_cmd[@]}" --add-modules jdk.incubator.vector -cp "$jar" org.repcollapse.bench.StiffInstance "$file" --out "$inst" "${sets[@]}"
  if [ "$rc" != 0 ]; then
    echo "   instance export: ${secs} s, status $rc: $(grep -v WARNING "$tmp/$c-instance.log" | tail -1)"
    rows+=("$c|$launch|$plain|$evals|-|-|-|-|-|-")
    continue
  fi
  echo "   instance: $(grep -v WARNING "$tmp/$c-instance.log" | tail -1)"
  bdf="-|-|-"; radau="-|-|-"
  if [ "$scipy" = 1 ]; then
    if timeout "$scipy_cap" "${scipy_env[@]}" python3 bench/baseline_stiff.py "$inst" --check >"$tmp/$c-check.log" 2>&1; then
      echo "   scipy rhs and Jacobian: checked ($(grep -c ' ok$' "$tmp/$c-check.log") checks ok: rhs = Java's at z0 and z(tEnd), J = complex step)"
    else
      echo "   scipy check FAILED or capped:"; sed 's/^/     /' "$tmp/$c-check.log"
    fi
    for m in BDF Radau; do
      if timeout "$scipy_cap" "${scipy_env[@]}" python3 bench/baseline_stiff.py "$inst" --methods "$m" >"$tmp/$c-$m.log" 2>&1; then
        read -r _ _ tint tall nfev njev nlu diff <<<"$(grep '^RESULT' "$tmp/$c-$m.log")"
        rtol=$(jget "$inst/instance.json" integration.rtol)
        agree=$(awk -v x="$diff" -v r="$rtol" 'BEGIN{ print (x + 0 <= 100 * r) ? "agrees: <= 100 rtol" : "DIFFERS: > 100 rtol" }')
        echo "   scipy $m: $(fmt2 "$tint") s integration ($(fmt2 "$tall") s with set-up), nfev $nfev, njev $njev, nlu $nlu; end state vs Java $diff (relative; $agree)"
        cell="$(fmt2 "$tint")|$(ratio "$tint" "$launch")|$diff"
      else
        echo "   scipy $m: > ${scipy_cap} s (capped) or failed: $(tail -1 "$tmp/$c-$m.log")"
        cell="> ${scipy_cap}|-|-"
      fi
      if [ "$m" = BDF ]; then bdf=$cell; else radau=$cell; fi
    done
  fi
  rows+=("$c|$launch|$plain|$evals|$bdf|$radau")
done

echo
echo "Side by side (wall seconds, whole process for Java; scipy integration only; speed-up = scipy / launcher;"
echo "end state = max |z_scipy - z_java| / max |z_java| on the same seeded instance):"
printf '%-11s %10s %10s %9s | %10s %8s %9s | %10s %8s %9s\n' case launcher "java -jar" evals "BDF s" speedup "end diff" "Radau s" speedup "end diff"
for r in "${rows[@]}"; do
  IFS='|' read -r c a b e b1 b2 b3 r1 r2 r3 <<<"$r"
  printf '%-11s %10s %10s %9s | %10s %8s %9s | %10s %8s %9s\n' "$c" "$a" "$b" "$e" "$b1" "$b2" "$b3" "$r1" "$r2" "$r3"
done

if [ "$variants" = 1 ]; then
  echo
  echo "Five teacher-student variants (bench/stiff/variants/), launcher, whole process (target: all five < 60 s):"
  total=0; capped=0
  for f in bench/stiff/variants/*.yaml; do
    v=$(basename "$f" .yaml)
    timed "variant-$v" ./collapse run "$f" --out "$tmp/variant-$v" "${sets[@]}"
    [ $rc = 124 ] && capped=1 || total=$(awk -v a="$total" -v b="$secs" 'BEGIN{print a + b}')
    s="$tmp/variant-$v/summary.json"
    printf '  %-18s %8s s  %9s evaluations  %-9s collapse  slow rate %s\n' "$v" "$secs" "$(jget "$s" integration.rhs_evaluations)" \
      "$(jget "$s" collapse.type)" "$(jget "$s" rates.slow_fitted)"
  done
  [ $capped = 1 ] && echo "  total: > $total s (some runs capped at ${cap} s)" || echo "  total: $total s"
fi

if [ "$scan" = 1 ]; then
  key=${scan_spec%%=*}; values=${scan_spec#*=}
  echo
  echo "Cost grows with the slow scale, not the stiffness ratio: ts-nohead, $key scanned, t to $scan_tend,"
  echo "rhs evaluations (wall seconds, whole process), each run capped at ${scan_cap} s; the fastest rate grows"
  echo "as eta_W kappa^2 (568 at eta_W = 1, kappa = 3), the slow rate is the theory's collapse rate:"
  printf '  %-22s %24s %24s   %s\n' "$key" auto dop853 "slow rate (theory)"
  for x in ${values//,/ }; do
    line=$(printf '  %-22s' "$x"); slow="-"
    for m in auto dop853; do
      out="$tmp/scan-$m-$x"
      cap=$scan_cap timed "scan-$m-$x" ./collapse run bench/stiff/ts-nohead.yaml --out "$out" "${sets[@]}" \
        --set "$key=$x" --set integrator.tEnd="$scan_tend" --set integrator.method=$m
      if [ $rc = 124 ]; then cell="> cap ${scan_cap} s"
      elif [ $rc != 0 ]; then cell="n/a (status $rc)"
      else cell="$(jget "$out/summary.json" integration.rhs_evaluations) ($secs s)"; slow=$(jget "$out/summary.json" theory.slow_rate); fi
      line+=$(printf ' %24s' "$cell")
    done
    line+="   $slow"
    echo "$line"
  done
fi
