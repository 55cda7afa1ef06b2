# baselines: the disruption of each scheme after re-association, broken down into its
# parts (stacked bars, ms), with the measured total and its 95 % confidence interval.
# The layer-2 gap before (the same physics for every scheme) is given in the title.
if (!exists("dir")) dir = "results/baselines"
if (!exists("scripts")) scripts = "results"
load scripts."/common.gp"
f = dir."/points.csv"
stats f using "l2_gap_s" nooutput
set title sprintf("Disruption after re-association, by part (plus a layer-2 gap of %.3f s for every scheme)", STATS_mean)
set ylabel "Time after re-association (ms)"
set style data histograms
set style histogram rowstacked
set style fill solid 0.8 border -1
set boxwidth 0.6
set key inside top left
set yrange [0:*]
set offsets 0, 0, graph 0.45, 0
set bmargin 5
set xtics nomirror font ",9"
tic(s) = brk(strcol("label")).(column("success_rate") == 0 ? "\n(never recovered)" : "")
@PNG; set output dir."/breakdown.png"
plot f using (column("address_s")*1e3):xtic(tic(0)) lc rgb "#1f78b4" title "new address (DHCP)", \
     f using (column("update_s")*1e3) lc rgb "#fdbf6f" title "update: lease to the peer's TCB rewritten", \
     f using (column("resume_s")*1e3) lc rgb "#ff7f00" title "resume: to the first byte through the new path", \
     f using 0:((column("disruption_s")-column("l2_gap_s"))*1e3):(column("disruption_s_ci95")*1e3) with yerrorbars lc rgb "black" pt 7 ps 0.6 title "measured total (95 % CI)"
@SVG; set output dir."/breakdown.svg"
replot
