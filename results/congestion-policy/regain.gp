# congestion-policy: time from the first new byte until the goodput (over one
# path RTT) is back at 90 % of the second before the move, per policy,
# against the path RTT; solid: the new AP idle, dashed: loaded by 10 Mb/s of
# UDP. Reads points.csv.
if (!exists("dir")) dir = "results/congestion-policy"
if (!exists("scripts")) scripts = "results"
load scripts."/common.gp"
f = dir."/points.csv"
rtt(g, v) = 2 * (selg(g, v, "x") + 1)
set title "Time to regain 90 % of the goodput before the move (bulk upload, beacon loss)"
set xlabel "Path round trip, 2 x (wiredDelayMs + accessDelayMs) (ms)"
set ylabel "First new byte to 90 % of the old goodput (ms)"
set key top left
set yrange [0:*]
set xrange [0:210]
plot f using (rtt("idle", "RestorePreOutage")):(column("regain_s")*1e3):(column("regain_s_ci95")*1e3) with yerrorlines ls 1 title "RestorePreOutage, AP2 idle", \
     f using (rtt("idle", "ResetToInitial")):(column("regain_s")*1e3):(column("regain_s_ci95")*1e3) with yerrorlines ls 4 title "ResetToInitial, AP2 idle", \
     f using (rtt("idle", "Unchanged")):(column("regain_s")*1e3):(column("regain_s_ci95")*1e3) with yerrorlines ls 2 title "Unchanged, AP2 idle", \
     f using (rtt("loaded", "RestorePreOutage")):(column("regain_s")*1e3):(column("regain_s_ci95")*1e3) with yerrorlines ls 1 dt 2 title "RestorePreOutage, AP2 loaded", \
     f using (rtt("loaded", "ResetToInitial")):(column("regain_s")*1e3):(column("regain_s_ci95")*1e3) with yerrorlines ls 4 dt 2 title "ResetToInitial, AP2 loaded", \
     f using (rtt("loaded", "Unchanged")):(column("regain_s")*1e3):(column("regain_s_ci95")*1e3) with yerrorlines ls 2 dt 2 title "Unchanged, AP2 loaded"
@PNG; set output dir."/regain.png"
replot
@SVG; set output dir."/regain.svg"
replot
