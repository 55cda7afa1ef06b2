# corridor: the share of the stream's chunks later than 150 ms one way per scheme, against the MH's speed.
# Reads points.csv (means over seeds with their 95 % intervals).
if (!exists("dir")) dir = "results/corridor"
if (!exists("scripts")) scripts = "results"
load scripts."/common.gp"
f = dir."/points.csv"
set title "Chunks of a 1 Mb/s stream later than 150 ms one way (G.114), over the walk (log scale)"
set xlabel "MH speed (m/s); APs 80 m apart: 0.75 handovers a minute per m/s"
set ylabel "Chunks later than 150 ms or lost (%)"
set key center left
set logscale y
set yrange [0.1:100]
set format y "%g"
set xrange [0:*]
plot f using (selg("stream", "mobisocket-direct", "x")):(column("late_share")*100):(column("late_share_ci95")*100) with yerrorlines ls 1 title "MobiSocket (SIP INFO direct)", \
     f using (selg("stream", "mobisocket-proxy", "x")):(column("late_share")*100):(column("late_share_ci95")*100) with yerrorlines ls 2 title "MobiSocket (SIP INFO via proxy)", \
     f using (selg("stream", "mobisocket-inband", "x")):(column("late_share")*100):(column("late_share_ci95")*100) with yerrorlines ls 3 title "MobiSocket (in-band AddChange)", \
     f using (selg("stream", "tcp-r", "x")):(column("late_share")*100):(column("late_share_ci95")*100) with yerrorlines ls 4 title "TCP-R", \
     f using (selg("stream", "migrate", "x")):(column("late_share")*100):(column("late_share_ci95")*100) with yerrorlines ls 8 title "TCP Migrate", \
     f using (selg("stream", "redirect", "x")):(column("late_share")*100):(column("late_share_ci95")*100) with yerrorlines ls 5 title "Redirect daemon", \
     f using (selg("stream", "tcp", "x")):(column("late_share")*100):(column("late_share_ci95")*100) with yerrorlines ls 6 title "Plain TCP"
@PNG; set output dir."/delay.png"
replot
@SVG; set output dir."/delay.svg"
replot
