# l2-latency: the link-layer handoff of each scan profile and channel count,
# split into the scan (probe phase) and the association (stacked bars, ms),
# against the 53-420 ms range Mishra, Shin and Arbaugh measured (dashed lines).
if (!exists("dir")) dir = "results/l2-latency"
if (!exists("scripts")) scripts = "results"
load scripts."/common.gp"
f = dir."/points.csv"
set title "Link-layer handoff, first probe to association (means; dashed: measured 53-420 ms)"
set ylabel "Time (ms)"
set style data histograms
set style histogram rowstacked
set style fill solid 0.8 border -1
set boxwidth 0.7
set key inside top left
set yrange [0:*]
set bmargin 7
set xtics nomirror rotate by -35 font ",8"
contrast(v) = (v eq "beacon-loss")
part(c) = contrast(strcol("variant")) ? 0 : column(c) * 1e3
whole(c) = contrast(strcol("variant")) ? column(c) * 1e3 : 0
tic(v) = contrast(v) ? "beacon loss (ns-3)" : v.sprintf(", %d ch", column("scanned_channels"))
@PNG; set output dir."/l2-latency.png"
plot f using (part("scan_s")):xtic(tic(strcol("variant"))) lc rgb "#1f78b4" title "scan (probe phase)", \
     f using (part("assoc_s")) lc rgb "#fdbf6f" title "association", \
     f using (whole("l2_handoff_s")) lc rgb "#999999" title "scan and association (not split: beacon loss)", \
     53 with lines dt 2 lc rgb "black" notitle, \
     420 with lines dt 2 lc rgb "black" notitle
@SVG; set output dir."/l2-latency.svg"
replot
