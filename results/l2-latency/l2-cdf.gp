# l2-cdf: the empirical distribution, over every run (all channel counts and
# seeds), of the link-layer handoff latency (first probe to association) per
# scan profile, against the 53-420 ms range Mishra, Shin and Arbaugh measured
# (shaded). Reads cdf.csv (one row per run, sorted, with its CDF value).
if (!exists("dir")) dir = "results/l2-latency"
if (!exists("scripts")) scripts = "results"
load scripts."/common.gp"
f = dir."/cdf.csv"
set title "Link-layer handoff latency over all runs and channel counts (shaded: measured 53-420 ms)"
set xlabel "First probe to association (ms)"
set ylabel "Fraction of runs"
set yrange [0:1.05]
set xrange [0:*]
set key inside bottom right
set object 1 rect from 53, graph 0 to 420, graph 1 fc rgb "#e0f3db" fs solid 0.6 behind
@PNG; set output dir."/l2-cdf.png"
plot f using (sel("active-30", "l2_handoff_s") * 1e3):(column("fraction")) with steps ls 1 title "active, 30 ms per channel (Linux)", \
     f using (sel("active-50", "l2_handoff_s") * 1e3):(column("fraction")) with steps ls 4 title "active, 50 ms per channel (ns-3)", \
     f using (sel("passive-125", "l2_handoff_s") * 1e3):(column("fraction")) with steps ls 2 title "passive, 125 ms per channel (Linux)", \
     f using (sel("beacon-loss", "l2_handoff_s") * 1e3):(column("fraction")) with steps ls 6 title "beacon loss (ns-3's station)"
@SVG; set output dir."/l2-cdf.svg"
replot
