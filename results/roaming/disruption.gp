# roaming: each scheme's disruption under ns-3's beacon-loss station and the
# signal policy, split into the link layer (last byte to association, dark)
# and the rest (address, exchange, restart; light). Reads points.csv.
if (!exists("dir")) dir = "results/roaming"
if (!exists("scripts")) scripts = "results"
load scripts."/common.gp"
f = dir."/points.csv"
set title "Disruption per scheme and roaming policy (stream; dark: link layer)"
set ylabel "Disruption (ms)"
set style fill solid 0.8 border -1
set boxwidth 0.35
set key top right
set yrange [0:*]
set xrange [-0.6:5.6]
set xtics ("SIP direct" 0, "SIP via proxy" 1, "in band" 2, "TCP-R" 3, "TCP Migrate" 4, "Redirect daemon" 5)
pos(v) = v eq "mobisocket-direct" ? 0 : v eq "mobisocket-proxy" ? 1 : v eq "mobisocket-inband" ? 2 : v eq "tcp-r" ? 3 : v eq "migrate" ? 4 : 5
at(policy, shift) = (strcol("x") eq policy) ? pos(strcol("variant")) + shift : NaN
plot f using (at("beacon-loss", -0.18)):(column("disruption_s")*1e3) with boxes lc rgb "#b3cde3" title "beacon loss: the rest", \
     f using (at("beacon-loss", -0.18)):(column("l2_gap_s")*1e3) with boxes lc rgb "#377eb8" title "beacon loss: link layer", \
     f using (at("signal", 0.18)):(column("disruption_s")*1e3) with boxes lc rgb "#ccebc5" title "signal: the rest", \
     f using (at("signal", 0.18)):(column("l2_gap_s")*1e3) with boxes lc rgb "#4daf4a" title "signal: link layer", \
     f using (at("beacon-loss", -0.18)):(column("disruption_s")*1e3):(column("disruption_s_ci95")*1e3) with yerrorbars lc rgb "black" pt 0 notitle, \
     f using (at("signal", 0.18)):(column("disruption_s")*1e3):(column("disruption_s_ci95")*1e3) with yerrorbars lc rgb "black" pt 0 notitle
@PNG; set output dir."/disruption.png"
replot
@SVG; set output dir."/disruption.svg"
replot
