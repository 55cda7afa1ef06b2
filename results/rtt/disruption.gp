# rtt: disruption per scheme against the path's round trip (points: simulated
# means with their 95 % intervals; dashed: the delay model's expectation for
# the same parameters).
if (!exists("dir")) dir = "results/rtt"
if (!exists("scripts")) scripts = "results"
load scripts."/common.gp"
f = dir."/points.csv"
rtt(v) = 2 * (sel(v, "x") + 1)
set title "Handover disruption against the path RTT (stream, signal roaming; dashed: the delay model)"
set xlabel "Path round trip, 2 x (wiredDelayMs + accessDelayMs) (ms)"
set ylabel "Disruption (ms)"
set key top left
set yrange [0:*]
set xrange [0:*]
plot f using (rtt("mobisocket-direct")):(column("disruption_s")*1e3):(column("disruption_s_ci95")*1e3) with yerrorbars ls 1 title "MobiSocket, SIP INFO direct", \
     f using (rtt("mobisocket-direct")):(column("pred_disruption_s")*1e3) with lines ls 1 dt 2 notitle, \
     f using (rtt("mobisocket-proxy")):(column("disruption_s")*1e3):(column("disruption_s_ci95")*1e3) with yerrorbars ls 2 title "MobiSocket, SIP INFO via proxy", \
     f using (rtt("mobisocket-proxy")):(column("pred_disruption_s")*1e3) with lines ls 2 dt 2 notitle, \
     f using (rtt("mobisocket-inband")):(column("disruption_s")*1e3):(column("disruption_s_ci95")*1e3) with yerrorbars ls 3 title "MobiSocket, in-band AddChange", \
     f using (rtt("mobisocket-inband")):(column("pred_disruption_s")*1e3) with lines ls 3 dt 2 notitle, \
     f using (rtt("tcp-r")):(column("disruption_s")*1e3):(column("disruption_s_ci95")*1e3) with yerrorbars ls 4 title "TCP-R", \
     f using (rtt("tcp-r")):(column("pred_disruption_s")*1e3) with lines ls 4 dt 2 notitle, \
     f using (rtt("migrate")):(column("disruption_s")*1e3):(column("disruption_s_ci95")*1e3) with yerrorbars ls 8 title "TCP Migrate", \
     f using (rtt("migrate")):(column("pred_disruption_s")*1e3) with lines ls 8 dt 2 notitle, \
     f using (rtt("redirect")):(column("disruption_s")*1e3):(column("disruption_s_ci95")*1e3) with yerrorbars ls 5 title "Redirect daemon", \
     f using (rtt("redirect")):(column("pred_disruption_s")*1e3) with lines ls 5 dt 2 notitle
@PNG; set output dir."/disruption.png"
replot
@SVG; set output dir."/disruption.svg"
replot
